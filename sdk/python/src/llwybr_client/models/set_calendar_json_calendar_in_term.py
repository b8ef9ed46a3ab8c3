from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetCalendarJsonCalendarInTerm")


@_attrs_define
class SetCalendarJsonCalendarInTerm:
    """A term or half of one, both ends inclusive.

    Attributes:
        end (datetime.date):
        name (str):
        start (datetime.date):
    """

    end: datetime.date
    name: str
    start: datetime.date

    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        name = self.name

        start = self.start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end": end,
                "name": name,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = datetime.date.fromisoformat(d.pop("end"))

        name = d.pop("name")

        start = datetime.date.fromisoformat(d.pop("start"))

        set_calendar_json_calendar_in_term = cls(
            end=end,
            name=name,
            start=start,
        )

        return set_calendar_json_calendar_in_term
