from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ErasureIn")


@_attrs_define
class ErasureIn:
    """
    Attributes:
        erased_on (datetime.date):
        recorded_by (str):
        schedule (str): The retention schedule the erasure is made under
    """

    erased_on: datetime.date
    recorded_by: str
    schedule: str

    def to_dict(self) -> dict[str, Any]:
        erased_on = self.erased_on.isoformat()

        recorded_by = self.recorded_by

        schedule = self.schedule

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "erased_on": erased_on,
                "recorded_by": recorded_by,
                "schedule": schedule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        erased_on = datetime.date.fromisoformat(d.pop("erased_on"))

        recorded_by = d.pop("recorded_by")

        schedule = d.pop("schedule")

        erasure_in = cls(
            erased_on=erased_on,
            recorded_by=recorded_by,
            schedule=schedule,
        )

        return erasure_in
