from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.review_outcome import ReviewOutcome

T = TypeVar("T", bound="ReviewIn")


@_attrs_define
class ReviewIn:
    """
    Attributes:
        held_on (datetime.date):
        outcome (ReviewOutcome):
    """

    held_on: datetime.date
    outcome: ReviewOutcome

    def to_dict(self) -> dict[str, Any]:
        held_on = self.held_on.isoformat()

        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "held_on": held_on,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        held_on = datetime.date.fromisoformat(d.pop("held_on"))

        outcome = ReviewOutcome(d.pop("outcome"))

        review_in = cls(
            held_on=held_on,
            outcome=outcome,
        )

        return review_in
