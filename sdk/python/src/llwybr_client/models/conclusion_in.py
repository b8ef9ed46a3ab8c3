from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.disagreement_outcome import DisagreementOutcome

T = TypeVar("T", bound="ConclusionIn")


@_attrs_define
class ConclusionIn:
    """
    Attributes:
        concluded_on (datetime.date):
        outcome (DisagreementOutcome):
        summary (str):
    """

    concluded_on: datetime.date
    outcome: DisagreementOutcome
    summary: str

    def to_dict(self) -> dict[str, Any]:
        concluded_on = self.concluded_on.isoformat()

        outcome = self.outcome.value

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "concluded_on": concluded_on,
                "outcome": outcome,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        concluded_on = datetime.date.fromisoformat(d.pop("concluded_on"))

        outcome = DisagreementOutcome(d.pop("outcome"))

        summary = d.pop("summary")

        conclusion_in = cls(
            concluded_on=concluded_on,
            outcome=outcome,
            summary=summary,
        )

        return conclusion_in
