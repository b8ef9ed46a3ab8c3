from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CessationIn")


@_attrs_define
class CessationIn:
    """
    Attributes:
        decided_on (datetime.date):
        reasons (str):
    """

    decided_on: datetime.date
    reasons: str

    def to_dict(self) -> dict[str, Any]:
        decided_on = self.decided_on.isoformat()

        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_on": decided_on,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        reasons = d.pop("reasons")

        cessation_in = cls(
            decided_on=decided_on,
            reasons=reasons,
        )

        return cessation_in
