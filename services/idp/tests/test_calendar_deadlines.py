"""A school's calendar published after its "has ALN" decision makes the plan's carried
preparation deadline firm (docs/domain.md section 11, "No calendar"), on SQLite and PostgreSQL:
the IDP service recounts it, records the change and publishes it; a correction moves it again;
a plan issued, or a deadline counted on a calendar the plan prefers, does not move."""

import uuid
from datetime import date

from contracts import idp as public
from contracts.determination import CalendarPublished, Decided, Term, deadline_facts
from idp.application import IdpService
from idp.domain import PREPARATION, TRANSFER, ClosureReason, Idp
from idp.publisher import translator
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

from .plans import FEI, issued
from .plans import LA as LA_PLAN
from .test_notices import receive

SCHOOL, LA = "school:6652001", "la:665"
CONCERN_ON, DECIDED_ON = date(2026, 6, 15), date(2026, 6, 26)
TERMS = [Term(name="Summer 2", start=date(2026, 6, 1), end=date(2026, 7, 20)),
         Term(name="Autumn 1", start=date(2026, 9, 1), end=date(2026, 10, 23))]  # fmt: skip


def calendar(
    calendar_id: str, version: int = 1, closures: list[date] | None = None
) -> CalendarPublished:
    return CalendarPublished(
        calendar_id=calendar_id, calendar_name=f"{calendar_id} 2026/27", calendar_version=version,
        terms=TERMS, closures=closures or [],
    )  # fmt: skip


def decided(learner_id: str) -> Decided:
    """A school decides "has ALN" with no calendar known: D1 counted on working days."""
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D1, CONCERN_ON)
    assert deadline.provisional
    assert deadline.due_on == date(2026, 8, 3)
    return Decided(
        determination_id=uuid.uuid4(), learner_id=learner_id, has_aln=True,
        decided_on=DECIDED_ON, decided_by=SCHOOL, deciding_body="school", local_authority="la:665",
        reconsidering_authority=None, within_time=True, young_person=False, looked_after=False,
        decision_deadline=deadline_facts(deadline.as_dict()),
    )  # fmt: skip


def preparation(service: IdpService, learner_id: str) -> tuple[date, bool]:
    plan = service.plan_of(learner_id)
    assert plan is not None
    deadline = plan.deadline(PREPARATION)
    assert deadline is not None
    return deadline.due_on, deadline.provisional


def published(service: IdpService, learner_id: str) -> list[public.DeadlineRecalculated]:
    """The plan's public ``deadline-recalculated`` events, as the publisher translates them."""
    plan = service.plan_of(learner_id)
    assert plan is not None
    translate = translator(service)
    events = [p.event for p in map(translate, service.recorded_events(plan.id)) if p]
    return [e for e in events if isinstance(e, public.DeadlineRecalculated)]


def test_the_schools_calendar_published_after_the_decision_makes_the_date_firm(
    service: IdpService,
) -> None:
    receive(service, decided("l-cal-1"))
    assert preparation(service, "l-cal-1") == (date(2026, 8, 3), True)
    assert receive(service, calendar(SCHOOL)) == 2  # the calendar kept, the plan
    assert preparation(service, "l-cal-1") == (date(2026, 9, 14), False)
    (event,) = published(service, "l-cal-1")
    assert (event.deadline_key, event.previous_due_on, event.previous_provisional) == (
        "preparation", date(2026, 8, 3), True
    )  # fmt: skip
    assert (event.deadline.due_on, event.deadline.provisional) == (date(2026, 9, 14), False)
    assert event.deadline.calendar_id == SCHOOL
    assert "calendar school:6652001" in event.reason
    # a correction (a closure on 14 September) moves it again; the same version changes nothing
    assert receive(service, calendar(SCHOOL)) == 0
    receive(service, calendar(SCHOOL, 2, closures=[date(2026, 9, 14)]))
    assert preparation(service, "l-cal-1") == (date(2026, 9, 15), False)


def test_the_las_calendar_counts_until_the_schools_own_is_published(
    service: IdpService,
) -> None:
    receive(service, decided("l-cal-2"))
    receive(service, calendar(LA))
    assert preparation(service, "l-cal-2") == (date(2026, 9, 14), False)
    receive(service, calendar(SCHOOL, closures=[date(2026, 7, 1)]))  # the school's own wins
    assert preparation(service, "l-cal-2") == (date(2026, 9, 15), False)
    receive(service, calendar(LA, 2, closures=[date(2026, 9, 1)]))  # no longer counted on
    assert preparation(service, "l-cal-2") == (date(2026, 9, 15), False)


def test_a_calendar_known_before_the_plan_opens_counts_at_once(service: IdpService) -> None:
    receive(service, calendar(SCHOOL))
    receive(service, decided("l-cal-3"))
    assert preparation(service, "l-cal-3") == (date(2026, 9, 14), False)


def test_an_ended_plans_preparation_deadline_no_longer_moves(service: IdpService) -> None:
    receive(service, decided("l-cal-4"))
    plan = service.plan_of("l-cal-4")
    assert plan is not None
    assert not plan.recalculate_deadline(
        key="review", new=compute_deadline(DEFAULT_RULES, RuleId.D1, CONCERN_ON), reason="none"
    )
    assert plan.still_runs(PREPARATION)
    plan.close(closed_on=date(2026, 7, 1), reason=ClosureReason.LEARNER_LEFT)
    assert not plan.still_runs(PREPARATION)
    service.save(plan)
    assert receive(service, calendar(SCHOOL)) == 1  # the calendar kept; the plan unchanged
    assert preparation(service, "l-cal-4") == (date(2026, 8, 3), True)


def test_the_feis_answer_is_counted_on_its_calendar_once_published(service: IdpService) -> None:
    """D13: 20 term-time days from the FEI's receipt (Thursday 3 September); without its
    calendar, on working days (1 October, provisional); its calendar (Autumn 1 from
    1 September, a closure on 14 September) published: 2 October, firm."""
    plan = issued(LA_PLAN)
    fei, received = FEI.organisation, date(2026, 9, 3)
    plan.ask_fei(fei=FEI, requested_on=date(2026, 9, 2), received_on=received,
                 deadline=service.counted_deadline(RuleId.D13, received, [fei]))  # fmt: skip
    service.save(plan, *service.note_on_calendars(plan, TRANSFER, [fei]))
    before = service.load(plan.id, Idp).deadline(TRANSFER)
    assert before is not None
    assert (before.due_on, before.provisional) == (date(2026, 10, 1), True)
    assert receive(service, calendar(fei, closures=[date(2026, 9, 14)])) == 2
    after = service.load(plan.id, Idp).deadline(TRANSFER)
    assert after is not None
    assert (after.due_on, after.provisional, after.calendar_id) == (date(2026, 10, 2), False, fei)
