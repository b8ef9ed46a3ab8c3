"""The request and response models of the IDP API (names and fields are the public contract:
the OpenAPI snapshot)."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.organisations import LocalAuthority
from idp.domain import (
    ClosureReason,
    MaintainerKind,
    Period,
    ProviderKind,
    ReviewOutcome,
    ReviewRequester,
    RevisionReason,
    TransferReason,
)
from idp.domain.deliveries import Language
from llwybr.change_feed import ChangeFeedPage
from llwybr.edge import Accepted, ActDate, FreeText, Line, Model, Organisation
from llwybr.organisation_ids import LocalAuthorityId, NotesBareLa

Text = Annotated[FreeText, Field(max_length=20_000)]


class MaintainerIn(Model):
    kind: MaintainerKind
    organisation: Organisation


class OpenIn(Model):
    learner_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
    maintainer: MaintainerIn
    opened_on: ActDate
    looked_after: bool = False


class Section1In(Model):
    learner_name: Annotated[Line, Field(min_length=1, max_length=200)]
    date_of_birth: date
    home_language: Annotated[Line, Field(min_length=2, max_length=40)]
    consent_and_capacity: Text


class OnePageProfileIn(Model):
    what_people_like_and_admire: Text
    what_is_important: Text
    how_best_to_support: Text


class AlnDescriptionIn(Model):
    description: Text
    impact_on_learning: Text
    reasons_where_disputed: Text | None = None


class AlpScheduleIn(Model):
    """How often and how long, as numbers: e.g. 3 sessions of 30 minutes a week, term time."""

    sessions: Annotated[int, Field(ge=1, le=100, examples=[3])]
    minutes_each: Annotated[int, Field(ge=1, le=1440, examples=[30])]
    per: Period
    term_time_only: bool = True


class AlpElementIn(Model):
    element_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,32}$")]
    intended_outcome: Text = ""
    provision: Text = ""
    delivered_by: Text = ""
    frequency: Text = Field(default="", examples=["3 sessions a week"])
    duration: Text = Field(default="", examples=["30 minutes each, for 2 terms"])
    in_welsh: bool | None = None
    provider_kind: ProviderKind
    provider_organisation: Organisation
    start_on: date | None = None
    review_or_end_on: date | None = None
    rationale: Text = ""
    schedule: AlpScheduleIn | None = Field(
        default=None, description="When given, 2B.2's text is rendered from it (cy and en)"
    )


class WelshDecisionIn(Model):
    decision: Annotated[FreeText, Field(min_length=1, max_length=5000)]
    alp_in_welsh: bool | None = Field(
        default=None,
        description="The decision as a fact: issuing refuses ALP that disagrees with it",
    )


class LaExtrasIn(Model):
    named_place: Text | None = None
    board_and_lodging: bool = False
    transport: Text | None = None


class Section3In(Model):
    information_used: Text
    review_and_transition: Text


class LacDetailsIn(NotesBareLa, Model):
    bare_la_fields = ("looking_after_authority",)
    independent_reviewing_officer: Annotated[Line, Field(min_length=1, max_length=200)]
    # An organisation id since issue 20 (it was free text: plans drafted then keep theirs).
    looking_after_authority: LocalAuthorityId
    personal_education_plan_reference: Annotated[Line, Field(min_length=1, max_length=200)]


class IssueIn(Model):
    issued_on: ActDate
    issued_by: Organisation


class IssueWarning(BaseModel):
    """Something the version was issued with that the Code asks to be otherwise."""

    element_id: str
    type: str = Field(examples=["not-measurable"])
    detail: str


class IssuedOut(Accepted):
    """The version issued, and its warnings: an element with no schedule is issued with its
    text but is not measurable (2B.2 should be quantified: ADR 0021)."""

    warnings: list[IssueWarning]


class ReviseIn(IssueIn):
    reason: RevisionReason


class ReviewRequestIn(Model):
    requested_by_kind: ReviewRequester
    organisation_or_person: Annotated[Line, Field(min_length=1, max_length=200)]
    requested_on: ActDate
    reason: Text


class DeclineIn(Model):
    declined_on: ActDate
    reasons: Annotated[FreeText, Field(min_length=1, max_length=5000)]


class ReviewIn(Model):
    held_on: ActDate
    outcome: ReviewOutcome


class NhsAlpIn(Model):
    element: AlpElementIn
    nhs_answer_reference: Annotated[Line, Field(min_length=1, max_length=200)]
    added_on: ActDate


class TransferIn(Model):
    to: MaintainerIn
    reason: TransferReason
    transferred_on: ActDate


class FeiRequestIn(Model):
    fei: Annotated[Organisation, Field(pattern=r"^fei:", examples=["fei:10001234"])]
    requested_on: ActDate
    received_on: ActDate = Field(description="The day the FEI received it: D13 runs from it")


class FeiAnswerIn(Model):
    agreed: bool
    answered_on: ActDate


class MinistersDeterminationIn(Model):
    fei_maintains: bool = Field(description="The Welsh Ministers determined the FEI must")
    determined_on: ActDate


class CeaseProposalIn(Model):
    proposed_on: ActDate
    reasons: Annotated[FreeText, Field(min_length=1, max_length=5000)]


class CessationIn(Model):
    decided_on: ActDate
    reasons: Annotated[FreeText, Field(min_length=1, max_length=5000)]


class ClosureIn(Model):
    closed_on: ActDate
    reason: ClosureReason


class DeliveryIn(Model):
    """One session, or one period's sessions, delivered or missed; ``key`` tells apart two
    records of one element on one day ("am", "pm"): a repeat of a record counts once."""

    element_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{1,32}$")]
    on: ActDate
    delivered: bool
    sessions: Annotated[int, Field(ge=1, le=100)] = 1
    minutes: Annotated[int | None, Field(ge=0, le=1440)] = None
    missed_reason: Text | None = None
    recorded_by: Organisation
    key: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.:-]{0,32}$")] = ""
    language: Language | None = Field(default=None, description="The language it was given in")


class PlanOut(BaseModel):
    id: UUID
    version: int
    learner_id: str
    status: str
    maintainer: dict[str, Any]
    looked_after: bool
    current_plan_version: int
    deadlines: dict[str, Any]
    draft: dict[str, Any]
    problems_before_issue: dict[str, str]
    revision_due: list[str]
    revision_due_by: date | None = Field(
        description="The date an open Tribunal order to revise the plan must be complied with by"
    )
    revision_directions: list[dict[str, Any]]
    revision_orders: list[dict[str, Any]] = Field(
        description="The Tribunal's orders to revise the plan and the version that answered each"
    )
    review_requests: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    transfers: list[dict[str, Any]]
    fei_request: dict[str, Any] | None = Field(
        description="The LA's request that an FEI maintain the plan, and how it stands"
    )
    cease: dict[str, Any] | None
    closure: dict[str, Any] | None
    deliveries: dict[str, list[dict[str, Any]]]
    shortfalls: dict[str, dict[str, Any]] = Field(
        description="Open shortfalls of provision by element (since when, why): for the next review"
    )


class PlanPage(BaseModel):
    items: list[dict[str, Any]]
    next_after: str | None = Field(description="Pass as `after` for the next page")


class PlanChanges(ChangeFeedPage):
    """Plans changed after a position."""


class WelshMediumSufficiency(BaseModel):
    """An LA's Welsh-medium ALP across the plans in force of the learners it is responsible
    for: what must be provided in Welsh, and what was."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "local_authority": "la:665",
                    "alp_elements": 12,
                    "learners_needing_welsh": 3,
                    "plans_needing_welsh": 3,
                    "alp_elements_in_welsh": 4,
                    "learners_given_welsh": 2,
                    "plans_given_welsh": 2,
                    "alp_elements_given_in_welsh": 3,
                    "welsh_sessions_delivered": 18,
                    "welsh_sessions_given_in_english": 2,
                    "welsh_sessions_missed": 1,
                }
            ]
        }
    )

    local_authority: LocalAuthority
    alp_elements: int = Field(description="Elements of ALP in the LA's learners' plans")
    learners_needing_welsh: int = Field(description="Learners with ALP to provide in Welsh")
    plans_needing_welsh: int = Field(description="Plans with ALP to provide in Welsh")
    alp_elements_in_welsh: int = Field(description="Elements of ALP to provide in Welsh")
    learners_given_welsh: int = Field(description="Of those learners, given some in Welsh")
    plans_given_welsh: int = Field(description="Of those plans, given some in Welsh")
    alp_elements_given_in_welsh: int = Field(description="Of those elements, given in Welsh")
    welsh_sessions_delivered: int = Field(description="Their sessions given in Welsh")
    welsh_sessions_given_in_english: int = Field(
        description="Their sessions given in English (or another language) instead: not "
        "Welsh-medium provision delivered"
    )
    welsh_sessions_missed: int = Field(description="Their sessions missed")
