from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EnrolmentIn")


@_attrs_define
class EnrolmentIn:
    """
    Attributes:
        enrolled_on (datetime.date):
        recorded_by (str):
        setting (str): The school's or FEI's id, its kind and its establishment number (`school:6652001`,
            `fei:10001234`)
    """

    enrolled_on: datetime.date
    recorded_by: str
    setting: str

    def to_dict(self) -> dict[str, Any]:
        enrolled_on = self.enrolled_on.isoformat()

        recorded_by = self.recorded_by

        setting = self.setting

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "enrolled_on": enrolled_on,
                "recorded_by": recorded_by,
                "setting": setting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enrolled_on = datetime.date.fromisoformat(d.pop("enrolled_on"))

        recorded_by = d.pop("recorded_by")

        setting = d.pop("setting")

        enrolment_in = cls(
            enrolled_on=enrolled_on,
            recorded_by=recorded_by,
            setting=setting,
        )

        return enrolment_in
