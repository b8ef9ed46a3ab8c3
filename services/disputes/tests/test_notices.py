"""The appeal window runs from the day the family's notice was given, as the notifications
service published it (ADR 0017): a notice given later than the LA recorded, a notice that
bounced and was given again, and disagreement resolution within the window."""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from contracts.determination import LearnerRelationsRecorded
from contracts.notifications import NoticeBounced, NoticeGiven
from disputes.application import DisputesService
from disputes.consumers import effect
from disputes.domain import (
    AppealMatter,
    AppellantKind,
    CaseParticipant,
    DecidingBodyKind,
    FactsDifferError,
    NoticeUnknownError,
    OutsideWindowError,
    Party,
    PartyRole,
    ReconsiderationKind,
)
from disputes.domain.learned import Decision, KnownDecision, LearnedDecisions
from disputes.domain.notices import RECONSIDERATION
from disputes.publisher import translator
from llwybr.settings import ServiceSettings

from .test_publisher import LA, TRIBUNAL, nothing_learned, stored

LEARNER = "learner-notices"
SCHOOL = "school:6652001"


@pytest.fixture
def service(sqlite_settings: ServiceSettings) -> Iterator[DisputesService]:
    app = DisputesService(sqlite_settings.eventsourcing_env())
    app.save(*app.adopt_learner(LearnerRelationsRecorded(
        learner_id=LEARNER, responsible_authority="la:665", enrolled_at=[SCHOOL],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip
    yield app
    app.close()


def decided(service: DisputesService, *, noticed_on: date | None) -> uuid.UUID:
    """An R1 the LA decided "has ALN" on 25 November 2026 (its own notice recorded on
    ``noticed_on``, if any)."""
    case_id, _ = service.request_reconsideration(
        LA, nothing_learned, kind=ReconsiderationKind.R1, subject_id=uuid.uuid4(),
        school=SCHOOL, decided_by_kind=DecidingBodyKind.SCHOOL, requested_by_kind=Party.FAMILY,
        requested_on=date(2026, 10, 1), cease_notice_given_on=None, learner_id=LEARNER,
        requested_by="Parent",
    )  # fmt: skip
    service.invite_representations(LA, case_id, None, invited_on=date(2026, 10, 2),
                                   from_party=Party.GOVERNING_BODY)  # fmt: skip
    service.decide_reconsideration(LA, case_id, None, decided_on=date(2026, 11, 25),
                                   outcome="has_aln", reasons="Needs ALP")  # fmt: skip
    if noticed_on is not None:
        service.issue_reconsideration_notice(LA, case_id, None, issued_on=noticed_on,
                                             recipients=["family"])  # fmt: skip
    return case_id


def given(
    subject: uuid.UUID, given_on: date, until: date | None, notice_id: uuid.UUID | None = None
) -> NoticeGiven:
    return NoticeGiven(
        notice_id=notice_id or uuid.uuid4(), learner_id=LEARNER, kind="reconsideration_decided",
        subject_id=str(subject), issuer="la:665", recipient_role="parent",
        recipient_organisation=None, channel="email", content_sha256="0" * 64,
        delivered_at=datetime.combine(given_on, datetime.min.time(), UTC), given_on=given_on,
        window_kind="appeal", window_rule="D18", window_until=until,
    )  # fmt: skip


def bounce(case_id: uuid.UUID, notice_id: uuid.UUID) -> NoticeBounced:
    """The LA's email of its decision, given on 30 November, bounced the next day."""
    return NoticeBounced(
        notice_id=notice_id, learner_id=LEARNER, kind="reconsideration_decided",
        subject_id=str(case_id), issuer="la:665", recipient_role="parent",
        recipient_organisation=None, given_on=date(2026, 11, 30),
        bounced_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
    )  # fmt: skip


def learn(service: DisputesService, event: NoticeGiven | NoticeBounced) -> None:
    service.save(*effect(event, service))


def lodge(service: DisputesService, case_id: uuid.UUID, on: date) -> uuid.UUID:
    appeal_id, _ = service.lodge_appeal(
        TRIBUNAL, nothing_learned, reconsideration_id=case_id, subject_id=None,
        matter=AppealMatter.LA_RECONSIDERATION_DECISION, respondent="la:665",
        notice_given_on=None, learner_id=LEARNER, learner_is_young_person=False,
        appellant_kind=AppellantKind.PARENT, appellant="Parent", lodged_on=on,
    )  # fmt: skip
    return appeal_id


def test_the_family_is_held_to_the_day_its_notice_told_not_the_day_the_la_recorded(
    service: DisputesService,
) -> None:
    case_id = decided(service, noticed_on=date(2026, 11, 30))  # the LA's record: 25 Jan
    learn(service, given(case_id, date(2026, 12, 6), date(2027, 2, 1)))  # the email: 1 Feb
    assert lodge(service, case_id, date(2027, 2, 1))
    with pytest.raises(OutsideWindowError):
        lodge(service, case_id, date(2027, 2, 2))


def test_the_window_is_computed_here_from_the_given_date_not_read_from_the_notice(
    service: DisputesService,
) -> None:
    case_id = decided(service, noticed_on=None)
    learn(service, given(case_id, date(2026, 12, 6), None))
    notices = service.family_notices(case_id, RECONSIDERATION)
    assert notices is not None
    assert notices.window is not None
    assert (notices.given_on, notices.window.due_on) == (date(2026, 12, 6), date(2027, 2, 1))


def test_a_later_date_a_notice_stated_is_enforced_not_cut_short(service: DisputesService) -> None:
    case_id = decided(service, noticed_on=None)
    learn(service, given(case_id, date(2026, 12, 6), date(2027, 2, 8)))  # a table corrected since
    assert lodge(service, case_id, date(2027, 2, 8))


def test_a_bounced_notice_given_again_moves_the_window_forward(service: DisputesService) -> None:
    case_id = decided(service, noticed_on=None)
    first = uuid.uuid4()
    learn(service, given(case_id, date(2026, 11, 30), date(2027, 1, 25), first))
    learn(service, bounce(case_id, first))
    learn(service, given(case_id, date(2026, 12, 6), date(2027, 2, 1)))
    notices = service.family_notices(case_id, RECONSIDERATION)
    assert notices is not None
    assert notices.window is not None
    assert notices.window.due_on == date(2027, 2, 1)
    assert lodge(service, case_id, date(2027, 2, 1))
    history = [type(r.event).__qualname__ for r in stored(service)
               if r.event.originator_id == notices.id]  # fmt: skip
    assert history == ["FamilyNotices.Started", "FamilyNotices.Given", "FamilyNotices.NotGiven",
                       "FamilyNotices.Given"]  # fmt: skip


def test_a_notice_learned_twice_is_recorded_once(service: DisputesService) -> None:
    case_id = decided(service, noticed_on=None)
    event = given(case_id, date(2026, 12, 6), date(2027, 2, 1))
    learn(service, event)
    assert effect(event, service) == []


def test_copies_and_organisations_notices_open_no_window(service: DisputesService) -> None:
    case_id = decided(service, noticed_on=None)
    to_school = given(case_id, date(2026, 12, 6), None).model_copy(
        update={"recipient_organisation": SCHOOL, "window_kind": None}
    )
    extension = given(case_id, date(2026, 12, 6), date(2027, 4, 1)).model_copy(
        update={"kind": "appeal_window_extended"}
    )
    assert effect(to_school, service) == []
    assert effect(extension, service) == []
    assert service.family_notices(case_id, RECONSIDERATION) is None


def test_disagreement_resolution_within_the_told_window_extends_it(
    service: DisputesService,
) -> None:
    case_id = decided(service, noticed_on=date(2026, 11, 30))  # the LA's window: 25 Jan
    learn(service, given(case_id, date(2026, 12, 6), date(2027, 2, 1)))
    mediator = CaseParticipant("A. Mediator", None, "Mediation Cymru")
    family = CaseParticipant("Parent", PartyRole.FAMILY, None)
    school = CaseParticipant("Head", PartyRole.SCHOOL, SCHOOL)
    service.open_disagreement_resolution(
        LA, nothing_learned, reconsideration_id=case_id, subject_id=None, matter=None,
        notice_given_on=None, learner_id=LEARNER, opened_on=date(2027, 1, 28),
        arrangements="Mediation", facilitator=mediator, parties=[family, school],
    )  # fmt: skip
    # 16 weeks beginning with 6 December end on Saturday 27 March; Easter Monday is 29 March
    assert lodge(service, case_id, date(2027, 3, 30))
    with pytest.raises(OutsideWindowError):
        lodge(service, case_id, date(2027, 3, 31))


def test_the_window_from_a_notice_is_published(service: DisputesService) -> None:
    case_id = decided(service, noticed_on=None)
    learn(service, given(case_id, date(2026, 12, 6), date(2027, 2, 1)))
    translate = translator(service)
    published = [p.event for r in stored(service) if (p := translate(r)) is not None]
    [window] = [e for e in published if e.name == "appeal-window-from-notice"]
    assert window.model_dump(include={"subject_id", "given", "given_on", "due_on"}) == {
        "subject_id": case_id, "given": True, "given_on": date(2026, 12, 6),
        "due_on": date(2027, 2, 1),
    }  # fmt: skip


PLAN = uuid.uuid4()


def plan_decision(made: Decision, kind: str, organisation: str) -> LearnedDecisions:
    """The IDP service's fact: who decided about ``PLAN`` and when (no notice date: that is the
    notifications service's)."""

    def learned(subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None:
        if (subject_id, decision) != (PLAN, made):
            return None
        return KnownDecision(str(PLAN), made, LEARNER, kind, organisation,
                             date(2026, 11, 2), None, None)  # fmt: skip

    return learned


def plan_notice(kind: str, window_kind: str, given_on: date) -> NoticeGiven:
    return given(PLAN, given_on, None).model_copy(
        update={"kind": kind, "window_kind": window_kind, "issuer": "la:665"}
    )


def test_an_appeal_on_a_plan_not_revised_runs_from_its_notice_not_the_review_meeting(
    service: DisputesService,
) -> None:
    learned = plan_decision(Decision.REVIEWED, "local_authority", "la:665")
    learn(service, plan_notice("idp_not_revised", "appeal", date(2026, 11, 30)))
    appeal: dict[str, Any] = {
        "reconsideration_id": None, "subject_id": PLAN, "respondent": "la:665",
        "matter": AppealMatter.DECISION_NOT_TO_REVISE, "learner_id": LEARNER,
        "learner_is_young_person": False, "appellant_kind": AppellantKind.PARENT,
        "appellant": "Parent",
    }  # fmt: skip
    with pytest.raises(FactsDifferError):  # the review meeting is not the notice
        service.lodge_appeal(TRIBUNAL, learned, **appeal, notice_given_on=date(2026, 11, 2),
                             lodged_on=date(2027, 1, 25))  # fmt: skip
    assert service.lodge_appeal(TRIBUNAL, learned, **appeal, notice_given_on=date(2026, 11, 30),
                                lodged_on=date(2027, 1, 25))  # fmt: skip
    with pytest.raises(OutsideWindowError):
        service.lodge_appeal(TRIBUNAL, learned, **appeal, notice_given_on=None,
                             lodged_on=date(2027, 1, 26))  # fmt: skip


def test_a_request_to_reconsider_a_cease_is_held_to_the_idps_published_d11(
    service: DisputesService,
) -> None:
    """D11 is the IDP service's (ADR 0017, addendum): read as published, never recounted here.
    (This test used to expect the window recounted here from the notice's given day.)"""
    decided = plan_decision(Decision.CEASED, "school", SCHOOL)
    learn(service, plan_notice("idp_ceased", "reconsideration_request", date(2026, 11, 27)))
    request: dict[str, Any] = {
        "kind": ReconsiderationKind.R4, "learner_id": LEARNER, "subject_id": PLAN,
        "school": SCHOOL, "decided_by_kind": DecidingBodyKind.SCHOOL,
        "requested_by_kind": Party.FAMILY, "cease_notice_given_on": None,
        "requested_by": "Parent",
    }  # fmt: skip
    # the notice is known, its D11 from the IDP not yet: unknown, never "late"
    with pytest.raises(NoticeUnknownError):
        service.request_reconsideration(LA, decided, **request, requested_on=date(2027, 3, 1))

    def learned(subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None:
        fact = decided(subject_id, decision)
        # the IDP recorded the notice of 27 November: its D11 is 29 December (Christmas rolls)
        return fact and replace(fact, notice_given_on=date(2026, 11, 27),
                                reconsideration_window_until=date(2026, 12, 29))  # fmt: skip

    with pytest.raises(OutsideWindowError):
        service.request_reconsideration(LA, learned, **request, requested_on=date(2026, 12, 30))
    case_id, _ = service.request_reconsideration(
        LA, learned, **request, requested_on=date(2026, 12, 29)
    )
    case = service.reconsideration(LA, case_id)
    assert (case.cease_notice_given_on, case.window_until) == (
        date(2026, 11, 27),
        date(2026, 12, 29),
    )
