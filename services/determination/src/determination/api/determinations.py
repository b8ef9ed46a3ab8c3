"""A determination: raising a concern, reading the case, and the steps of its life that are
neither evidence nor the decision (consent, referral to the LA, exceptions, withdrawal)."""

from uuid import UUID

from fastapi import APIRouter, Response

from determination.api.dependencies import ServiceDep
from determination.api.errors import CASE_CLOSED
from determination.api.schemas import (
    ConcernIn,
    ConsentIn,
    DeterminationOut,
    ExceptionClaimIn,
    RaisedOut,
    ReferralToLaIn,
    WithdrawalIn,
)
from determination.application import Concern
from determination.domain import Circumstances, Learner
from determination.domain.errors import (
    DateOutOfOrderError,
    InvalidLearnerError,
    InvalidTransitionError,
    InvalidUpnError,
    OpenDeterminationError,
    UnknownReferenceError,
    WrongDecidingBodyError,
    YoungPersonConflictError,
)
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, created, expected_version
from llwybr.organisation_ids import la_number, setting_number
from llwybr.problem_types import raises

#: Who may raise a concern: a body the learner relates to (``access.require_may_raise``).
_RAISE_REFUSALS = {
    **WRITE_REFUSALS,
    "not-responsible": "The caller is not a body that may raise a concern about this learner.",
}
#: 409: a school naming a learner enrolled at another setting (``registry._require_may_name``).
_ENROLLED_ELSEWHERE = "The learner is enrolled at another setting, which raises the concern."

router = APIRouter()


@router.post(
    "/determinations",
    status_code=201,
    summary="Raise a concern about a learner",
    openapi_extra=raises(
        InvalidLearnerError,
        InvalidUpnError,
        YoungPersonConflictError,
        OpenDeterminationError,
        DateOutOfOrderError,
        refusals=_RAISE_REFUSALS,
        problems={409: {"enrolled-elsewhere": _ENROLLED_ELSEWHERE}},
    ),
)
def raise_concern(
    body: ConcernIn, response: Response, caller: CallerDep, app: ServiceDep
) -> RaisedOut:
    """A new learner is registered (the raising school or FEI as enrolled, or the raising LA
    as responsible or looking after); naming a known one needs a relationship with them. A
    learner with an open case gets 409 naming it (open-determination)."""
    raised = app.raise_concern(caller, concern_of(body))
    body.learner.deprecate_if_bare(response)
    created(response, f"/v1/determinations/{raised.determination_id}", *raised[:2])
    return RaisedOut(id=raised.determination_id, version=raised.version,
                     learner_id=raised.learner_id)  # fmt: skip


def concern_of(body: ConcernIn) -> Concern:
    """The concern as the service layer takes it (InvalidLearnerError if the learner's
    details contradict each other)."""
    learner_data = body.learner.model_dump()
    local_id, young_person = learner_data.pop("local_id"), learner_data.pop("young_person")
    learner_data["learner_id"] = learner_data["learner_id"] or ""
    # The learner's events record LAs and the school or FEI by number, as they always have
    # (never rewritten); the domain makes the public form (``Learner.setting_organisation``).
    learner_data["local_authority"] = la_number(learner_data["local_authority"])
    if learner_data["setting_id"] is not None:
        learner_data["setting_id"] = setting_number(learner_data["setting_id"])
    if learner_data["looking_after_authority"] is not None:
        learner_data["looking_after_authority"] = la_number(learner_data["looking_after_authority"])
    try:
        learner = Learner(**learner_data)
    except ValueError as error:
        raise InvalidLearnerError(str(error)) from error
    circumstances = Circumstances(raised_with=body.raised_with, **body.circumstances.model_dump())
    return Concern(
        learner, circumstances, body.raised_by, body.came_to_attention_on, local_id, young_person
    )


@router.get(
    "/determinations/{determination_id}",
    summary="A determination, deadlines explained",
    openapi_extra=raises(),
)
def get_determination(
    determination_id: UUID, response: Response, caller: CallerDep, app: ServiceDep
) -> DeterminationOut:
    """The case as it stands: its learner, status, decision and each statutory deadline with
    the rule, the dates it was counted from, the calendar used and why (`explanation`;
    `provisional` while no term calendar is known). Its `version` is the `ETag`."""
    view = app.determination(caller, determination_id)
    response.headers["ETag"] = f'"{view.version}"'
    return DeterminationOut.of(view)


@router.post(
    "/determinations/{determination_id}/consent",
    summary="Record consent",
    openapi_extra=raises(InvalidTransitionError, DateOutOfOrderError, refusals=WRITE_REFUSALS),
)
def record_consent(
    determination_id: UUID, body: ConsentIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records a young person's consent to the decision whether they have ALN, or their refusal.
    Consent starts the deciding body's clock (D2: the time runs from consent); a refusal
    means there is no duty to decide. A body that may act on the case (the deciding body, or
    another the learner's facts relate to it) records it in its own name: the `recorded_by`
    field must be the caller's organisation, else 403. Refused (409) when the case is not
    awaiting consent."""
    version = app.record_consent(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/referral-to-local-authority",
    summary="A school or FEI refers the decision to the LA (s.12)",
    openapi_extra=raises(
        *CASE_CLOSED,
        InvalidTransitionError,
        WrongDecidingBodyError,
        DateOutOfOrderError,
        refusals=WRITE_REFUSALS,
    ),
)
def refer_to_local_authority(
    determination_id: UUID, body: ReferralToLaIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """A school or FEI refers the decision whether the learner has ALN to the learner's LA (s.12):
    the LA becomes the deciding body and its own decision clock starts on the day of the
    referral. A body that may act on the case (the deciding body, or another the learner's
    facts relate to it) records it in its own name: the `referred_by` field must be the
    caller's organisation, else 403. Refused when the LA already decides, or the case is
    closed."""
    version = app.refer_to_local_authority(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/exception-claims",
    summary="Claim an exception to a time limit, with reason and evidence",
    openapi_extra=raises(UnknownReferenceError, refusals=WRITE_REFUSALS),
)
def claim_exception(
    determination_id: UUID, body: ExceptionClaimIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records that a body claims one of the ALN Code's exceptions to a time limit of the case,
    with its reason and evidence. The claim is recorded beside the deadline, never a silent
    move of the date; an unknown `deadline_key` is refused. A body that may act on the case
    (the deciding body, or another the learner's facts relate to it) records it in its own
    name: the `claimed_by` field must be the caller's organisation, else 403."""
    version = app.claim_exception(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/withdrawal",
    summary="Withdraw the concern",
    openapi_extra=raises(*CASE_CLOSED, DateOutOfOrderError, refusals=WRITE_REFUSALS),
)
def withdraw(
    determination_id: UUID, body: WithdrawalIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Withdraws the concern (for instance, the learner left the setting): the case ends without
    a decision (status `withdrawn`). A body that may act on the case (the deciding body, or
    another the learner's facts relate to it) records it in its own name: the `withdrawn_by`
    field must be the caller's organisation, else 403. Refused on a closed case, and for a
    day before the learner came to attention."""
    version = app.withdraw(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)
