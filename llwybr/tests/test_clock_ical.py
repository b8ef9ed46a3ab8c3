from datetime import date, datetime, timedelta

import icalendar
import pytest

from llwybr.clock import (
    DEFAULT_RULES,
    InvalidCalendarError,
    Term,
    TermCalendar,
    calendar_from_ical,
    compute_deadline,
)


def event(summary: str, first: date, last: date | None = None) -> icalendar.Event:
    """An all-day event from ``first`` to ``last`` inclusive (DTEND is the day after)."""
    created = icalendar.Event()
    created.add("uid", f"{summary}-{first.isoformat()}@example.gov.wales")
    created.add("dtstamp", datetime(2025, 3, 1, 9, 0))
    created.add("summary", summary)
    created.add("dtstart", first)
    created.add("dtend", (last or first) + timedelta(days=1))
    return created


def ics(*events: icalendar.Event) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Example LA//Term dates//EN")
    calendar.add("version", "2.0")
    for each in events:
        calendar.add_component(each)
    data: bytes = calendar.to_ical()
    return data


# How an LA publishes 2025/26: whole terms, half terms on top, INSET days and other events.
TERM_DATES = ics(
    event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19)),
    event("Half Term", date(2025, 10, 27), date(2025, 10, 31)),
    event("INSET Day", date(2025, 9, 1)),
    event("Christmas holidays: term ends 19 December", date(2025, 12, 22), date(2026, 1, 2)),
    event("Spring Term", date(2026, 1, 5), date(2026, 3, 27)),
    event("Spring half-term", date(2026, 2, 16), date(2026, 2, 20)),
    event("Staff training days", date(2026, 1, 5), date(2026, 1, 6)),
    event("Summer Term", date(2026, 4, 13), date(2026, 7, 20)),
    event("May Day Bank Holiday", date(2026, 5, 4)),
    event("Half term", date(2026, 5, 25), date(2026, 5, 29)),
    event("School closed: polling station", date(2026, 5, 7)),
    event("Parents' evening", date(2026, 3, 12)),
)


def parse(data: bytes = TERM_DATES) -> TermCalendar:
    return calendar_from_ical(data, calendar_id="la:example", name="Example LA", version=2)


def test_the_calendar_takes_the_id_name_and_version_it_is_given() -> None:
    parsed = parse()
    assert (parsed.id, parsed.name, parsed.version) == ("la:example", "Example LA", 2)


def test_terms_are_split_at_their_half_terms_with_exclusive_all_day_ends() -> None:
    # the weekends either side of a half term belong to neither half
    assert parse().terms == (
        Term(date(2025, 9, 1), date(2025, 10, 24), "Autumn Term (1 of 2)"),
        Term(date(2025, 11, 3), date(2025, 12, 19), "Autumn Term (2 of 2)"),
        Term(date(2026, 1, 5), date(2026, 2, 13), "Spring Term (1 of 2)"),
        Term(date(2026, 2, 23), date(2026, 3, 27), "Spring Term (2 of 2)"),
        Term(date(2026, 4, 13), date(2026, 5, 22), "Summer Term (1 of 2)"),
        Term(date(2026, 6, 1), date(2026, 7, 20), "Summer Term (2 of 2)"),
    )


def test_inset_training_closed_and_bank_holiday_events_become_closure_days() -> None:
    assert parse().closures == {
        date(2025, 9, 1),
        date(2026, 1, 5),
        date(2026, 1, 6),
        date(2026, 5, 4),
        date(2026, 5, 7),
    }


def test_a_half_term_day_is_not_a_school_day() -> None:
    assert not parse().is_school_day(date(2025, 10, 29))


def test_a_half_term_covering_the_rest_of_a_term_leaves_one_piece() -> None:
    parsed = parse(
        ics(
            event("Summer Term", date(2026, 6, 1), date(2026, 7, 24)),
            event("Half term", date(2026, 7, 20), date(2026, 7, 24)),
        )
    )
    assert parsed.terms == (Term(date(2026, 6, 1), date(2026, 7, 17), "Summer Term"),)


def test_holidays_and_other_events_are_ignored() -> None:
    parsed = parse()
    assert parsed.is_school_day(date(2026, 3, 12))
    assert not parsed.covers(date(2025, 8, 31))
    assert parsed.term_on(date(2025, 12, 24)) is None


def test_a_parsed_calendar_gives_the_same_deadline_as_the_published_dates() -> None:
    # 35 school days from Monday 17 November 2025; the Christmas holiday and the two
    # training days (5 and 6 January) are skipped: 24 days to 19 Dec, then 7-9 Jan 27,
    # 12-16 Jan 32, 19-21 Jan 35
    deadline = compute_deadline(DEFAULT_RULES, "D1", date(2025, 11, 17), parse())
    assert deadline.due_on == date(2026, 1, 21)
    assert (deadline.calendar_id, deadline.calendar_version) == ("la:example", 2)


def test_welsh_summaries_are_understood() -> None:
    parsed = parse(
        ics(
            event("Tymor yr Hydref", date(2025, 9, 1), date(2025, 12, 19)),
            event("Hanner Tymor", date(2025, 10, 27), date(2025, 10, 31)),
            event("Diwrnod HMS", date(2025, 9, 1)),
            event("Gŵyl y Banc", date(2025, 8, 25)),
        )
    )
    assert [term.name for term in parsed.terms] == [
        "Tymor yr Hydref (1 of 2)",
        "Tymor yr Hydref (2 of 2)",
    ]
    assert parsed.closures == {date(2025, 9, 1), date(2025, 8, 25)}


def test_an_inset_day_named_after_its_term_is_a_closure_not_a_term() -> None:
    parsed = parse(
        ics(
            event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19)),
            event("Autumn term INSET day", date(2025, 9, 2)),
        )
    )
    assert len(parsed.terms) == 1
    assert parsed.closures == {date(2025, 9, 2)}


def test_separately_published_half_terms_stay_as_published() -> None:
    parsed = parse(
        ics(
            event("Autumn Term 1", date(2025, 9, 1), date(2025, 10, 24)),
            event("Half term", date(2025, 10, 27), date(2025, 10, 31)),
            event("Autumn Term 2", date(2025, 11, 3), date(2025, 12, 19)),
        )
    )
    assert [term.name for term in parsed.terms] == ["Autumn Term 1", "Autumn Term 2"]


def test_timed_events_cover_the_days_they_touch() -> None:
    term = icalendar.Event()
    term.add("summary", "Autumn Term")
    term.add("dtstart", datetime(2025, 9, 1, 8, 45))
    term.add("dtend", datetime(2025, 12, 19, 15, 15))
    parsed = parse(ics(term))
    assert parsed.terms == (Term(date(2025, 9, 1), date(2025, 12, 19), "Autumn Term"),)


def test_a_cancelled_closure_is_ignored() -> None:
    closure = event("INSET Day", date(2025, 9, 2))
    closure.add("status", "CANCELLED")
    parsed = parse(ics(event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19)), closure))
    assert parsed.closures == frozenset()


def test_a_duplicated_term_event_counts_once() -> None:
    autumn = event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19))
    assert len(parse(ics(autumn, autumn)).terms) == 1


def test_garbage_is_an_invalid_calendar() -> None:
    with pytest.raises(InvalidCalendarError, match="not readable as iCalendar"):
        parse(b"\x00\xffthis is not a calendar")


def test_empty_data_is_an_invalid_calendar() -> None:
    with pytest.raises(InvalidCalendarError, match="not readable as iCalendar"):
        parse(b"")


def test_a_lone_event_is_not_a_calendar() -> None:
    with pytest.raises(InvalidCalendarError, match="expected a VCALENDAR"):
        parse(event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19)).to_ical())


def test_a_calendar_without_terms_is_rejected() -> None:
    with pytest.raises(InvalidCalendarError, match="no term events"):
        parse(ics(event("INSET Day", date(2025, 9, 1))))


def test_a_term_without_dates_is_rejected() -> None:
    undated = icalendar.Event()
    undated.add("summary", "Autumn Term")
    with pytest.raises(InvalidCalendarError, match="'Autumn Term' has no readable dates"):
        parse(ics(undated))


def test_overlapping_terms_are_rejected() -> None:
    with pytest.raises(InvalidCalendarError, match="overlap"):
        parse(
            ics(
                event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19)),
                event("Autumn Term (revised)", date(2025, 9, 3), date(2025, 12, 19)),
            )
        )


def test_a_recurring_term_event_is_rejected() -> None:
    weekly = event("Autumn Term", date(2025, 9, 1), date(2025, 9, 5))
    weekly.add("rrule", {"freq": "weekly", "count": 15})
    with pytest.raises(InvalidCalendarError, match="recurring"):
        parse(ics(weekly))


def test_a_recurring_bank_holiday_is_harmless() -> None:
    yearly = event("Bank Holiday", date(2025, 12, 25))
    yearly.add("rrule", {"freq": "yearly"})
    parsed = parse(ics(event("Autumn Term", date(2025, 9, 1), date(2025, 12, 19)), yearly))
    assert parsed.closures == {date(2025, 12, 25)}
