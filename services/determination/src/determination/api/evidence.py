"""Evidence: the graduated response, evidence asked of and given by other bodies (with their
documents), and referrals to NHS bodies with their answers."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Form, Path, Response, UploadFile

from determination.api.dependencies import DocumentsDep, ServiceDep
from determination.api.errors import CASE_CLOSED
from determination.api.schemas import (
    EvidenceRequestIn,
    GraduatedResponseIn,
    NhsAnswerIn,
    NhsReferralIn,
)
from determination.documents import DocumentRefusedError, Upload
from determination.domain.errors import (
    DateOutOfOrderError,
    InvalidTransitionError,
    UnknownReferenceError,
    WrongDecidingBodyError,
)
from llwybr.access import WRITE_REFUSALS, not_found
from llwybr.edge import (
    ORGANISATION,
    Accepted,
    ActDate,
    CallerDep,
    FreeText,
    IfMatch,
    accepted,
    expected_version,
    responses,
)
from llwybr.personal_data.fields import LearnerErasedError
from llwybr.problem_types import raises
from llwybr.problems import ProblemError

#: An upload refused (``documents.DocumentRefusedError``), or one for an erased learner.
_DOCUMENT_REFUSED = {
    413: {"document": "The document is larger than the limit."},
    415: {"document": "The document is not of an accepted type."},
    422: {
        "document": "The document is empty.",
        "personal-data-erased": "The learner's personal data was erased: nothing is stored.",
    },
}

router = APIRouter()


@router.post(
    "/determinations/{determination_id}/graduated-response",
    summary="Record universal or targeted provision (Small Steps Plan)",
    openapi_extra=raises(*CASE_CLOSED, refusals=WRITE_REFUSALS),
)
def record_graduated_response(
    determination_id: UUID, body: GraduatedResponseIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records the universal or targeted provision already made for the learner, with its Small
    Steps Plan targets and their termly reviews: the evidence of the graduated response the
    deciding body weighs. Refused on a closed case."""
    data = body.model_dump()
    data["termly_reviews"] = [r.model_dump(mode="json") for r in body.termly_reviews]
    version = app.record_graduated_response(
        caller, determination_id, **data, expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/evidence-requests",
    summary="Ask another body (e.g. a health board's DECLO) for evidence",
    openapi_extra=raises(
        *CASE_CLOSED, InvalidTransitionError, DateOutOfOrderError, refusals=WRITE_REFUSALS
    ),
)
def request_evidence(
    determination_id: UUID, body: EvidenceRequestIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The caller asks another body (for instance a health board's DECLO) for evidence, in its own
    name, with a reference of its own (`request_id`). Refused on a closed case, for a
    `request_id` already used, and for a day before the learner came to attention."""
    version = app.request_evidence(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/evidence",
    summary="Submit evidence with documents (multipart)",
    responses=responses(
        s413="A document is over the size limit", s415="A document's type is not accepted"
    ),
    openapi_extra=raises(
        *CASE_CLOSED,
        DateOutOfOrderError,
        UnknownReferenceError,
        WrongDecidingBodyError,
        refusals=WRITE_REFUSALS,
        problems=_DOCUMENT_REFUSED,
    ),
)
def submit_evidence(
    determination_id: UUID,
    response: Response,
    caller: CallerDep,
    app: ServiceDep,
    store: DocumentsDep,
    submitted_by: Annotated[str, Form(pattern=ORGANISATION)],
    summary: Annotated[FreeText, Form(min_length=1, max_length=10_000)],
    submitted_on: Annotated[ActDate, Form()],
    request_id: Annotated[str | None, Form(pattern=r"^[A-Za-z0-9_.-]{1,64}$")] = None,
    documents: Annotated[list[UploadFile] | None, File()] = None,
    if_match: IfMatch = None,
) -> Accepted:
    """Submits evidence, answering a request or unprompted, with its documents (multipart: the JSON
    part and the files). Each document is checked (type and size) and stored by its SHA-256,
    readable with `GET /v1/documents/{sha256}` by whoever may read the case; a refused
    document refuses the whole submission. Refused on a closed case."""
    uploads = [
        Upload(u.filename or "document", u.content_type or "", u.file.read(store.max_bytes + 1))
        for u in documents or []
    ]
    try:
        version = app.submit_evidence(
            caller,
            determination_id,
            submitted_by=submitted_by,
            summary=summary,
            uploads=uploads,
            store=store,
            submitted_on=submitted_on,
            request_id=request_id,
            expected_version=expected_version(if_match),
        )
    except DocumentRefusedError as error:
        raise ProblemError(error.status, "Document refused", str(error), kind="document") from None
    except LearnerErasedError as erased:  # no new key for them: nothing stored (ADR 0023)
        raise ProblemError(
            422, "Personal data erased", str(erased), kind="personal-data-erased"
        ) from None
    return accepted(response, determination_id, version)


@router.get(
    "/documents/{sha256}",
    summary="An evidence document by its SHA-256",
    response_class=Response,
    responses={
        200: {"content": {"application/octet-stream": {}}},
        **responses(s410="The learner's personal data was erased: the document with it"),
    },
    openapi_extra=raises(LearnerErasedError),
)
def get_document(
    sha256: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")],
    caller: CallerDep,
    app: ServiceDep,
    store: DocumentsDep,
) -> Response:
    """An evidence document by the SHA-256 of its content, with its media type, as it was
    submitted. Whoever may read a case the document was submitted to may read it; anyone
    else gets the one 404, as for a document that does not exist. Once the learner's personal
    data is erased (their key destroyed) the stored copy is unreadable: 410
    `personal-data-erased`."""
    learners = app.readable_learners(caller, store.cases_of(sha256))
    found = store.get(sha256, learners) if learners else None  # erased: 410 (errors.py)
    if found is None:
        raise not_found()
    media_type, content = found
    return Response(content, media_type=media_type, headers={"ETag": f'"{sha256}"'})


@router.post(
    "/determinations/{determination_id}/nhs-referrals",
    summary="An NHS body received a referral (its 6-week clock starts)",
    openapi_extra=raises(
        *CASE_CLOSED, InvalidTransitionError, DateOutOfOrderError, refusals=WRITE_REFUSALS
    ),
)
def receive_nhs_referral(
    determination_id: UUID, body: NhsReferralIn, response: Response, caller: CallerDep,
    app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """Records that an NHS body received a referral from the case, with its reference
    (`referral_id`): the NHS body's own 6-week clock to answer (D7) starts on that day.
    Refused on a closed case and for a `referral_id` already used."""
    version = app.receive_nhs_referral(
        caller, determination_id, **body.model_dump(), expected_version=expected_version(if_match)
    )
    return accepted(response, determination_id, version)


@router.post(
    "/determinations/{determination_id}/nhs-referrals/{referral_id}/answer",
    summary="The NHS body's answer to a referral",
    openapi_extra=raises(
        UnknownReferenceError,
        InvalidTransitionError,
        WrongDecidingBodyError,
        DateOutOfOrderError,
        refusals=WRITE_REFUSALS,
    ),
)
def answer_nhs_referral(
    determination_id: UUID, referral_id: str, body: NhsAnswerIn, response: Response,
    caller: CallerDep, app: ServiceDep, if_match: IfMatch = None,
) -> Accepted:  # fmt: skip
    """The NHS body's answer to a referral: the treatment or service it identified (and whether it
    is available in Welsh), or that it identified none. A body that may act on the case (the
    deciding body, or another the learner's facts relate to it) records it in its own name:
    the `answered_by` field must be the caller's organisation, else 403. An unknown
    `referral_id` is refused."""
    version = app.answer_nhs_referral(
        caller,
        determination_id,
        referral_id=referral_id,
        **body.model_dump(),
        expected_version=expected_version(if_match),
    )
    return accepted(response, determination_id, version)
