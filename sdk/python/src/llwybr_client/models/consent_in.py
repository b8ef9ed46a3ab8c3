from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConsentIn")


@_attrs_define
class ConsentIn:
    """
    Attributes:
        given (bool):
        recorded_by (str):
        recorded_on (datetime.date):
    """

    given: bool
    recorded_by: str
    recorded_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        given = self.given

        recorded_by = self.recorded_by

        recorded_on = self.recorded_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "given": given,
                "recorded_by": recorded_by,
                "recorded_on": recorded_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given = d.pop("given")

        recorded_by = d.pop("recorded_by")

        recorded_on = datetime.date.fromisoformat(d.pop("recorded_on"))

        consent_in = cls(
            given=given,
            recorded_by=recorded_by,
            recorded_on=recorded_on,
        )

        return consent_in
