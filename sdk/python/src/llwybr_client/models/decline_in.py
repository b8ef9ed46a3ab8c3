from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DeclineIn")


@_attrs_define
class DeclineIn:
    """
    Attributes:
        declined_on (datetime.date):
        reasons (str):
    """

    declined_on: datetime.date
    reasons: str

    def to_dict(self) -> dict[str, Any]:
        declined_on = self.declined_on.isoformat()

        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "declined_on": declined_on,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        declined_on = datetime.date.fromisoformat(d.pop("declined_on"))

        reasons = d.pop("reasons")

        decline_in = cls(
            declined_on=declined_on,
            reasons=reasons,
        )

        return decline_in
