"""The answer of an LA's statistics (``GET /v1/statistics/local-authorities/{la}``): a
described model with its example, so an MIS or a dashboard knows each figure's meaning."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.organisations import LocalAuthority


class _Decisions(BaseModel):
    decisions: int = Field(description="Decisions made")
    decisions_within_time: int = Field(
        description="Of those, made within the statutory time, as each decision judged it"
    )


class MonthFigures(_Decisions):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2026-03"])


class OutcomeFigures(_Decisions):
    outcome: Literal["has_aln", "no_aln"]


_EXAMPLE: dict[str, Any] = {
    "local_authority": "la:665",
    "decisions": 3,
    "decisions_within_time": 2,
    "decisions_given": 2,
    "decisions_given_within_time": 2,
    "average_days_to_decision": 41.5,
    "open_cases": 4,
    "by_month": [
        {"month": "2026-03", "decisions": 2, "decisions_within_time": 2},
        {"month": "2026-04", "decisions": 1, "decisions_within_time": 0},
    ],
    "by_outcome": [
        {"outcome": "has_aln", "decisions": 2, "decisions_within_time": 1},
        {"outcome": "no_aln", "decisions": 1, "decisions_within_time": 1},
    ],
}


class LaStatistics(_Decisions):
    """Of the learners an LA is responsible for or looks after."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    local_authority: LocalAuthority
    decisions_given: int = Field(description="Decisions given to the family (s.4(6))")
    decisions_given_within_time: int = Field(description="Of those, given by the due date")
    average_days_to_decision: float | None = Field(
        description="From the concern to the decision; None before any decision"
    )
    open_cases: int = Field(description="Cases still open")
    by_month: list[MonthFigures] = Field(description="By the month decided, in order")
    by_outcome: list[OutcomeFigures]
