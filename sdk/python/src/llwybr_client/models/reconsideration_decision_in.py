from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.reconsideration_outcome import ReconsiderationOutcome

T = TypeVar("T", bound="ReconsiderationDecisionIn")


@_attrs_define
class ReconsiderationDecisionIn:
    """
    Attributes:
        decided_on (datetime.date):
        outcome (ReconsiderationOutcome): The LA's decision on a reconsideration (which ones fit a kind: ``OUTCOMES``).
        reasons (str):
    """

    decided_on: datetime.date
    outcome: ReconsiderationOutcome
    reasons: str

    def to_dict(self) -> dict[str, Any]:
        decided_on = self.decided_on.isoformat()

        outcome = self.outcome.value

        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_on": decided_on,
                "outcome": outcome,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        outcome = ReconsiderationOutcome(d.pop("outcome"))

        reasons = d.pop("reasons")

        reconsideration_decision_in = cls(
            decided_on=decided_on,
            outcome=outcome,
            reasons=reasons,
        )

        return reconsideration_decision_in
