from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EnrolmentEndIn")


@_attrs_define
class EnrolmentEndIn:
    """
    Attributes:
        left_on (datetime.date):
        recorded_by (str):
    """

    left_on: datetime.date
    recorded_by: str

    def to_dict(self) -> dict[str, Any]:
        left_on = self.left_on.isoformat()

        recorded_by = self.recorded_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "left_on": left_on,
                "recorded_by": recorded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        left_on = datetime.date.fromisoformat(d.pop("left_on"))

        recorded_by = d.pop("recorded_by")

        enrolment_end_in = cls(
            left_on=left_on,
            recorded_by=recorded_by,
        )

        return enrolment_end_in
