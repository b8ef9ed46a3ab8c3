from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bounce_receipt_bounce import BounceReceiptBounce

T = TypeVar("T", bound="BounceReceipt")


@_attrs_define
class BounceReceipt:
    """
    Attributes:
        bounce (BounceReceiptBounce):
        notice_id (str):
        recorded (bool):
    """

    bounce: BounceReceiptBounce
    notice_id: str
    recorded: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bounce = self.bounce.value

        notice_id = self.notice_id

        recorded = self.recorded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bounce": bounce,
                "notice_id": notice_id,
                "recorded": recorded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bounce = BounceReceiptBounce(d.pop("bounce"))

        notice_id = d.pop("notice_id")

        recorded = d.pop("recorded")

        bounce_receipt = cls(
            bounce=bounce,
            notice_id=notice_id,
            recorded=recorded,
        )

        bounce_receipt.additional_properties = d
        return bounce_receipt

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
