"""The repeated reminder where no statutory limit was found: one schedule for every reader."""

from datetime import date

import pytest

from llwybr.clock import next_reminder_on

FIRST = date(2026, 5, 29)  # opened 1 May, reminded every 28 days


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (date(2026, 5, 1), FIRST),  # before the first: the first
        (date(2026, 5, 28), FIRST),
        (FIRST, date(2026, 6, 26)),  # on a reminder's day: the next
        (date(2026, 6, 25), date(2026, 6, 26)),
        (date(2026, 9, 1), date(2026, 9, 18)),  # away for months: the next, not the missed ones
    ],
)
def test_the_next_reminder_falls_after_the_day_on_the_published_schedule(
    after: date, expected: date
) -> None:
    assert next_reminder_on(FIRST, 28, after) == expected
    assert (expected - FIRST).days % 28 == 0


def test_an_interval_of_less_than_a_day_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        next_reminder_on(FIRST, 0, FIRST)
