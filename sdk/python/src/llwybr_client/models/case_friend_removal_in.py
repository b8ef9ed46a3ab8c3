from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CaseFriendRemovalIn")


@_attrs_define
class CaseFriendRemovalIn:
    """
    Attributes:
        reason (str):
        removed_on (datetime.date):
    """

    reason: str
    removed_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        removed_on = self.removed_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "removed_on": removed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        removed_on = datetime.date.fromisoformat(d.pop("removed_on"))

        case_friend_removal_in = cls(
            reason=reason,
            removed_on=removed_on,
        )

        return case_friend_removal_in
