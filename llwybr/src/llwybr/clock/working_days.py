"""Working days: Monday to Friday, except Welsh bank holidays (Regs 2(4))."""

from datetime import date, timedelta
from functools import cache

import holidays

_ONE_DAY = timedelta(days=1)


@cache
def welsh_bank_holidays(year: int) -> frozenset[date]:
    """Bank holidays in Wales in ``year``, substitute ("observed") days included.

    England and Wales share their bank holidays but not Scotland's (2 January, St Andrew's Day),
    so the subdivision matters.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Welsh bank holiday."""
    return day.weekday() < 5 and day not in welsh_bank_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += _ONE_DAY
    return day
