from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HearingIn")


@_attrs_define
class HearingIn:
    """
    Attributes:
        hearing_on (datetime.date):
    """

    hearing_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        hearing_on = self.hearing_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hearing_on": hearing_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hearing_on = datetime.date.fromisoformat(d.pop("hearing_on"))

        hearing_in = cls(
            hearing_on=hearing_on,
        )

        return hearing_in
