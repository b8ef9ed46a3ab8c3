from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcome_figures_outcome import OutcomeFiguresOutcome

T = TypeVar("T", bound="OutcomeFigures")


@_attrs_define
class OutcomeFigures:
    """
    Attributes:
        decisions (int): Decisions made
        decisions_within_time (int): Of those, made within the statutory time, as each decision judged it
        outcome (OutcomeFiguresOutcome):
    """

    decisions: int
    decisions_within_time: int
    outcome: OutcomeFiguresOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decisions = self.decisions

        decisions_within_time = self.decisions_within_time

        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decisions": decisions,
                "decisions_within_time": decisions_within_time,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decisions = d.pop("decisions")

        decisions_within_time = d.pop("decisions_within_time")

        outcome = OutcomeFiguresOutcome(d.pop("outcome"))

        outcome_figures = cls(
            decisions=decisions,
            decisions_within_time=decisions_within_time,
            outcome=outcome,
        )

        outcome_figures.additional_properties = d
        return outcome_figures

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
