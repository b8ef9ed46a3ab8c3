"""``/v1/contacts``: a learner's parties and an organisation's notice address."""

from fastapi import APIRouter, Response

from llwybr.edge import CallerDep, IfMatch, expected_version
from llwybr.problems import ProblemError
from notifications.dependencies import EngineDep, etag
from notifications.notices import access, contacts
from notifications.notices.api.schemas import (
    RESPONSES,
    LearnerContactsIn,
    LearnerContactsOut,
    LearnerId,
    OrganisationContactIn,
    OrganisationContactOut,
    OrganisationId,
)

router = APIRouter(tags=["notices"], responses=RESPONSES)


def _stale(error: contacts.StaleContactsError) -> ProblemError:
    return ProblemError(412, "Precondition Failed", str(error), kind="stale-version")


@router.put("/v1/contacts/learners/{learner_id}", summary="Set a learner's parties and contacts")
def put_learner_contacts(
    learner_id: LearnerId,
    body: LearnerContactsIn,
    principal: CallerDep,
    engine: EngineDep,
    response: Response,
    if_match: IfMatch = None,
) -> LearnerContactsOut:
    """Replaces the learner's parties (parent, young person, case friend, IRO, ...). Only a body
    the events connect with the learner may set them. Notices waiting for a missing contact are
    sent."""
    with engine.begin() as conn:
        access.require_learner(conn, principal, learner_id)
        access.require_writer(principal)
        try:
            version, sent = contacts.set_learner_contacts(
                conn,
                learner_id,
                body.learner_name,
                [p.model_dump() for p in body.parties],
                principal.actor,
                expected_version(if_match),
            )
        except contacts.StaleContactsError as error:
            raise _stale(error) from None
        found = contacts.learner_contacts(conn, learner_id)
    assert found is not None
    etag(response, version)
    return LearnerContactsOut(**found, notices_sent=sent)


@router.get("/v1/contacts/learners/{learner_id}", summary="A learner's parties and contacts")
def get_learner_contacts(
    learner_id: LearnerId, principal: CallerDep, engine: EngineDep, response: Response
) -> LearnerContactsOut:
    with engine.connect() as conn:
        access.require_learner(conn, principal, learner_id)
        found = contacts.learner_contacts(conn, learner_id)
    if found is None:
        raise ProblemError(404, "Not Found", f"no contacts set for {learner_id}", kind="not-found")
    etag(response, found["version"])
    return LearnerContactsOut(**found)


@router.put(
    "/v1/contacts/organisations/{organisation}", summary="Set an organisation's notice address"
)
def put_organisation_contact(
    organisation: OrganisationId,
    body: OrganisationContactIn,
    principal: CallerDep,
    engine: EngineDep,
    response: Response,
    if_match: IfMatch = None,
) -> OrganisationContactOut:
    """The address notices to the organisation go to, its names in Welsh and English, and the
    contacts its notices cite (an LA's information and advice, disagreement resolution and
    independent advocacy services). Notices waiting for the address are sent."""
    if not access.may_set_organisation_contact(principal, organisation):
        raise ProblemError(
            403,
            "Forbidden",
            f"{principal.organisation} cannot set the contact of {organisation}",
            kind="not-responsible",
        )
    with engine.begin() as conn:
        try:
            version, sent = contacts.set_organisation_contact(
                conn, organisation, body.model_dump(), principal.actor, expected_version(if_match)
            )
        except contacts.StaleContactsError as error:
            raise _stale(error) from None
        found = contacts.organisation_contact(conn, organisation)
    assert found is not None
    etag(response, version)
    return OrganisationContactOut(**found, notices_sent=sent)


@router.get("/v1/contacts/organisations/{organisation}", summary="An organisation's notice contact")
def get_organisation_contact(
    organisation: OrganisationId, engine: EngineDep, response: Response
) -> OrganisationContactOut:
    with engine.connect() as conn:
        found = contacts.organisation_contact(conn, organisation)
    if found is None:
        raise ProblemError(404, "Not Found", f"no contact set for {organisation}", kind="not-found")
    etag(response, found["version"])
    return OrganisationContactOut(**found)
