"""The shapes of a plan's issued version and of its provision report, as their ``GET``s
answer them (issue 20). The stable fields are named; the rest is allowed as it is
(``extra="allow"``), so describing an answer never drops a field a client reads. The routes
answer with ``response_model_exclude_unset``: a field the answer lacks is not added as null.
"""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

_ELEMENT: JsonDict = {
    "element_id": "e1",
    "provision": "Structured phonics in a small group",
    "frequency": "4 sessions a week",
    "duration": "30 minutes each, for 2 terms",
    "delivered_by": "Teaching assistant trained in phonics",
    "provider_kind": "school",
    "provider_organisation": "school:6652001",
    "in_welsh": True,
    "intended_outcome": "Cerys reads 100 high-frequency words by July",
    "rationale": "Limited progress with universal provision",
    "start_on": "2026-04-20",
    "review_or_end_on": "2026-12-18",
}
_VERSION: JsonDict = {
    "number": 2,
    "issued_on": "2026-10-02",
    "issued_by": "school:6652001",
    "review_by": {
        "rule_id": "D14",
        "rule_table_version": "2026.1",
        "unit": "months",
        "length": 12,
        "trigger_date": "2026-10-02",
        "due_on": "2027-10-01",
        "provisional": False,
        "explanation": "12 months beginning with 2 October 2026 under D14 (rules 2026.1): "
        "due 1 October 2027",
    },
    "revision_reason": "review",
    "content": {
        "learner_id": "7d1e4b2a-5c3f-4e8d-9a6b-0f1e2d3c4b5a",
        "looked_after": False,
        "maintainer": {"kind": "school", "organisation": "school:6652001"},
        "one_page_profile": {
            "what_people_like_and_admire": "Kind and funny",
            "what_is_important": "Football",
            "how_best_to_support": "Short, clear instructions",
        },
        "section_1": {
            "learner_name": "Cerys Hughes",
            "date_of_birth": "2017-05-02",
            "home_language": "Cymraeg",
            "consent_and_capacity": "Parents consulted",
        },
        "aln_description": {
            "description": "Specific learning difficulty in literacy",
            "impact_on_learning": "Reading age two years below",
        },
        "alp": [_ELEMENT],
        "welsh_language_decision": "ALP in Welsh: she is taught through Welsh",
        "section_3": {
            "information_used": "Educational psychologist's report",
            "review_and_transition": "Review before moving to secondary school",
        },
    },
}


class IssuedVersion(BaseModel):
    """An issued version of a plan exactly as it was frozen on issue."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_VERSION]})

    number: int = Field(description="The version's number, from 1")
    issued_on: date
    issued_by: str = Field(description="The maintaining body that issued it")
    review_by: dict[str, Any] | None = Field(
        default=None, description="Its review deadline as the statutory clock computed it"
    )
    revision_reason: str | None = Field(default=None, description="Why it was revised (v2+)")
    content: dict[str, Any] = Field(description="The plan's sections as issued (the form's)")


class ProvisionElement(BaseModel):
    """One ALP element's provision to the day: expected (over the school-day calendar),
    delivered, missed and the gap, in sessions and minutes."""

    model_config = ConfigDict(extra="allow")

    element_id: str
    provider_organisation: str | None = None
    expected_sessions: int | float | None = Field(default=None, description="None: unmeasurable")
    expected_minutes: int | float | None = None
    delivered_sessions: int | float
    delivered_minutes: int | float
    missed_sessions: int | float
    missed_reasons: list[str] = Field(default_factory=list, description="Why, per miss")
    gap_minutes: int | float | None = Field(default=None, description="Expected less delivered")
    window_share: int | float | None = None
    shortfalls: list[str] = Field(default_factory=list, description="The IDP_SHORTFALL_* met")
    measurable: bool = Field(description="False: the element has no schedule, nothing is due")
    provisional: bool = Field(description="No calendar known: counted on working days")


class ProvisionReport(BaseModel):
    """A plan's provision planned against delivered, per element, on a day."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "id": "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f",
                    "as_of": "2026-06-19",
                    "calendar": "Wrexham 2025/26",
                    "elements": [
                        {
                            "element_id": "e1",
                            "provider_organisation": "school:6652001",
                            "expected_sessions": 25.8,
                            "expected_minutes": 774.0,
                            "delivered_sessions": 20,
                            "delivered_minutes": 600,
                            "missed_sessions": 2,
                            "missed_reasons": ["learner absent"],
                            "gap_minutes": 174.0,
                            "shortfalls": [],
                            "measurable": True,
                            "provisional": False,
                        }
                    ],
                    "short": [],
                    "provisional": False,
                }
            ]
        },
    )

    id: str = Field(description="The plan's id")
    as_of: date
    calendar: str | None = Field(default=None, description="The calendar counted on; None: none")
    elements: list[ProvisionElement]
    short: list[str] = Field(default_factory=list, description="The elements found short")
    provisional: bool


_PLAN = "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f"


class ProvidedAlpRow(BaseModel):
    """An element of ALP in force that one organisation provides, with its figures to date."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "idp_id": _PLAN,
                    "element_id": "e2",
                    "plan_version": 2,
                    "maintaining_organisation": "la:665",
                    "provider_kind": "nhs_body",
                    "provider_organisation": "lhb:7A1",
                    "in_welsh": True,
                    "sessions_delivered": 12,
                    "sessions_missed": 1,
                    "minutes_delivered": 540,
                    "welsh_sessions_delivered": 12,
                    "to_date": {
                        "element_id": "e2",
                        "provider_organisation": "lhb:7A1",
                        "expected_sessions": 13.0,
                        "expected_minutes": 585.0,
                        "delivered_sessions": 12,
                        "delivered_minutes": 540,
                        "missed_sessions": 1,
                        "missed_reasons": ["therapist ill"],
                        "gap_minutes": 45.0,
                        "shortfalls": [],
                        "measurable": True,
                        "provisional": False,
                        "calendar": "Wrexham 2025/26",
                    },
                }
            ]
        },
    )

    idp_id: str
    element_id: str
    plan_version: int = Field(description="The issued version the element is in force from")
    maintaining_organisation: str
    provider_kind: str
    provider_organisation: str
    in_welsh: bool | None = None
    sessions_delivered: int
    sessions_missed: int
    to_date: ProvisionElement | None = Field(
        default=None, description="Planned against delivered on `as_of` (with its `calendar`)"
    )


class ShortfallRow(BaseModel):
    """An element of ALP in force found short of its schedule, not yet delivered again."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "idp_id": _PLAN,
                    "element_id": "e1",
                    "learner_id": "7d1e4b2a-5c3f-4e8d-9a6b-0f1e2d3c4b5a",
                    "provider_organisation": "school:6652001",
                    "maintaining_organisation": "school:6652001",
                    "since": "2026-10-12",
                    "found_on": "2026-10-19",
                    "kinds": ["below_share"],
                    "window_share": 0.6,
                }
            ]
        },
    )

    idp_id: str
    element_id: str
    learner_id: str
    provider_organisation: str = Field(description="The body that must act")
    maintaining_organisation: str
    since: date = Field(description="The day the shortfall began")
    found_on: date
    kinds: list[str] = Field(description="The shortfalls found (IDP_SHORTFALL_*)")
    window_share: float | None = None
