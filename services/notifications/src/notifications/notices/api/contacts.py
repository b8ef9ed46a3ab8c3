"""``/v1/contacts``: a learner's parties and an organisation's notice address."""

import time
from functools import partial
from typing import Any

import anyio
import sqlalchemy as sa
from fastapi import APIRouter, Response

from llwybr.access import WRITE_REFUSALS, Capability, denied, not_found
from llwybr.edge import CallerDep, IfMatch, expected_version
from llwybr.principal import Principal
from llwybr.problem_types import raises
from llwybr.problems import ProblemError
from notifications.dependencies import EngineDep, SettingsDep, etag
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

#: How often a waiting caller's relationships are read again.
_POLL_SECONDS = 0.1


def _stale(error: contacts.StaleContactsError) -> ProblemError:
    return ProblemError(412, "Precondition Failed", str(error), kind="stale-version")


def _may_read(engine: sa.Engine, principal: Principal, learner_id: str) -> bool:
    with engine.connect() as conn:
        return access.may(conn, principal, Capability.READ, learner_id)


async def _await_relationship(
    engine: sa.Engine, principal: Principal, learner_id: str, seconds: float
) -> None:
    """Read your writes: a body whose concern was acknowledged a moment ago is related to the
    learner once the concern's event is consumed (well under a second). A caller who may not
    see the learner yet waits for it, up to ``seconds``; every such caller waits alike, so the
    wait says nothing of whether the learner exists."""
    until = time.monotonic() + seconds
    while not await anyio.to_thread.run_sync(_may_read, engine, principal, learner_id):
        if time.monotonic() >= until:
            return
        await anyio.sleep(_POLL_SECONDS)


def _require(
    conn: sa.Connection, principal: Principal, capability: Capability, learner_id: str
) -> None:
    """The policy's answer; its 404 carries Retry-After (the same for every learner the caller
    may not see): a client asks again shortly, as for a concern acknowledged a moment ago."""
    try:
        access.require_learner(conn, principal, capability, learner_id)
    except ProblemError as error:
        if error.status == 404:
            raise access.not_found_yet() from None
        raise


def _put(
    engine: sa.Engine,
    principal: Principal,
    learner_id: str,
    body: LearnerContactsIn,
    expected: int | None,
) -> dict[str, Any]:
    with engine.begin() as conn:
        _require(conn, principal, Capability.WRITE_CONTACTS, learner_id)
        try:
            _, sent = contacts.set_learner_contacts(
                conn,
                learner_id,
                body.learner_name,
                [p.model_dump() for p in body.parties],
                principal.actor,
                expected,
            )
        except contacts.StaleContactsError as error:
            raise _stale(error) from None
        found = contacts.learner_contacts(conn, learner_id)
    assert found is not None
    return {**found, "notices_sent": sent}


def _get(engine: sa.Engine, principal: Principal, learner_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        _require(conn, principal, Capability.READ_CONTACTS, learner_id)
        found = contacts.learner_contacts(conn, learner_id)
    if found is None:
        raise not_found()
    return found


@router.put(
    "/v1/contacts/learners/{learner_id}",
    summary="Set a learner's parties and contacts",
    openapi_extra=raises(refusals=WRITE_REFUSALS),
)
async def put_learner_contacts(
    learner_id: LearnerId,
    body: LearnerContactsIn,
    principal: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
    response: Response,
    if_match: IfMatch = None,
) -> LearnerContactsOut:
    """Replaces the learner's parties (parent, young person, case friend, IRO, ...). Only the
    bodies that must send the learner notices may (the responsible LA, the LA looking after
    them, the body deciding a determination, the plan's maintainer). Notices waiting for a
    missing contact are sent.

    Registrable as soon as the concern is acknowledged: the request waits briefly for the
    concern to reach this service. A 404 carries ``Retry-After``: a client that has just
    been acknowledged asks again (a few times) after that many seconds."""
    expected = expected_version(if_match)
    await _await_relationship(engine, principal, learner_id, settings.contacts_wait_seconds)
    found = await anyio.to_thread.run_sync(
        partial(_put, engine, principal, learner_id, body, expected)
    )
    etag(response, found["version"])
    return LearnerContactsOut(**found)


@router.get(
    "/v1/contacts/learners/{learner_id}",
    summary="A learner's parties and contacts",
    openapi_extra=raises(),
)
async def get_learner_contacts(
    learner_id: LearnerId,
    principal: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
    response: Response,
) -> LearnerContactsOut:
    """Read by the bodies that must send the learner notices, and by auditors of the
    learner's LA. A 404 carries ``Retry-After`` (see the PUT)."""
    await _await_relationship(engine, principal, learner_id, settings.contacts_wait_seconds)
    found = await anyio.to_thread.run_sync(_get, engine, principal, learner_id)
    etag(response, found["version"])
    return LearnerContactsOut(**found)


@router.put(
    "/v1/contacts/organisations/{organisation}",
    summary="Set an organisation's notice address",
    openapi_extra=raises(
        refusals={"not-responsible": "The caller may not set this organisation's contact."}
    ),
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
        raise denied(
            "not-responsible", f"{principal.organisation} cannot set the contact of {organisation}"
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


@router.get(
    "/v1/contacts/organisations/{organisation}",
    summary="An organisation's notice contact",
    openapi_extra=raises(),
)
def get_organisation_contact(
    organisation: OrganisationId, engine: EngineDep, response: Response
) -> OrganisationContactOut:
    """Where notices to an organisation (a school `school:6652001`, an FEI, an LA, a health
    board) are sent: its email, its names in English and Welsh, its language and the
    information a notice cites (advice, disagreement resolution), as last set, with
    `version` (also the `ETag`, for `If-Match` on the next `PUT`). A 404 `not-found` means the
    organisation has set no contact yet: notices to it wait until it does, so an MIS sets its
    school's contact in its first sync."""
    with engine.connect() as conn:
        found = contacts.organisation_contact(conn, organisation)
    if found is None:
        raise not_found()
    etag(response, found["version"])
    return OrganisationContactOut(**found)
