"""Compulsory school age and the day a learner becomes a young person, from the date of birth.

A child is under compulsory school age, then of it, then (over it) a young person
(docs/domain.md sections 1 and 11: "young person = over compulsory school age: derive it from
the date of birth and the school year, never from a client's flag" [C s.2]). The dates are the
Education Act 1996 s.8 as this service reads it [U]:

- compulsory school age starts on the first prescribed day (31 March, 31 August or
  31 December) on or after the fifth birthday: "the term after the fifth birthday";
- it ends on the school leaving date (the last Friday in June) of the school year
  (1 September to 31 August) in which the learner turns 16; the next day they are a young
  person.

Kept as pure functions so a correction is one place.
"""

from datetime import date, timedelta

_PRESCRIBED_DAYS = ((3, 31), (8, 31), (12, 31))
_FRIDAY = 4


def birthday(born: date, age: int) -> date:
    """The day a learner attains ``age``; one born on 29 February attains it on 1 March in a
    year that is not a leap year [U]."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def compulsory_school_age_on(born: date) -> date:
    """The day the learner reaches compulsory school age [U, Education Act 1996 s.8(2)]."""
    fifth = birthday(born, 5)
    for month, day in _PRESCRIBED_DAYS:
        prescribed = date(fifth.year, month, day)
        if prescribed >= fifth:
            return prescribed
    raise AssertionError("31 December is on or after every day of its year")


def school_leaving_date(born: date) -> date:
    """The last Friday in June of the school year in which the learner turns 16 [U]."""
    sixteenth = birthday(born, 16)
    year = sixteenth.year + (1 if sixteenth.month >= 9 else 0)
    last_of_june = date(year, 6, 30)
    return last_of_june - timedelta(days=(last_of_june.weekday() - _FRIDAY) % 7)


def young_person_on(born: date) -> date:
    """The day the learner is over compulsory school age: a young person [U]."""
    return school_leaving_date(born) + timedelta(days=1)


def is_young_person(born: date, on: date) -> bool:
    return on >= young_person_on(born)
