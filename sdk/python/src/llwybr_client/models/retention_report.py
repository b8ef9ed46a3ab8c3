from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.retention_line import RetentionLine


T = TypeVar("T", bound="RetentionReport")


@_attrs_define
class RetentionReport:
    """
    Attributes:
        due (list[RetentionLine]): Due by the month's end and not held
        held (list[RetentionLine]): Due by the month's end but on legal hold
        local_authority (str):
        month (str):
    """

    due: list[RetentionLine]
    held: list[RetentionLine]
    local_authority: str
    month: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = []
        for due_item_data in self.due:
            due_item = due_item_data.to_dict()
            due.append(due_item)

        held = []
        for held_item_data in self.held:
            held_item = held_item_data.to_dict()
            held.append(held_item)

        local_authority = self.local_authority

        month = self.month

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "held": held,
                "local_authority": local_authority,
                "month": month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.retention_line import RetentionLine  # noqa: PLC0415

        d = dict(src_dict)
        due = []
        _due = d.pop("due")
        for due_item_data in _due:
            due_item = RetentionLine.from_dict(due_item_data)

            due.append(due_item)

        held = []
        _held = d.pop("held")
        for held_item_data in _held:
            held_item = RetentionLine.from_dict(held_item_data)

            held.append(held_item)

        local_authority = d.pop("local_authority")

        month = d.pop("month")

        retention_report = cls(
            due=due,
            held=held,
            local_authority=local_authority,
            month=month,
        )

        retention_report.additional_properties = d
        return retention_report

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
