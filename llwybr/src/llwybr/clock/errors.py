"""The statutory clock's errors: one base class, so callers can catch the clock as a whole."""


class ClockError(Exception):
    """Base class for every error the statutory clock raises."""


class UnknownRuleError(ClockError, LookupError):
    """The rule table has no rule with this id."""

    def __init__(self, rule_id: str, version: str) -> None:
        super().__init__(f"rule table {version} has no rule {rule_id!r}")
        self.rule_id = rule_id
        self.version = version


class RuleHasNoLengthError(ClockError):
    """The rule has no statutory length, so no deadline can be computed until one is configured."""

    def __init__(self, rule_id: str, version: str) -> None:
        super().__init__(
            f"rule {rule_id} has no length in rule table {version}: it must be configured "
            "(a corrected rule table with a length) before a deadline can be computed"
        )
        self.rule_id = rule_id
        self.version = version


class InvalidRuleError(ClockError, ValueError):
    """A rule or rule table is malformed (a non-positive length, an id under the wrong key)."""


class InvalidCalendarError(ClockError, ValueError):
    """A term calendar is malformed, or term dates could not be read."""


class CalendarTooShortError(ClockError):
    """The term calendar does not cover every day the count needs."""


class NegativePeriodError(ClockError, ValueError):
    """Periods are counted forwards only."""


class InvalidDeadlineError(ClockError, ValueError):
    """A serialised deadline is missing a field or has one of the wrong type."""
