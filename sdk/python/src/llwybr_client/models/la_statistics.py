from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.month_figures import MonthFigures
    from ..models.outcome_figures import OutcomeFigures


T = TypeVar("T", bound="LaStatistics")


@_attrs_define
class LaStatistics:
    """Of the learners an LA is responsible for or looks after.

    Attributes:
        average_days_to_decision (float | None): From the concern to the decision; None before any decision
        by_month (list[MonthFigures]): By the month decided, in order
        by_outcome (list[OutcomeFigures]):
        decisions (int): Decisions made
        decisions_given (int): Decisions given to the family (s.4(6))
        decisions_given_within_time (int): Of those, given by the due date
        decisions_within_time (int): Of those, made within the statutory time, as each decision judged it
        local_authority (str): The local authority's id, `la:` and its number
        open_cases (int): Cases still open
    """

    average_days_to_decision: float | None
    by_month: list[MonthFigures]
    by_outcome: list[OutcomeFigures]
    decisions: int
    decisions_given: int
    decisions_given_within_time: int
    decisions_within_time: int
    local_authority: str
    open_cases: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average_days_to_decision: float | None
        average_days_to_decision = self.average_days_to_decision

        by_month = []
        for by_month_item_data in self.by_month:
            by_month_item = by_month_item_data.to_dict()
            by_month.append(by_month_item)

        by_outcome = []
        for by_outcome_item_data in self.by_outcome:
            by_outcome_item = by_outcome_item_data.to_dict()
            by_outcome.append(by_outcome_item)

        decisions = self.decisions

        decisions_given = self.decisions_given

        decisions_given_within_time = self.decisions_given_within_time

        decisions_within_time = self.decisions_within_time

        local_authority = self.local_authority

        open_cases = self.open_cases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "average_days_to_decision": average_days_to_decision,
                "by_month": by_month,
                "by_outcome": by_outcome,
                "decisions": decisions,
                "decisions_given": decisions_given,
                "decisions_given_within_time": decisions_given_within_time,
                "decisions_within_time": decisions_within_time,
                "local_authority": local_authority,
                "open_cases": open_cases,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.month_figures import MonthFigures  # noqa: PLC0415
        from ..models.outcome_figures import OutcomeFigures  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_average_days_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_days_to_decision = _parse_average_days_to_decision(
            d.pop("average_days_to_decision")
        )

        by_month = []
        _by_month = d.pop("by_month")
        for by_month_item_data in _by_month:
            by_month_item = MonthFigures.from_dict(by_month_item_data)

            by_month.append(by_month_item)

        by_outcome = []
        _by_outcome = d.pop("by_outcome")
        for by_outcome_item_data in _by_outcome:
            by_outcome_item = OutcomeFigures.from_dict(by_outcome_item_data)

            by_outcome.append(by_outcome_item)

        decisions = d.pop("decisions")

        decisions_given = d.pop("decisions_given")

        decisions_given_within_time = d.pop("decisions_given_within_time")

        decisions_within_time = d.pop("decisions_within_time")

        local_authority = d.pop("local_authority")

        open_cases = d.pop("open_cases")

        la_statistics = cls(
            average_days_to_decision=average_days_to_decision,
            by_month=by_month,
            by_outcome=by_outcome,
            decisions=decisions,
            decisions_given=decisions_given,
            decisions_given_within_time=decisions_given_within_time,
            decisions_within_time=decisions_within_time,
            local_authority=local_authority,
            open_cases=open_cases,
        )

        la_statistics.additional_properties = d
        return la_statistics

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
