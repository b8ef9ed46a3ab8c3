from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EndIn")


@_attrs_define
class EndIn:
    """
    Attributes:
        ended_on (datetime.date):
        reason (str):
    """

    ended_on: datetime.date
    reason: str

    def to_dict(self) -> dict[str, Any]:
        ended_on = self.ended_on.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ended_on": ended_on,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ended_on = datetime.date.fromisoformat(d.pop("ended_on"))

        reason = d.pop("reason")

        end_in = cls(
            ended_on=ended_on,
            reason=reason,
        )

        return end_in
