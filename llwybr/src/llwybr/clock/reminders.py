"""A repeated reminder where no statutory limit was found (the LA's IDP after an R1 "has ALN",
docs/domain.md section 11): the owner of the preparation decides and publishes its first
reminder date and the interval; the schedule they make is stepped here, once, for the owner's
views and for the notifications service that sends the reminders."""

from datetime import date, timedelta


def next_reminder_on(first_reminder_on: date, every_days: int, after: date) -> date:
    """The first reminder of the schedule (``first_reminder_on``, then every ``every_days``
    days) that falls after ``after``: a scheduler that was away does not send the missed ones
    all at once, and the day of a reminder already points at the next."""
    if every_days < 1:
        raise ValueError(f"a reminder interval is at least one day, not {every_days}")
    if after < first_reminder_on:
        return first_reminder_on
    steps = (after - first_reminder_on).days // every_days + 1
    return first_reminder_on + timedelta(days=steps * every_days)
