"""The decision clocks end when the decision is given to the family (s.4(6); docs/domain.md
section 11): its notice (no ALN, IDP not necessary), learned from the notifications service's
``notice-given`` and undone by ``notice-bounced``, or the IDP, learned from the IDP service's
``issued`` (version 1). Through the consumer's effect, on SQLite and on PostgreSQL."""

import dataclasses
import uuid
from datetime import UTC, date, datetime
from typing import Any, cast
from uuid import UUID

from contracts import determination as public
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from contracts.idp import IdpIssued
from contracts.notifications import NoticeBounced, NoticeGiven
from determination.application import DeterminationService
from determination.application.views import stopped_clocks
from determination.domain import Determination, given
from determination.main import GIVEN
from determination.publisher import public_event
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

from .test_application import LA, SCHOOL, decided_at_school, raise_at_school
from .test_idp_necessity import consented, not_necessary

DECIDED_ON = date(2026, 3, 20)  # decided_at_school: no ALN


def wrap(event: IntegrationEvent, aggregate_id: UUID, version: int = 1) -> Envelope:
    return Envelope.wrap(
        event, learner_id="l-1", aggregate_id=aggregate_id, aggregate_version=version,
        time=datetime(2026, 3, 25, tzinfo=UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def notice_given(
    case_id: UUID, on: date, *, notice_id: UUID | None = None, kind: str = "decision_no_aln",
    organisation: str | None = None, role: str = "parent",
) -> Envelope:  # fmt: skip
    notice_id = notice_id or uuid.uuid4()
    event = NoticeGiven(
        notice_id=notice_id, learner_id="l-1", kind=kind, subject_id=str(case_id),
        issuer="school:6652001", recipient_role=role if organisation is None else "copy",
        recipient_organisation=organisation, channel="email", content_sha256="0" * 64,
        delivered_at=datetime.combine(on, datetime.min.time(), UTC), given_on=on,
        window_kind="appeal", window_rule="D18", window_until=None,
    )  # fmt: skip
    return wrap(event, notice_id)


def notice_bounced(case_id: UUID, notice_id: UUID, given_on: date, at: date) -> Envelope:
    event = NoticeBounced(
        notice_id=notice_id, learner_id="l-1", kind="decision_no_aln", subject_id=str(case_id),
        issuer="school:6652001", recipient_role="parent", recipient_organisation=None,
        given_on=given_on, bounced_at=datetime.combine(at, datetime.min.time(), UTC),
    )  # fmt: skip
    return wrap(event, notice_id, version=2)


def idp_issued(case_id: UUID | None, on: date, version: int = 1) -> Envelope:
    idp_id = uuid.uuid4()
    review = public.deadline_facts(compute_deadline(DEFAULT_RULES, RuleId.D14, on).as_dict())
    assert review is not None
    event = IdpIssued(
        idp_id=idp_id, learner_id="l-1", plan_version=version, issued_on=on,
        issued_by="school:6652001", review_deadline=review, revision_reason=None,
        nhs_bodies_securing_alp=[], alp_in_welsh=0, alp_elements=1, determination_id=case_id,
    )  # fmt: skip
    return wrap(event, idp_id, version)


def learn(service: DeterminationService, envelope: Envelope) -> list[Determination]:
    changed = service.on_public_event(envelope)
    service.save(*changed)
    return changed


def given_then_bounced(service: DeterminationService) -> tuple[UUID, UUID]:
    """A no-ALN decision of 20 March whose notice, given on 23 March, bounced on the 24th."""
    case_id = decided_at_school(service)
    first = uuid.uuid4()
    learn(service, notice_given(case_id, date(2026, 3, 23), notice_id=first))
    learn(service, notice_bounced(case_id, first, date(2026, 3, 23), date(2026, 3, 24)))
    return case_id, first


def decision_clock(service: DeterminationService, case_id: UUID) -> tuple[str, date] | None:
    return service.determination(LA, case_id).stopped.get("decision")


def test_a_no_aln_decision_is_met_on_the_day_its_notice_is_given(
    service: DeterminationService,
) -> None:
    case_id = decided_at_school(service)
    assert decision_clock(service, case_id) is None  # decided, not given: the clock runs
    envelope = notice_given(case_id, date(2026, 3, 23))
    assert len(learn(service, envelope)) == 1
    assert decision_clock(service, case_id) == ("met", date(2026, 3, 23))
    # the same notice again (a redelivery) changes nothing
    assert service.on_public_event(envelope) == []
    # a later notice (a second parent) does not move the day the clock was met
    learn(service, notice_given(case_id, date(2026, 3, 27)))
    assert decision_clock(service, case_id) == ("met", date(2026, 3, 23))


def test_a_copy_to_an_organisation_or_another_notice_does_not_give_the_decision(
    service: DeterminationService,
) -> None:
    case_id = decided_at_school(service)
    copy = notice_given(case_id, date(2026, 3, 23), organisation="la:665")
    iro = notice_given(case_id, date(2026, 3, 23), role="independent_reviewing_officer")
    has_aln = notice_given(case_id, date(2026, 3, 23), kind="decision_has_aln")
    reminder = notice_given(case_id, date(2026, 3, 23), kind="deadline_missed")
    elsewhere = notice_given(uuid.uuid4(), date(2026, 3, 23))
    not_a_case = dict(notice_given(case_id, date(2026, 3, 23)).data, subject_id="plan-7")
    not_case_envelope = dataclasses.replace(copy, data=not_a_case)
    envelopes = (copy, iro, has_aln, reminder, elsewhere, not_case_envelope)
    assert [service.on_public_event(e) for e in envelopes] == [[]] * len(envelopes)
    assert decision_clock(service, case_id) is None


def test_a_bounced_notice_reopens_the_clock_until_a_resent_notice_is_given(
    service: DeterminationService,
) -> None:
    case_id, first = given_then_bounced(service)
    assert decision_clock(service, case_id) is None  # not given: open again
    learn(service, notice_given(case_id, date(2026, 3, 30)))  # sent again
    assert decision_clock(service, case_id) == ("met", date(2026, 3, 30))
    case = service.get_as(case_id, Determination)
    assert case.given[str(first)]["bounced_at"] == date(2026, 3, 24)  # the history says so
    # a bounce of a notice never learned as given changes nothing
    unknown = notice_bounced(case_id, uuid.uuid4(), date(2026, 3, 30), date(2026, 3, 31))
    assert service.on_public_event(unknown) == []


def test_a_bounce_of_one_of_two_notices_leaves_the_clock_met_by_the_other(
    service: DeterminationService,
) -> None:
    case_id = decided_at_school(service)
    first = uuid.uuid4()
    learn(service, notice_given(case_id, date(2026, 3, 23), notice_id=first))
    learn(service, notice_given(case_id, date(2026, 3, 25)))
    learn(service, notice_bounced(case_id, first, date(2026, 3, 23), date(2026, 3, 24)))
    assert decision_clock(service, case_id) == ("met", date(2026, 3, 25))


def test_an_aln_decision_is_met_on_the_day_the_idp_is_issued(
    service: DeterminationService,
) -> None:
    case_id = raise_at_school(service, date(2026, 3, 2))
    service.decide(
        SCHOOL, case_id, has_aln=True, reasons="Needs ALP", decided_on=date(2026, 3, 20),
        decided_by="school:6652001", person="ALNCo",
    )  # fmt: skip
    # a no-ALN notice does not give an ALN decision; a plan without the case is another's
    assert service.on_public_event(notice_given(case_id, date(2026, 3, 23))) == []
    assert service.on_public_event(idp_issued(None, date(2026, 4, 1))) == []
    assert decision_clock(service, case_id) is None
    learn(service, idp_issued(case_id, date(2026, 4, 15)))
    assert decision_clock(service, case_id) == ("met", date(2026, 4, 15))
    assert service.on_public_event(idp_issued(case_id, date(2026, 5, 1), version=2)) == []


def test_the_published_fact_says_the_day_the_clocks_were_met(
    service: DeterminationService,
) -> None:
    case_id, _ = given_then_bounced(service)
    case = service.get_as(case_id, Determination)
    stored: list[Any] = list(service.repository.event_store.get(case_id))
    ids: Any = {"determination_id": case_id, "learner_id": "l-1"}
    met = public_event(stored[-2], ids, lambda: case)
    reopened = public_event(stored[-1], ids, lambda: case)
    assert isinstance(met, public.DecisionGiven)
    assert (met.given_as, met.given_on, met.clocks_met_on) == ("notice", date(2026, 3, 23),
                                                                date(2026, 3, 23))  # fmt: skip
    assert met.deadline_keys == ["decision", "idp_necessity"]
    assert isinstance(reopened, public.DecisionNoticeBounced)
    assert reopened.clocks_met_on is None


def test_an_idp_not_necessary_decision_is_met_by_its_notice() -> None:
    case = consented()
    not_necessary(case, on=date(2026, 3, 20))
    assert "idp_necessity" not in stopped_clocks(case)
    assert not given.record_given(
        case, given_id="n1", given_as="notice", kind="decision_no_aln", given_on=date(2026, 3, 21)
    )
    assert given.record_given(
        case, given_id="n2", given_as="notice", kind="idp_not_necessary",
        given_on=date(2026, 3, 23),
    )  # fmt: skip
    assert stopped_clocks(case)["idp_necessity"] == ("met", date(2026, 3, 23))
    assert stopped_clocks(case)["decision"] == ("met", date(2026, 3, 23))
    # replayed from its events, the case says the same
    replayed: Any = None
    for e in case.collect_events():
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Determination)
    assert stopped_clocks(replayed) == stopped_clocks(case)


def test_the_given_consumer_records_a_fact_once_whatever_is_redelivered(
    service: DeterminationService,
) -> None:
    """The consumer ``given`` (``main.py``) saves the case with its tracking record: the same
    event delivered again is not applied again."""
    effect = GIVEN.effect(cast(Any, None), cast(Any, None), service)
    case_id = decided_at_school(service)
    envelope = notice_given(case_id, date(2026, 3, 23))
    assert effect.apply(envelope) is True
    version = service.get_as(case_id, Determination).version
    assert effect.apply(envelope) is False
    assert service.get_as(case_id, Determination).version == version
    assert decision_clock(service, case_id) == ("met", date(2026, 3, 23))
    assert GIVEN.topics == ["aln.notifications.v1", "aln.idp.v1"]
