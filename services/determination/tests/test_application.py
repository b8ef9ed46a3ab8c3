"""The determination service layer on SQLite and on PostgreSQL: deadlines on real calendars."""

from datetime import date
from typing import Any
from uuid import UUID

from determination.application import Concern, DeterminationService, Raised
from determination.domain import Circumstances, Learner, Setting
from determination.domain.errors import DateOutOfOrderError
from determination.publisher import translator
from llwybr.clock import RuleId, Term, TermCalendar
from llwybr.principal import Principal
from llwybr_testkit import CountingRecorder

#: A real-looking Welsh LA calendar for 2025/26 (Wrexham-like term dates, INSET days).
WREXHAM = TermCalendar(
    id="la:665",
    name="Wrexham 2025/26",
    version=1,
    terms=(
        Term(date(2025, 9, 1), date(2025, 10, 24), "Autumn 1"),
        Term(date(2025, 11, 3), date(2025, 12, 19), "Autumn 2"),
        Term(date(2026, 1, 5), date(2026, 2, 13), "Spring 1"),
        Term(date(2026, 2, 23), date(2026, 3, 27), "Spring 2"),
        Term(date(2026, 4, 13), date(2026, 5, 22), "Summer 1"),
        Term(date(2026, 6, 1), date(2026, 7, 20), "Summer 2"),
    ),
    closures=frozenset({date(2025, 9, 1), date(2025, 9, 2), date(2026, 1, 5), date(2026, 7, 20)}),
)


#: Callers: the school's ALNCo, and an officer of its LA (who sees every case of its learners).
SCHOOL = Principal("alnco", "school:6652001", frozenset())
LA = Principal("officer", "la:665", frozenset())


def set_calendar(service: DeterminationService, calendar: TermCalendar) -> TermCalendar:
    """The LA sets (or corrects) a calendar; the service numbers its versions."""
    return service.set_calendar(
        LA, calendar.id, lambda _version: calendar, set_by="la:665", source="json"
    )


def pupil(learner_id: str = "", **changes: object) -> Learner:
    """A learner as a client names them (``learner_id``: the registry's, or empty: new)."""
    values: dict[str, object] = {
        "learner_id": learner_id,
        "given_name": "Cerys",
        "family_name": "Jones",
        "date_of_birth": date(2017, 5, 2),
        "setting": Setting.MAINTAINED_SCHOOL,
        "setting_id": "6652001",
        "local_authority": "665",
    }
    values.update(changes)
    return Learner(**values)  # type: ignore[arg-type]


def at(organisation: str, learner: Learner, on: date, local_id: str | None = None) -> Concern:
    """A concern the organisation raises with itself."""
    return Concern(learner, Circumstances(raised_with=organisation), organisation, on, local_id)


def raise_at_school(service: DeterminationService, on: date) -> UUID:
    return service.raise_concern(SCHOOL, at("school:6652001", pupil(), on)).determination_id


def decided_at_school(service: DeterminationService) -> UUID:
    """A case the school decided: no ALN."""
    case_id = raise_at_school(service, date(2026, 3, 2))
    service.decide(
        SCHOOL, case_id, has_aln=False, reasons="Progress is good", decided_on=date(2026, 3, 20),
        decided_by="school:6652001", person="ALNCo",
    )  # fmt: skip
    return case_id


def test_35_school_days_run_across_the_christmas_holiday(service: DeterminationService) -> None:
    set_calendar(service, WREXHAM)
    case_id = raise_at_school(service, date(2025, 11, 24))
    # From Tue 25 Nov: 25-28 Nov (4), 1-19 Dec (15: 19), holiday, INSET Mon 5 Jan,
    # 6-9 Jan (4: 23), 12-16 (5: 28), 19-23 (5: 33), Mon 26 (34), Tue 27 Jan (35).
    deadline = service.determination(LA, case_id).deadlines["decision"]
    assert deadline.due_on == date(2026, 1, 27)
    assert (deadline.rule_id, deadline.calendar_id, deadline.calendar_version) == (
        RuleId.D1,
        "la:665",
        1,
    )
    assert not deadline.provisional
    assert "35 school days" in deadline.explanation


def test_35_school_days_run_across_the_february_half_term(service: DeterminationService) -> None:
    set_calendar(service, WREXHAM)
    case_id = raise_at_school(service, date(2026, 1, 26))
    # 27-30 Jan (4), 2-13 Feb (10: 14), half term 16-20 Feb, 23 Feb-20 Mar (20: 34), Mon 23 Mar.
    assert service.determination(LA, case_id).deadlines["decision"].due_on == date(2026, 3, 23)


def test_a_schools_own_calendar_takes_precedence_over_its_las(
    service: DeterminationService,
) -> None:
    set_calendar(service, WREXHAM)
    school = WREXHAM.with_closures(
        "school:6652001", "Ysgol Example", 1, WREXHAM.closures | {date(2025, 11, 28)}
    )
    set_calendar(service, school)
    case_id = raise_at_school(service, date(2025, 11, 24))
    deadline = service.determination(LA, case_id).deadlines["decision"]
    assert deadline.calendar_id == "school:6652001"
    assert deadline.due_on == date(2026, 1, 28)


def test_without_a_calendar_the_deadline_is_provisional(service: DeterminationService) -> None:
    case_id = raise_at_school(service, date(2025, 11, 24))
    deadline = service.determination(LA, case_id).deadlines["decision"]
    assert deadline.provisional
    assert deadline.calendar_id is None


def test_an_la_decides_within_12_weeks(service: DeterminationService) -> None:
    home_educated = pupil(setting=Setting.HOME_EDUCATED, setting_id=None)
    case_id = service.raise_concern(LA, at("la:665", home_educated, date(2026, 2, 2)))[0]
    deadline = service.determination(LA, case_id).deadlines["decision"]
    assert (deadline.rule_id, deadline.unit, deadline.length) == (RuleId.D3, "weeks", 12)
    assert deadline.due_on == date(2026, 4, 27)


def test_an_nhs_answer_is_due_6_weeks_after_receipt_rolled_past_a_bank_holiday(
    service: DeterminationService,
) -> None:
    case_id = raise_at_school(service, date(2026, 2, 2))
    service.receive_nhs_referral(
        SCHOOL, case_id, referral_id="r1", nhs_body="lhb:7A1", received_on=date(2026, 2, 23)
    )
    # 6 weeks from the day after receipt ends on Easter Monday 6 April 2026: the next working
    # day is Tuesday 7 April.
    deadline = service.determination(LA, case_id).deadlines["nhs:r1"]
    assert (deadline.rule_id, deadline.due_on) == (RuleId.D7, date(2026, 4, 7))


def test_a_calendar_correction_is_an_explicit_recalculation(
    service: DeterminationService,
) -> None:
    set_calendar(service, WREXHAM)
    case_id = raise_at_school(service, date(2025, 11, 24))
    corrected = WREXHAM.with_closures(
        "la:665", WREXHAM.name, 2, WREXHAM.closures | {date(2025, 12, 1)}
    )
    assert set_calendar(service, corrected).version == 2

    assert service.recalculate_for_calendar("la:665", [case_id]) == [case_id]

    view = service.determination(LA, case_id)
    assert view.deadlines["decision"].due_on == date(2026, 1, 28)
    assert view.deadlines["decision"].calendar_version == 2
    [recalculation] = view.recalculations
    assert recalculation["previous"]["due_on"] == "2026-01-27"
    names = [type(r.event).__name__ for r in service.recorded_events(case_id)]
    assert names == ["ConcernRaised", "DeadlineRecalculated"]
    assert service.recalculate_for_calendar("la:665", [case_id]) == []  # nothing moved again


def test_a_nightly_sync_raises_each_concern_as_one_alone_would_in_one_save(
    service: DeterminationService,
) -> None:
    set_calendar(service, WREXHAM)
    on = date(2025, 12, 1)
    alone = service.determination(LA, raise_at_school(service, on)).deadlines["decision"]
    before = service.recorder.max_notification_id() or 0
    results = service.raise_concerns(
        SCHOOL, [at("school:6652001", pupil(), on, f"mis-{n}") for n in range(3)]
    )
    assert [r.version for r in results if isinstance(r, Raised)] == [1, 1, 1]
    for raised in (r for r in results if isinstance(r, Raised)):
        assert service.determination(LA, raised.determination_id).deadlines["decision"] == alone
    # Each: the case, the learner, its local id's index, its open-determination index.
    assert (service.recorder.max_notification_id() or 0) - before == 3 * 4


def test_a_refused_concern_in_a_sync_is_reported_and_the_others_are_raised(
    service: DeterminationService,
) -> None:
    on = date(2025, 12, 1)
    unborn = pupil(date_of_birth=date(2026, 1, 1))  # refused after the learner was named
    concerns = [at("school:6652001", p, on, n) for p, n in ((pupil(), "a"), (unborn, "b"),
                                                            (pupil(), "c"))]  # fmt: skip
    before = service.recorder.max_notification_id() or 0
    results = service.raise_concerns(SCHOOL, concerns)
    assert isinstance(results[1], DateOutOfOrderError)
    assert [isinstance(r, Raised) for r in results] == [True, False, True]
    # The refused item registered nothing: two of each (case, learner, index, open index).
    assert (service.recorder.max_notification_id() or 0) - before == 2 * 4


def test_a_new_case_is_published_with_its_learner_without_reading_the_case_again(
    service: DeterminationService,
) -> None:
    """The relay's translator takes the learner id from the concern raised (a nightly sync
    publishes a thousand at once)."""
    case_id = raise_at_school(service, date(2026, 3, 2))
    [raised] = service.recorded_events(case_id)
    learner_id = service.determination(LA, case_id).learner["learner_id"]
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    publication = translator(service)(raised)
    assert publication is not None
    assert publication.learner_id == learner_id
    assert counting.reads == 0


def test_an_idp_not_necessary_decision_is_judged_on_d5_and_published_so(
    service: DeterminationService,
) -> None:
    young = pupil(setting=Setting.NOT_IN_EDUCATION, setting_id=None,
                  date_of_birth=date(2007, 9, 1))  # fmt: skip
    case_id = service.raise_concern(LA, at("la:665", young, date(2026, 3, 2))).determination_id
    service.record_consent(
        LA, case_id, given=True, recorded_on=date(2026, 3, 5), recorded_by="la:665"
    )
    service.decide(
        LA, case_id, has_aln=True, reasons="needs met by the training provider",
        decided_on=date(2026, 5, 1), decided_by="la:665", person="ALN officer",
        idp_necessary=False,
    )  # fmt: skip
    view = service.determination(LA, case_id)
    necessity = view.deadlines["idp_necessity"]
    assert (necessity.rule_id, necessity.trigger_date, necessity.due_on) == (
        RuleId.D5, date(2026, 3, 5), date(2026, 5, 28),
    )  # fmt: skip
    assert view.decision is not None
    assert view.decision["idp_necessary"] is False
    *_, decided = service.recorded_events(case_id)
    publication = translator(service)(decided)
    assert publication is not None
    event: Any = publication.event
    assert (event.name, event.has_aln, event.idp_necessary) == ("decided", True, False)
    assert (event.within_time, event.decision_deadline.rule_id) == (True, RuleId.D5)
