"""The relay's translator: each stored event becomes its public event from the event alone, and
an event stored before it carried the case's facts is published with the same facts."""

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from contracts.determination import LearnerRelationsRecorded
from contracts.disputes import AppealDecided, ReconsiderationDecided
from contracts.sealed import Sealed
from disputes.application import DisputesService
from disputes.domain import (
    AdvocacyFor,
    AppealMatter,
    AppellantKind,
    CaseParticipant,
    DecidingBodyKind,
    Order,
    OrderKind,
    Party,
    PartyRole,
    Recommendation,
    ReconsiderationKind,
)
from disputes.domain.learned import Decision, KnownDecision
from disputes.publisher import translator
from llwybr.eventstore import RecordedEvent
from llwybr.personal_data.settings import open_vault
from llwybr.principal import Principal
from llwybr.settings import ServiceSettings
from llwybr_testkit import CountingRecorder, published_envelopes

from .domain_cases import ADDED, as_stored_before

LA = Principal("la-client", "la:665", frozenset())
TRIBUNAL = Principal("etw-client", "tribunal:etw", frozenset())
LHB = Principal("lhb-client", "lhb:7A1", frozenset())
LEARNER = "learner-1"


def nothing_learned(subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None:
    return None


@pytest.fixture
def service(sqlite_settings: ServiceSettings) -> Iterator[DisputesService]:
    app = DisputesService(sqlite_settings.eventsourcing_env())
    yield app
    app.close()


def every_public_fact(service: DisputesService) -> None:
    """A reconsideration, the LA's case about it, an appeal against it to its last report, and
    advocacy: every kind of event that is published."""
    service.save(*service.adopt_learner(LearnerRelationsRecorded(
        learner_id=LEARNER, responsible_authority="la:665", enrolled_at=["school:6652001"],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip  # the registry's facts: the LA's learner
    case_id, _ = service.request_reconsideration(
        LA, nothing_learned, kind=ReconsiderationKind.R1, subject_id=uuid.uuid4(),
        school="school:6652001", decided_by_kind=DecidingBodyKind.SCHOOL,
        requested_by_kind=Party.FAMILY, requested_on=date(2026, 3, 2),
        cease_notice_given_on=None, learner_id=LEARNER, requested_by="Parent of Cerys",
    )  # fmt: skip
    service.invite_representations(LA, case_id, None, invited_on=date(2026, 3, 3),
                                   from_party=Party.GOVERNING_BODY)  # fmt: skip
    service.decide_reconsideration(LA, case_id, None, decided_on=date(2026, 4, 14),
                                   outcome="no_aln", reasons="No ALN")  # fmt: skip
    service.issue_reconsideration_notice(LA, case_id, None, issued_on=date(2026, 4, 14),
                                         recipients=["family"])  # fmt: skip
    mediator = CaseParticipant("A. Mediator", None, "Mediation Cymru")
    family = CaseParticipant("Parent", PartyRole.FAMILY, None)
    school = CaseParticipant("Head", PartyRole.SCHOOL, "school:6652001")
    case, _ = service.open_disagreement_resolution(
        LA, nothing_learned, reconsideration_id=case_id, subject_id=None, matter=None,
        notice_given_on=None, learner_id=LEARNER, opened_on=date(2026, 4, 20),
        arrangements="Mediation", facilitator=mediator, parties=[family, school],
    )  # fmt: skip
    service.conclude_disagreement_resolution(LA, case, None, concluded_on=date(2026, 5, 1),
                                             outcome="not_resolved", summary="No")  # fmt: skip
    appeal_id, _ = service.lodge_appeal(
        TRIBUNAL, nothing_learned, reconsideration_id=case_id, subject_id=None,
        matter=AppealMatter.LA_RECONSIDERATION_DECISION, respondent="la:665",
        notice_given_on=None, learner_id=LEARNER, learner_is_young_person=False,
        appellant_kind=AppellantKind.PARENT, appellant="Parent", lodged_on=date(2026, 5, 4),
    )  # fmt: skip
    service.acknowledge_appeal(TRIBUNAL, appeal_id, None, acknowledged_on=date(2026, 5, 6),
                               tribunal_reference="ETW-1")  # fmt: skip
    service.decide_appeal(
        TRIBUNAL, appeal_id, None, decided_on=date(2026, 7, 13), outcome="orders",
        orders=[Order("o1", OrderKind.MAINTAIN_IDP, "la:665", "Maintain the IDP", None)],
        recommendations=[Recommendation("rec1", "lhb:7A1", "Assess", None)],
    )  # fmt: skip
    service.record_compliance(LA, appeal_id, None, "o1", lambda _plan, _version: None,
                              complied_on=date(2026, 8, 1), evidence="Maintained",
                              idp_revision=None)  # fmt: skip
    service.report_on_recommendation(LHB, appeal_id, None, "rec1",
                                     reported_on=date(2026, 8, 3), report="Done")  # fmt: skip
    advocacy, _ = service.request_advocacy(
        LA, learner_id=LEARNER, for_person=AdvocacyFor.CHILD, requested_by="Parent",
        requested_on=date(2026, 4, 21), related_case_id=case,
    )  # fmt: skip
    service.provide_advocacy(LA, advocacy, None, advocate=mediator, provided_on=date(2026, 4, 24))
    service.end_advocacy(LA, advocacy, None, ended_on=date(2026, 6, 1), reason="Done")


def stored(service: DisputesService) -> list[RecordedEvent]:
    mapper = service.chained_mapper
    return [mapper.to_recorded_event(n) for n in service.select_notifications(0, 1000)]


def test_every_stored_event_is_published_from_the_event_alone(service: DisputesService) -> None:
    every_public_fact(service)
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    translate = translator(service)
    published = [p for r in stored(service) if (p := translate(r)) is not None]
    assert [p.event.name for p in published] == [
        "reconsideration-requested", "reconsideration-decided", "reconsideration-notice-issued",
        "disagreement-resolution-opened", "appeal-window-recalculated",
        "disagreement-resolution-started", "disagreement-resolution-concluded", "appeal-lodged",
        "appeal-decided", "order-complied", "recommendation-reported", "advocacy-requested",
        "advocacy-provided", "advocacy-ended",
    ]  # fmt: skip
    assert {p.learner_id for p in published} == {LEARNER}
    assert counting.reads == 0


def test_the_las_reasons_and_the_tribunals_wording_are_published_for_the_notices(
    service: DisputesService,
) -> None:
    every_public_fact(service)
    translate = translator(service)
    by_name = {p.event.name: p.event for r in stored(service) if (p := translate(r))}
    decided, appeal = by_name["reconsideration-decided"], by_name["appeal-decided"]
    assert isinstance(decided, ReconsiderationDecided)
    assert isinstance(appeal, AppealDecided)
    assert decided.reasons == "No ALN"
    assert [r.wording for r in appeal.recommendations] == ["Assess"]


def test_an_event_stored_before_it_carried_the_cases_facts_is_published_the_same(
    service: DisputesService,
) -> None:
    every_public_fact(service)
    translate = translator(service)
    recorded = [r for r in stored(service) if type(r.event) in ADDED]
    assert {type(r.event) for r in recorded} == set(ADDED)
    for new in recorded:
        old = replace(new, event=as_stored_before(new.event))
        assert translate(old) == translate(new), type(new.event).__qualname__


def test_the_las_reasons_leave_as_the_seal_the_store_holds(
    sqlite_settings: ServiceSettings,
) -> None:
    """Issue 23: with the vault (as ``build_service`` gives it), the relay publishes the stored
    seal of the reconsideration's reasons (the same ciphertext), never the text."""
    app = DisputesService(sqlite_settings.eventsourcing_env())
    app.use_vault(open_vault(sqlite_settings.runtime))
    try:
        every_public_fact(app)
        [decided] = [
            e for e in published_envelopes(app, translator(app))
            if e.type == "wales.aln.disputes.reconsideration-decided.v2"
        ]  # fmt: skip
        assert "No ALN" not in json.dumps(decided.data)
        seal = Sealed.model_validate(decided.data["reasons"])
        stored_rows = b"".join(n.state for n in app.select_notifications(0, 1000))
        assert seal.sealed.encode() in stored_rows
        assert app.vault is not None
        assert json.loads(app.vault.open(seal.learner_id, seal.sealed, seal.field)) == "No ALN"
    finally:
        app.close()
