from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReviewApplicationIn")


@_attrs_define
class ReviewApplicationIn:
    """
    Attributes:
        applied_on (datetime.date):
        by (str):
        grounds (str):
    """

    applied_on: datetime.date
    by: str
    grounds: str

    def to_dict(self) -> dict[str, Any]:
        applied_on = self.applied_on.isoformat()

        by = self.by

        grounds = self.grounds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "applied_on": applied_on,
                "by": by,
                "grounds": grounds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applied_on = datetime.date.fromisoformat(d.pop("applied_on"))

        by = d.pop("by")

        grounds = d.pop("grounds")

        review_application_in = cls(
            applied_on=applied_on,
            by=by,
            grounds=grounds,
        )

        return review_application_in
