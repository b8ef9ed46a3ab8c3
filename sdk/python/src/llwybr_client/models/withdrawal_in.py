from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WithdrawalIn")


@_attrs_define
class WithdrawalIn:
    """
    Attributes:
        reason (str):
        withdrawn_by (str):
        withdrawn_on (datetime.date):
    """

    reason: str
    withdrawn_by: str
    withdrawn_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        withdrawn_by = self.withdrawn_by

        withdrawn_on = self.withdrawn_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "withdrawn_by": withdrawn_by,
                "withdrawn_on": withdrawn_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        withdrawn_by = d.pop("withdrawn_by")

        withdrawn_on = datetime.date.fromisoformat(d.pop("withdrawn_on"))

        withdrawal_in = cls(
            reason=reason,
            withdrawn_by=withdrawn_by,
            withdrawn_on=withdrawn_on,
        )

        return withdrawal_in
