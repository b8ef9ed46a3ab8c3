"""A plan's statutory life: issued and revised, reviews asked for, declined and held, NHS ALP
added, transfers, cease proposed and decided, closure."""

from fastapi import Response

from idp.api.common import (
    MAINTAIN_REFUSALS,
    MAINTAINER_REFUSALS,
    IdpId,
    ServiceDep,
    resource_router,
)
from idp.api.schemas import (
    CeaseProposalIn,
    CessationIn,
    ClosureIn,
    DeclineIn,
    FeiAnswerIn,
    FeiRequestIn,
    IssuedOut,
    IssueIn,
    IssueWarning,
    MinistersDeterminationIn,
    NhsAlpIn,
    ReviewIn,
    ReviewRequestIn,
    ReviseIn,
    TransferIn,
)
from idp.domain import AlpElement, Maintainer
from idp.domain.errors import (
    CeaseNotProposedError,
    DateOutOfOrderError,
    DeadlineRequiredError,
    DuplicateAlpElementError,
    IdpAlreadyCeasedError,
    IdpAlreadyIssuedError,
    IdpClosedError,
    IdpIncompleteError,
    IdpInvalidTransitionError,
    IdpNotIssuedError,
    InvalidPlanContentError,
    ReviewCannotBeDeclinedError,
    RevisionNotDueError,
    SameMaintainerError,
    TransferNotAllowedError,
    WrongDeadlineError,
)
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import Accepted, CallerDep, IfMatch, accepted, expected_version
from llwybr.problem_types import raises

#: What a change of maintaining body meets (``domain.transfers.check_transfer``).
_TRANSFER_ERRORS = (
    DateOutOfOrderError,
    DeadlineRequiredError,
    IdpClosedError,
    InvalidPlanContentError,
    SameMaintainerError,
    TransferNotAllowedError,
    WrongDeadlineError,
)

router = resource_router()


def issued(response: Response, service: ServiceDep, caller: CallerDep, idp_id: IdpId,
           version: int) -> IssuedOut:  # fmt: skip
    """The answer to an issue or a revision: its version, and a warning for each element
    whose delivery cannot be measured."""
    warnings = [
        IssueWarning(
            element_id=element_id,
            type="not-measurable",
            detail=f"ALP element {element_id} has no schedule (sessions, minutes, how often): "
            "it is issued with its text, but what is delivered cannot be measured against "
            "it, and it is shown as not measurable. The Code asks 2B.2 to be quantified.",
        )
        for element_id in service.unmeasurable(caller, idp_id)
    ]
    return IssuedOut(**accepted(response, idp_id, version).model_dump(), warnings=warnings)


@router.post(
    "/{idp_id}/issue",
    summary="Issue version 1 (the review clock starts)",
    openapi_extra=raises(
        DateOutOfOrderError,
        IdpAlreadyIssuedError,
        IdpClosedError,
        IdpIncompleteError,
        InvalidPlanContentError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def issue(
    idp_id: IdpId, body: IssueIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> IssuedOut:  # fmt: skip
    """Issues the draft as version 1 of the IDP, in the name of the maintaining body (`issued_by`
    must be the caller's organisation). The review clock starts on the day of issue: within
    12 months (D14; D15 the same for a looked-after child). The answer carries the new
    `version` and a warning for each ALP element whose delivery cannot be measured (no
    schedule)."""
    version = service.issue(
        caller, idp_id, issued_on=body.issued_on, issued_by=body.issued_by,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return issued(response, service, caller, idp_id, version)


@router.post(
    "/{idp_id}/revisions",
    summary="Issue the draft as the next version",
    openapi_extra=raises(
        DateOutOfOrderError,
        IdpClosedError,
        IdpIncompleteError,
        IdpNotIssuedError,
        InvalidPlanContentError,
        RevisionNotDueError,
        WrongDeadlineError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def revise(
    idp_id: IdpId, body: ReviseIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> IssuedOut:  # fmt: skip
    """Issues the draft as the next version of the plan, for the reason given (`review`, `nhs_alp`,
    `tribunal_order`, `reconsideration`). Only the maintaining body may, or an LA as its
    reconsideration directed or a Tribunal order requires; the next review period follows
    the cycle of s.23. The answer is as for issuing version 1, with the same warnings."""
    version = service.revise(
        caller, idp_id, issued_on=body.issued_on, issued_by=body.issued_by, reason=body.reason,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return issued(response, service, caller, idp_id, version)


@router.post(
    "/{idp_id}/review-requests",
    summary="A family or an NHS body asks for a review",
    openapi_extra=raises(
        DateOutOfOrderError,
        IdpClosedError,
        IdpNotIssuedError,
        InvalidPlanContentError,
        refusals={
            **MAINTAINER_REFUSALS,
            "own-name": "An NHS body asks for a review in its own name.",
        },
    ),
)
def request_review(
    idp_id: IdpId, body: ReviewRequestIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records a request for the plan to be reviewed. A family's request comes through the
    maintaining body, which records it; an NHS body asks in its own name (its
    `organisation_or_person` must be the caller's organisation). The maintaining body must
    then hold a review or decline the request."""
    version = service.request_review(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/review-requests/decline",
    summary="Decline a family's request",
    openapi_extra=raises(
        DateOutOfOrderError,
        IdpClosedError,
        IdpNotIssuedError,
        ReviewCannotBeDeclinedError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def decline_review(
    idp_id: IdpId, body: DeclineIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The maintaining body declines a family's request for a review, with its reasons. Only the
    maintaining body may, and only while a family's request is pending; an NHS body's
    request may not be declined (hold the review)."""
    version = service.decline_review(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/reviews",
    summary="Hold a review: revised, or not (clock reset)",
    openapi_extra=raises(
        DateOutOfOrderError,
        DeadlineRequiredError,
        IdpClosedError,
        IdpNotIssuedError,
        InvalidPlanContentError,
        WrongDeadlineError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def hold_review(
    idp_id: IdpId, body: ReviewIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records that the maintaining body held a review and its outcome. Not revised: the next
    review period follows the cycle (s.23(3), (4)); revised: a revision is due and is issued
    with `POST /v1/idps/{idp_id}/revisions`. Only the maintaining body may."""
    version = service.hold_review(
        caller, idp_id, held_on=body.held_on, outcome=body.outcome,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/nhs-alp",
    summary="Add ALP to be secured by an NHS body",
    openapi_extra=raises(
        DateOutOfOrderError,
        DuplicateAlpElementError,
        IdpClosedError,
        InvalidPlanContentError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def add_nhs_alp(
    idp_id: IdpId, body: NhsAlpIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Adds to the plan ALP that an NHS body is to secure, naming the body; from then on that body
    may read the plan and record the delivery of its element. Only the maintaining body may."""
    element = AlpElement.from_dict(body.element.model_dump())
    version = service.add_nhs_alp(
        caller, idp_id, element, nhs_answer_reference=body.nhs_answer_reference,
        added_on=body.added_on, expected_version=expected_version(if_match),
    )  # fmt: skip
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/transfers",
    summary="Transfer responsibility to another body",
    openapi_extra=raises(*_TRANSFER_ERRORS, refusals={**MAINTAINER_REFUSALS, **MAINTAIN_REFUSALS}),
)
def transfer(
    idp_id: IdpId, body: TransferIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Transfers the duty to maintain the plan to another body, which from then on maintains it.
    The plan goes only to a body the learner's recorded facts relate to them, and a
    take-over only to the learner's responsible LA or LA looking after; an LA's plan goes to
    an FEI by request and agreement instead (`fei-requests`), so a `la_to_fei` transfer here
    is refused. Only the current maintaining body may."""
    version = service.transfer(
        caller, idp_id, to=Maintainer.from_dict(body.to.model_dump()), reason=body.reason,
        transferred_on=body.transferred_on, expected_version=expected_version(if_match),
    )  # fmt: skip
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/fei-requests",
    summary="The LA asks an FEI to maintain its plan (s.36)",
    openapi_extra=raises(
        DateOutOfOrderError,
        IdpClosedError,
        IdpNotIssuedError,
        InvalidPlanContentError,
        TransferNotAllowedError,
        WrongDeadlineError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def ask_fei(
    idp_id: IdpId, body: FeiRequestIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The LA that maintains the plan asks an FEI to maintain it (s.36), and the FEI's time to
    answer starts. Only the maintaining LA may, and only of an FEI the learner's facts
    relate to them."""
    version = service.ask_fei(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/fei-requests/answer",
    summary="The FEI agrees or refuses (D13)",
    openapi_extra=raises(
        *_TRANSFER_ERRORS,
        IdpInvalidTransitionError,
        refusals={
            **WRITE_REFUSALS,
            **MAINTAIN_REFUSALS,
            "not-asked": "Only the FEI the LA asked answers its request (s.36).",
        },
    ),
)
def answer_fei(
    idp_id: IdpId, body: FeiAnswerIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The FEI asked to maintain the plan agrees or refuses (D13); agreeing, it maintains the plan
    from the day of its answer; refusing, the LA may refer the question to the Welsh
    Ministers. Only the FEI asked may, once."""
    version = service.answer_fei_request(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/fei-requests/ministers-determination",
    summary="The Welsh Ministers' determination after the FEI refused",
    openapi_extra=raises(
        *_TRANSFER_ERRORS,
        IdpInvalidTransitionError,
        refusals={**MAINTAINER_REFUSALS, **MAINTAIN_REFUSALS},
    ),
)
def ministers_determination(
    idp_id: IdpId, body: MinistersDeterminationIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records the Welsh Ministers' determination after an FEI refused to maintain the plan:
    whether the FEI must maintain it. Refused unless the FEI refused and the question is
    still open."""
    version = service.record_ministers_determination(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/cease-proposals",
    summary="Propose to cease the plan",
    openapi_extra=raises(
        DateOutOfOrderError,
        IdpClosedError,
        IdpNotIssuedError,
        IdpInvalidTransitionError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def propose_cease(
    idp_id: IdpId, body: CeaseProposalIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The maintaining body proposes to cease the plan, with its reasons, and gives the family
    notice of the proposal. Only the maintaining body may; the decision to cease follows
    with `cessation`."""
    version = service.propose_cease(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/cessation",
    summary="Decide to cease (a school's: 4 weeks to challenge)",
    openapi_extra=raises(
        CeaseNotProposedError,
        DateOutOfOrderError,
        DeadlineRequiredError,
        IdpAlreadyCeasedError,
        IdpClosedError,
        InvalidPlanContentError,
        refusals=MAINTAINER_REFUSALS,
    ),
)
def decide_cease(
    idp_id: IdpId, body: CessationIn, response: Response, caller: CallerDep,
    service: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The maintaining body decides to cease the plan, with its reasons. A school's decision states
    the family's 4-week window (D11) to ask the LA to reconsider it. Only the maintaining
    body may, and only after proposing to cease."""
    version = service.decide_cease(
        caller, idp_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, idp_id, version)


@router.post(
    "/{idp_id}/closure",
    summary="Close the plan (left, consent withdrawn, age 25)",
    openapi_extra=raises(
        DateOutOfOrderError, IdpClosedError, InvalidPlanContentError, refusals=MAINTAINER_REFUSALS
    ),
)
def close(
    idp_id: IdpId, body: ClosureIn, response: Response, caller: CallerDep, service: ServiceDep,
    if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Closes the plan for one of the reasons the Act allows: the learner left, consent was
    withdrawn, or the young person reached 25. A closed plan takes no more changes; its
    issued versions stay readable. Only the maintaining body may."""
    version = service.close_plan(
        caller, idp_id, closed_on=body.closed_on, reason=body.reason,
        expected_version=expected_version(if_match),
    )  # fmt: skip
    return accepted(response, idp_id, version)
