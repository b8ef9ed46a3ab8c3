from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CaseFriendIn")


@_attrs_define
class CaseFriendIn:
    """
    Attributes:
        appointed_on (datetime.date):
        case_friend (str):
    """

    appointed_on: datetime.date
    case_friend: str

    def to_dict(self) -> dict[str, Any]:
        appointed_on = self.appointed_on.isoformat()

        case_friend = self.case_friend

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "appointed_on": appointed_on,
                "case_friend": case_friend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        appointed_on = datetime.date.fromisoformat(d.pop("appointed_on"))

        case_friend = d.pop("case_friend")

        case_friend_in = cls(
            appointed_on=appointed_on,
            case_friend=case_friend,
        )

        return case_friend_in
