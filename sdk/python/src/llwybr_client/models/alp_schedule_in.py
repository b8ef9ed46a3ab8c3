from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.period import Period
from ..types import UNSET, Unset

T = TypeVar("T", bound="AlpScheduleIn")


@_attrs_define
class AlpScheduleIn:
    """How often and how long, as numbers: e.g. 3 sessions of 30 minutes a week, term time.

    Attributes:
        minutes_each (int):
        per (Period): What a schedule's number of sessions is counted per.
        sessions (int):
        term_time_only (bool | Unset):  Default: True.
    """

    minutes_each: int
    per: Period
    sessions: int
    term_time_only: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        minutes_each = self.minutes_each

        per = self.per.value

        sessions = self.sessions

        term_time_only = self.term_time_only

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "minutes_each": minutes_each,
                "per": per,
                "sessions": sessions,
            }
        )
        if term_time_only is not UNSET:
            field_dict["term_time_only"] = term_time_only

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        minutes_each = d.pop("minutes_each")

        per = Period(d.pop("per"))

        sessions = d.pop("sessions")

        term_time_only = d.pop("term_time_only", UNSET)

        alp_schedule_in = cls(
            minutes_each=minutes_each,
            per=per,
            sessions=sessions,
            term_time_only=term_time_only,
        )

        return alp_schedule_in
