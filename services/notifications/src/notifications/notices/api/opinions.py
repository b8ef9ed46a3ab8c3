"""``/v1/notices/health-body-opinions``: record a health body's s.64 opinion (the parent is
told), bring it to the LA's attention (after the parent, once), read it back."""

from datetime import date
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter

from llwybr import command_keys
from llwybr.access import REFUSAL_HEADER, WRITE_REFUSALS, Capability, denied, require
from llwybr.edge import CallerDep
from llwybr.principal import Principal
from llwybr.problem_types import raises
from llwybr.problems import ProblemError
from notifications.dependencies import EngineDep, SettingsDep
from notifications.notices import access, opinions, store
from notifications.notices.api.schemas import (
    RESPONSES,
    HealthBodyOpinionIn,
    HealthBodyOpinionOut,
    LocalAuthorityNoticeIn,
    NoticeOut,
    OfficerModel,
    OpinionId,
)
from notifications.notices.planning.health import (
    DiscussionDateError,
    LocalAuthorityAlreadyToldError,
    NotAHealthBodyError,
    Officer,
    Opinion,
    ParentNotYetInformedError,
    VoluntaryOrganisation,
    require_health_body,
)
from notifications.settings import Settings

_IN_THE_FUTURE = "A date is in the future."
_UNDER_SCHOOL_AGE = "An s.64 opinion is of a child under compulsory school age."
_NOT_THE_LEARNERS_LA = "The LA is neither responsible for the learner nor looking after them."

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    NotAHealthBodyError: (403, "not-a-health-body"),
    ParentNotYetInformedError: (409, "parent-not-yet-informed"),
    LocalAuthorityAlreadyToldError: (409, "local-authority-already-told"),
    DiscussionDateError: (422, "invalid-date"),
}

router = APIRouter(tags=["notices"], responses=RESPONSES)

BASE = "/v1/notices/health-body-opinions"


def _not_after_today(settings: Settings, day: date | None, what: str) -> None:
    if day is not None and day > settings.today_in_wales():
        raise ProblemError(
            422, "Unprocessable Content", f"{what} ({day}) is in the future", kind="invalid-date"
        )


#: What a notice to the family says of the people recorded by others (names, addresses, the
#: learner's name in its subject line): shown only to those who may read the contacts.
_FAMILY = ("recipient_name", "recipient_address", "recipient_party_id", "subject_line")
_REASONS = ("escalation_reason", "bounce_diagnostic")


def _notice(row: Any, contacts: bool) -> NoticeOut:
    notice = NoticeOut.of(row)
    if contacts or row.recipient_organisation is not None:
        return notice
    # a registered person's notice: its reasons name them ("no email address for Siân ..."),
    # a bounce quotes the address; a placeholder's says only that nobody is registered
    hidden = (*_FAMILY, *_REASONS) if row.recipient_party_id is not None else _FAMILY
    return notice.model_copy(update=dict.fromkeys(hidden))


def _view(conn: sa.Connection, row: Any, principal: Principal) -> HealthBodyOpinionOut:
    """The opinion and its notices; a caller who may not read the learner's contacts (the
    health body itself) sees whether the parents were told, never who they are."""
    officer = OfficerModel.model_construct(
        name=row.officer_name, email=row.officer_email, phone=row.officer_phone
    )
    contacts = access.may(conn, principal, Capability.READ_CONTACTS, row.learner_id)
    return HealthBodyOpinionOut(
        **row._mapping,
        officer=officer,
        notices=[_notice(n, contacts) for n in opinions.notices_of(conn, row.opinion_id)],
    )


def _require_under_compulsory_school_age(
    conn: sa.Connection, principal: Principal, learner_id: str, on: date
) -> None:
    """s.64 is about a child under compulsory school age (the registry's date; a learner it
    has not told this service of yet may be new, and is accepted). Refused with the one 404 to
    a body that may not see the learner, else with the reason."""
    facts = store.registry(conn, learner_id)
    if facts is None or on < facts.compulsory_school_age_on:
        return
    require(principal, Capability.READ, access.learner_relations(conn, learner_id))
    raise denied(
        "not-under-compulsory-school-age",
        "an s.64 opinion is about a child under compulsory school age on the day it is formed",
    )


def _require_learners_authority(
    conn: sa.Connection, principal: Principal, learner_id: str, local_authority: str
) -> None:
    """The LA an s.64 opinion is brought to is the learner's: the responsible LA or the LA
    looking after (the registry's facts; a learner it has not told this service of yet may be
    new, and is accepted). Refused with the one 404 to a body that may not see the learner,
    else with the reason: an opinion never relates another LA to the child."""
    facts = store.registry(conn, learner_id)
    if facts is None or local_authority in {
        facts.responsible_authority,
        facts.looking_after_authority,
    }:
        return
    access.require_learner(conn, principal, Capability.READ, learner_id)
    reason = "not-the-learners-authority"
    raise ProblemError(
        422,
        "Unprocessable Content",
        f"{local_authority} is neither responsible for the learner nor looking after them",
        kind=reason,
        headers={REFUSAL_HEADER: reason},
    )


@router.post(
    BASE,
    status_code=201,
    summary="Record a health body's opinion that an under-five probably has ALN; tell the parent",
    openapi_extra=raises(
        NotAHealthBodyError,
        refusals={
            **WRITE_REFUSALS,
            "not-under-compulsory-school-age": _UNDER_SCHOOL_AGE,
        },
        problems={
            422: {
                "not-the-learners-authority": _NOT_THE_LEARNERS_LA,
                "invalid-date": _IN_THE_FUTURE,
            }
        },
    ),
)
def record_opinion(
    body: HealthBodyOpinionIn, principal: CallerDep, engine: EngineDep, settings: SettingsDep
) -> HealthBodyOpinionOut:
    """ALN Act s.64, first step: the child's parent (each registered parent) is told of the
    body's opinion, that the body will bring it to the LA's attention, and whom to discuss it
    with. Only an NHS body (local health board or NHS trust) may. With no parent registered,
    the opinion is still recorded and the parent's notice is escalated until a parent's contact
    is registered (``PUT /v1/contacts/learners/{learner_id}``). The LA named must be the
    learner's responsible LA or the LA looking after them, once the learner registry has told
    this service of the learner (422 ``not-the-learners-authority`` otherwise)."""
    require_health_body(principal.organisation)
    _not_after_today(settings, body.formed_on, "the opinion's date")
    officer = body.officer
    opinion = Opinion(
        opinions.new_id(),
        body.learner_id,
        principal.organisation,
        body.local_authority,
        body.formed_on,
        Officer(officer.name, officer.email, officer.phone),
        tuple(VoluntaryOrganisation(v.name, v.contact) for v in body.voluntary_organisations),
    )
    with engine.begin() as conn:
        _require_under_compulsory_school_age(conn, principal, body.learner_id, body.formed_on)
        _require_learners_authority(conn, principal, body.learner_id, body.local_authority)
        opinions.record(conn, opinion, principal.actor)
        command_keys.record(conn, opinion.opinion_id, f"{BASE}/{opinion.opinion_id}")  # once
        row = opinions.find(conn, opinion.opinion_id)
        return _view(conn, row, principal)


@router.post(
    f"{BASE}/{{opinion_id}}/local-authority",
    status_code=201,
    summary="Bring the opinion to the LA's attention (after the parent has been told; once)",
    openapi_extra=raises(
        LocalAuthorityAlreadyToldError,
        ParentNotYetInformedError,
        DiscussionDateError,
        refusals={
            **WRITE_REFUSALS,
            "not-responsible": "Only the health body that formed the opinion brings it to the LA.",
        },
        problems={422: {"invalid-date": _IN_THE_FUTURE}},
    ),
)
def bring_to_local_authority(
    opinion_id: OpinionId,
    principal: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
    body: LocalAuthorityNoticeIn | None = None,
) -> HealthBodyOpinionOut:
    """ALN Act s.64, last step: a notice to the responsible LA stating the opinion and the day
    the parent was told. Refused (409) until a parent's notice has been given, and after the
    LA has been told: of any number of requests at once, exactly one tells the LA."""
    discussed_on = body.discussed_on if body else None
    _not_after_today(settings, discussed_on, "the discussion's date")
    with engine.begin() as conn:
        # first the claim (a conditional update), then the one read; a refusal rolls it back
        claimed = opinions.claim(conn, opinion_id, principal.organisation, principal.actor)
        row = opinions.find(conn, opinion_id)
        relations = access.require_opinion(conn, principal, row)
        require(principal, Capability.ACT, relations)
        assert row is not None
        access.require_forming_body(principal, row)
        if not claimed:
            raise opinions.already_told(row)
        opinions.bring_to_local_authority(conn, row, discussed_on)
        return _view(conn, opinions.find(conn, opinion_id), principal)


@router.get(
    f"{BASE}/{{opinion_id}}",
    summary="A health body's opinion and its notices",
    openapi_extra=raises(),
)
def get_opinion(
    opinion_id: OpinionId, principal: CallerDep, engine: EngineDep
) -> HealthBodyOpinionOut:
    """A health body's opinion that a child under compulsory school age probably has ALN (ALN Act
    s.64), with the notices to the parents and to the LA. A caller who may not read the
    learner's contacts (the health body itself) sees whether the parents were told, never
    who they are; a caller who may not see the opinion gets the one 404."""
    with engine.connect() as conn:
        row = opinions.find(conn, opinion_id)
        access.require_opinion(conn, principal, row)
        return _view(conn, row, principal)
