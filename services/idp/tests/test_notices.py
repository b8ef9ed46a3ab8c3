"""The days notices about a plan were given (notifications' ``notice-given``, undone by
``notice-bounced``) move the windows that run from them, on SQLite and PostgreSQL: D11 from the
later of the two cease notices (s.31(8), (9)), the next review period from the notice of no
revision (s.23(3)(b)); a bounce moves them back, a redelivery changes nothing."""

import uuid
from datetime import UTC, date, datetime

from contracts import idp as public
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from contracts.notifications import NoticeBounced, NoticeGiven
from idp.application import IdpService
from idp.domain import REVIEW, Idp, ReviewOutcome
from idp.publisher import translator
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline, next_review
from llwybr.principal import Principal

from .plans import ISSUED_ON, LA, SCHOOL, issued, review_clock

MAINTAINER = Principal("alnco", SCHOOL.organisation, frozenset())
PROPOSED_ON, DECIDED_ON = date(2026, 5, 1), date(2026, 5, 15)


def envelope(event: IntegrationEvent) -> Envelope:
    return Envelope.wrap(
        event, learner_id="l-1", aggregate_id=uuid.uuid4(), aggregate_version=1,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def given(
    plan_id: uuid.UUID,
    kind: str,
    on: date,
    *,
    notice_id: uuid.UUID | None = None,
    role: str = "parent",
) -> NoticeGiven:
    return NoticeGiven(
        notice_id=notice_id or uuid.uuid4(), learner_id="l-1", kind=kind,
        subject_id=str(plan_id), issuer=SCHOOL.organisation, recipient_role=role,
        recipient_organisation=None, channel="email", content_sha256="0" * 64,
        delivered_at=datetime(on.year, on.month, on.day, 9, tzinfo=UTC), given_on=on,
        window_kind=None, window_rule=None, window_until=None,
    )  # fmt: skip


def bounced(notice: NoticeGiven, on: date) -> NoticeBounced:
    return NoticeBounced(
        notice_id=notice.notice_id, learner_id="l-1", kind=notice.kind,
        subject_id=notice.subject_id, issuer=notice.issuer, recipient_role="parent",
        recipient_organisation=None, given_on=notice.given_on,
        bounced_at=datetime(on.year, on.month, on.day, 10, tzinfo=UTC),
    )  # fmt: skip


def receive(service: IdpService, event: IntegrationEvent) -> int:
    """What the consumer does with a public event: save what it changed (how many)."""
    changed = service.on_public_event(envelope(event))
    service.save(*changed)
    return len(changed)


def d11(on: date) -> date:
    return compute_deadline(DEFAULT_RULES, RuleId.D11, on).due_on


def window(service: IdpService, plan_id: uuid.UUID) -> date | None:
    cease = service.load(plan_id, Idp).cease
    assert cease is not None
    until: date | None = cease["reconsideration_window_until"]
    return until


def ceased(service: IdpService) -> uuid.UUID:
    """A school's plan proposed to cease (the proposal's notice given), then ceased."""
    plan = issued()
    plan.propose_cease(proposed_on=PROPOSED_ON, reasons="Needs met")
    service.save(plan)
    assert receive(service, given(plan.id, "cease_proposed", date(2026, 5, 4))) == 1
    service.decide_cease(
        MAINTAINER, plan.id, decided_on=DECIDED_ON, reasons="Needs met", expected_version=None
    )
    return plan.id


# -- D11 from the later of the two cease notices ------------------------------------------


def test_d11_runs_from_the_decisions_notice_not_the_decision(service: IdpService) -> None:
    plan_id = ceased(service)
    assert window(service, plan_id) == d11(DECIDED_ON)  # no decision notice given yet
    assert receive(service, given(plan_id, "idp_ceased", date(2026, 5, 22))) == 1
    assert window(service, plan_id) == d11(date(2026, 5, 22)) == date(2026, 6, 19)


def test_d11_runs_from_the_later_notice_when_the_proposals_is_given_last(
    service: IdpService,
) -> None:
    plan_id = ceased(service)
    receive(service, given(plan_id, "idp_ceased", date(2026, 5, 18)))
    receive(service, given(plan_id, "cease_proposed", date(2026, 5, 26)))  # re-sent, later
    assert window(service, plan_id) == d11(date(2026, 5, 26))


def test_a_bounced_decision_notice_moves_d11_back_and_the_resent_one_forward(
    service: IdpService,
) -> None:
    plan_id = ceased(service)
    first = given(plan_id, "idp_ceased", date(2026, 5, 18))
    receive(service, first)
    assert receive(service, bounced(first, date(2026, 5, 19))) == 1
    assert window(service, plan_id) == d11(DECIDED_ON)  # nothing given: as decided
    receive(service, given(plan_id, "idp_ceased", date(2026, 6, 1)))
    assert window(service, plan_id) == d11(date(2026, 6, 1))
    plan = service.load(plan_id, Idp)
    assert [n["bounced_on"] for n in plan.notices.values() if n["kind"] == "idp_ceased"] == [
        date(2026, 5, 19),
        None,
    ]


def test_a_redelivered_copy_or_unrelated_notice_changes_nothing(service: IdpService) -> None:
    plan_id = ceased(service)
    notice = given(plan_id, "idp_ceased", date(2026, 5, 22))
    assert receive(service, notice) == 1
    assert receive(service, notice) == 0  # redelivered
    assert receive(service, bounced(given(plan_id, "idp_ceased", DECIDED_ON), DECIDED_ON)) == 0
    copy = given(plan_id, "idp_ceased", date(2026, 6, 1), role="local_authority")
    assert receive(service, copy) == 0  # a copy to an organisation gives nothing
    assert receive(service, given(plan_id, "idp_revised", date(2026, 6, 1))) == 0
    assert receive(service, given(uuid.uuid4(), "idp_ceased", date(2026, 6, 1))) == 0
    assert window(service, plan_id) == d11(date(2026, 5, 22))


def test_an_las_plan_has_no_d11_whatever_notice_is_given(service: IdpService) -> None:
    plan = issued(LA)
    plan.propose_cease(proposed_on=PROPOSED_ON, reasons="Needs met")
    plan.decide_cease(decided_on=DECIDED_ON, reasons="Needs met", reconsideration_window_until=None)
    service.save(plan)
    assert receive(service, given(plan.id, "idp_ceased", date(2026, 5, 22))) == 1
    assert window(service, plan.id) is None


# -- D14 from the notice of no revision ---------------------------------------------------


def held_not_revised(service: IdpService, held_on: date) -> uuid.UUID:
    plan = issued()
    service.save(plan)
    service.hold_review(
        MAINTAINER, plan.id, held_on=held_on, outcome=ReviewOutcome.NOT_REVISED,
        expected_version=None,
    )  # fmt: skip
    return plan.id


def test_the_next_review_runs_from_the_notice_of_no_revision(service: IdpService) -> None:
    plan_id = held_not_revised(service, date(2027, 1, 11))
    receive(service, given(plan_id, "idp_not_revised", date(2027, 1, 15)))
    review = service.load(plan_id, Idp).deadline(REVIEW)
    assert review is not None
    assert (review.trigger_date, review.due_on) == (date(2027, 1, 15), date(2028, 1, 14))


def test_a_late_notice_of_no_revision_does_not_reset_the_cycle(service: IdpService) -> None:
    # the first period ends on 18 March 2027; the notice is given after it (s.23(4))
    plan_id = held_not_revised(service, date(2027, 3, 10))
    receive(service, given(plan_id, "idp_not_revised", date(2027, 3, 25)))
    review = service.load(plan_id, Idp).deadline(REVIEW)
    expected = next_review(DEFAULT_RULES, RuleId.D14, review_clock(ISSUED_ON), date(2027, 3, 25))
    assert review == expected
    assert (review.trigger_date, review.due_on) == (date(2027, 3, 19), date(2028, 3, 18))


def test_a_bounced_notice_of_no_revision_puts_the_review_back(service: IdpService) -> None:
    plan_id = held_not_revised(service, date(2027, 1, 11))
    from_meeting = service.load(plan_id, Idp).deadline(REVIEW)
    notice = given(plan_id, "idp_not_revised", date(2027, 1, 15))
    receive(service, notice)
    assert receive(service, bounced(notice, date(2027, 1, 16))) == 1
    assert service.load(plan_id, Idp).deadline(REVIEW) == from_meeting
    receive(service, given(plan_id, "idp_not_revised", date(2027, 2, 1)))
    review = service.load(plan_id, Idp).deadline(REVIEW)
    assert review is not None
    assert review.due_on == date(2028, 1, 31)


def test_a_notice_of_no_revision_without_such_a_review_changes_nothing(
    service: IdpService,
) -> None:
    plan = issued()
    service.save(plan)
    assert receive(service, given(plan.id, "idp_not_revised", date(2027, 1, 15))) == 0
    assert service.load(plan.id, Idp).deadline(REVIEW) == review_clock(ISSUED_ON)


# -- published: the windows enforced, read by the other services --------------------------


def test_the_windows_a_notice_moves_are_published(service: IdpService) -> None:
    plan_id = ceased(service)
    notice = given(plan_id, "idp_ceased", date(2026, 5, 22))
    receive(service, notice)
    receive(service, bounced(notice, date(2026, 5, 25)))
    translate = translator(service)
    published = [p.event for p in map(translate, service.recorded_events(plan_id)) if p]
    recorded = [e for e in published if isinstance(e, public.NoticeGivenRecorded)]
    assert [
        (e.notice_kind, e.given_on, e.bounced_on, e.reconsideration_window_until) for e in recorded
    ] == [
        ("cease_proposed", date(2026, 5, 4), None, None),
        ("idp_ceased", date(2026, 5, 22), None, d11(date(2026, 5, 22))),
        ("idp_ceased", None, date(2026, 5, 25), d11(DECIDED_ON)),
    ]


def test_the_day_the_cease_notice_told_is_published_with_the_d11_run_here(
    service: IdpService,
) -> None:
    """Notifications tells the family a later D11 than its notice said (from the two dates
    published here, never recomputed there)."""
    plan_id = ceased(service)
    told = given(plan_id, "idp_ceased", date(2026, 5, 22)).model_copy(
        update={
            "window_kind": "reconsideration_request",
            "window_rule": "D11",
            "window_until": d11(DECIDED_ON),
        }
    )
    receive(service, told)
    translate = translator(service)
    published = [p.event for p in map(translate, service.recorded_events(plan_id)) if p]
    [last] = [e for e in published if isinstance(e, public.NoticeGivenRecorded)][-1:]
    assert (last.quoted_until, last.reconsideration_window_until) == (
        d11(DECIDED_ON), d11(date(2026, 5, 22))
    )  # fmt: skip
