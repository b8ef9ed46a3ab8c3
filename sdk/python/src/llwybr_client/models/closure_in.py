from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.closure_reason import ClosureReason

T = TypeVar("T", bound="ClosureIn")


@_attrs_define
class ClosureIn:
    """
    Attributes:
        closed_on (datetime.date):
        reason (ClosureReason): Why a plan ends without a decision to cease it.
    """

    closed_on: datetime.date
    reason: ClosureReason

    def to_dict(self) -> dict[str, Any]:
        closed_on = self.closed_on.isoformat()

        reason = self.reason.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closed_on": closed_on,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closed_on = datetime.date.fromisoformat(d.pop("closed_on"))

        reason = ClosureReason(d.pop("reason"))

        closure_in = cls(
            closed_on=closed_on,
            reason=reason,
        )

        return closure_in
