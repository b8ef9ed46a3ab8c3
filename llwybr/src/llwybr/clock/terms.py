"""Term calendars: which days a school (or FEI) is open to pupils.

One calendar per LA from its published term dates; a school's calendar is its LA's plus its own
closures (INSET days, emergency closures). Every correction is a new version, so a deadline can
say which calendar version it was counted on. "School day" is not defined in the sources read:
here it is a day in a term, Monday to Friday, not a Welsh bank holiday and not a closure [U].
"""

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from llwybr.clock.errors import InvalidCalendarError
from llwybr.clock.working_days import is_working_day


@dataclass(frozen=True)
class Term:
    """A term or half of one, both ends inclusive."""

    start: date
    end: date
    name: str


@dataclass(frozen=True)
class TermCalendar:
    """The terms and closure days of one LA, school or FEI, at one version."""

    id: str
    name: str
    version: int
    terms: tuple[Term, ...]
    closures: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # accept any iterables from callers, but keep the stored values immutable and hashable
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "closures", frozenset(self.closures))
        if not self.terms:
            raise InvalidCalendarError(f"calendar {self.label} has no terms")
        for term in self.terms:
            if term.start > term.end:
                raise InvalidCalendarError(
                    f"calendar {self.label}: term {term.name!r} ends ({term.end}) "
                    f"before it starts ({term.start})"
                )
        for earlier, later in zip(self.terms, self.terms[1:], strict=False):
            if later.start <= earlier.end:
                raise InvalidCalendarError(
                    f"calendar {self.label}: terms must be in date order without overlaps, but "
                    f"{later.name!r} starts on {later.start}, before {earlier.name!r} "
                    f"ends on {earlier.end}"
                )

    @property
    def label(self) -> str:
        """How messages name the calendar: "Wrexham 2025/26 (la:669 v3)"."""
        return f"{self.name} ({self.id} v{self.version})"

    @property
    def first_day(self) -> date:
        """The first day of the first term."""
        return self.terms[0].start

    @property
    def last_day(self) -> date:
        """The last day of the last term."""
        return self.terms[-1].end

    def term_on(self, day: date) -> Term | None:
        """The term that ``day`` falls in, if any."""
        index = bisect_right(self.terms, day, key=lambda term: term.start) - 1
        if index >= 0 and day <= self.terms[index].end:
            return self.terms[index]
        return None

    def is_school_day(self, day: date) -> bool:
        """In a term, Monday to Friday, not a Welsh bank holiday and not a closure day."""
        return day not in self.closures and is_working_day(day) and self.term_on(day) is not None

    def covers(self, day: date) -> bool:
        """Whether ``day`` is between the first term's start and the last term's end."""
        return self.first_day <= day <= self.last_day

    def with_closures(
        self, calendar_id: str, name: str, version: int, closures: Iterable[date]
    ) -> "TermCalendar":
        """A calendar with these terms and extra closure days.

        Derives a school's calendar from its LA's (a new id), or corrects a calendar (the same
        id, a higher version).
        """
        return TermCalendar(calendar_id, name, version, self.terms, self.closures | set(closures))
