"""Compulsory school age and the young person, from the date of birth (docs/domain.md
sections 1 and 11; the dates are the service's reading of the Education Act 1996 s.8 [U])."""

from datetime import date

import pytest

from determination.domain.ages import (
    compulsory_school_age_on,
    is_young_person,
    school_leaving_date,
    young_person_on,
)


@pytest.mark.parametrize(
    ("born", "reaches"),
    [
        (date(2017, 5, 2), date(2022, 8, 31)),  # fifth birthday in May: 31 August
        (date(2017, 9, 1), date(2022, 12, 31)),  # in September: 31 December
        (date(2018, 1, 10), date(2023, 3, 31)),  # in January: 31 March
        (date(2018, 3, 31), date(2023, 3, 31)),  # on a prescribed day: that day
        (date(2016, 2, 29), date(2021, 3, 31)),  # a leap-day birth: 1 March, then 31 March
    ],
)
def test_compulsory_school_age_starts_on_the_prescribed_day_after_the_fifth_birthday(
    born: date, reaches: date
) -> None:
    assert compulsory_school_age_on(born) == reaches


@pytest.mark.parametrize(
    ("born", "leaves"),
    [
        (date(2010, 5, 2), date(2026, 6, 26)),  # sixteen in May 2026: last Friday of June 2026
        (date(2010, 8, 31), date(2026, 6, 26)),  # sixteen after the leaving date, same year
        (date(2010, 9, 1), date(2027, 6, 25)),  # sixteen in September: the next June
    ],
)
def test_compulsory_school_age_ends_on_the_leaving_date_of_the_year_they_turn_16(
    born: date, leaves: date
) -> None:
    assert school_leaving_date(born) == leaves
    assert young_person_on(born) == date.fromordinal(leaves.toordinal() + 1)


def test_a_young_person_is_over_compulsory_school_age() -> None:
    born = date(2010, 5, 2)
    assert not is_young_person(born, date(2026, 6, 26))
    assert is_young_person(born, date(2026, 6, 27))
    assert not is_young_person(date(2016, 1, 15), date(2026, 3, 2))
    assert is_young_person(date(2008, 1, 15), date(2026, 3, 2))
