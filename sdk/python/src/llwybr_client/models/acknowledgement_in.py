from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AcknowledgementIn")


@_attrs_define
class AcknowledgementIn:
    """
    Attributes:
        acknowledged_on (datetime.date):
        tribunal_reference (str):
    """

    acknowledged_on: datetime.date
    tribunal_reference: str

    def to_dict(self) -> dict[str, Any]:
        acknowledged_on = self.acknowledged_on.isoformat()

        tribunal_reference = self.tribunal_reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "acknowledged_on": acknowledged_on,
                "tribunal_reference": tribunal_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        acknowledged_on = datetime.date.fromisoformat(d.pop("acknowledged_on"))

        tribunal_reference = d.pop("tribunal_reference")

        acknowledgement_in = cls(
            acknowledged_on=acknowledged_on,
            tribunal_reference=tribunal_reference,
        )

        return acknowledgement_in
