from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TermlyReview")


@_attrs_define
class TermlyReview:
    """
    Attributes:
        outcome (str):
        reviewed_on (datetime.date):
    """

    outcome: str
    reviewed_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome

        reviewed_on = self.reviewed_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
                "reviewed_on": reviewed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = d.pop("outcome")

        reviewed_on = datetime.date.fromisoformat(d.pop("reviewed_on"))

        termly_review = cls(
            outcome=outcome,
            reviewed_on=reviewed_on,
        )

        return termly_review
