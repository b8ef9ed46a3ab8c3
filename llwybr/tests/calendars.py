"""A Welsh local authority's term calendar for the statutory clock's tests."""

from datetime import date, timedelta

from llwybr.clock import Term, TermCalendar

# A Welsh LA's 2025/26 term dates, each term split at its half term. Holidays between the pieces:
# half term 27-31 Oct, Christmas 22 Dec-2 Jan, half term 16-20 Feb, Easter 30 Mar-10 Apr (Good
# Friday 3 Apr, Easter Monday 6 Apr), half term 25-29 May (Spring Bank Holiday 25 May).
# 4 May 2026 (May Day) is a bank holiday inside the summer term.
LA_TERMS = (
    Term(date(2025, 9, 1), date(2025, 10, 24), "Autumn 1"),
    Term(date(2025, 11, 3), date(2025, 12, 19), "Autumn 2"),
    Term(date(2026, 1, 5), date(2026, 2, 13), "Spring 1"),
    Term(date(2026, 2, 23), date(2026, 3, 27), "Spring 2"),
    Term(date(2026, 4, 13), date(2026, 5, 22), "Summer 1"),
    Term(date(2026, 6, 1), date(2026, 7, 20), "Summer 2"),
)
INSET_DAYS = frozenset({date(2025, 9, 1), date(2026, 1, 5), date(2026, 7, 20)})
LA = TermCalendar("la:example", "Wrexham", 3, LA_TERMS, INSET_DAYS)

MID_NOVEMBER = date(2025, 11, 17)  # a Monday


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
