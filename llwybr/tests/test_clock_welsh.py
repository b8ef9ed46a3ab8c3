# ruff: noqa: RUF001  (the typographic apostrophe is part of the Welsh text)
"""Every explanation the statutory clock writes reads the same in Welsh."""

import re
from datetime import date

import pytest

from llwybr.clock import DEFAULT_RULES, CalendarTooShortError, RuleId, compute_deadline
from llwybr.clock.welsh import explanation_in_welsh

from .calendars import LA

ENGLISH = re.compile(
    r"\b(from|under|rules|due|calendar|working|school|weeks?|months?|days?|period|ends|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
TRIGGERS = [date(2025, 11, 17), date(2026, 2, 6), date(2026, 3, 13), date(2026, 12, 6)]
RULES = [r for r, rule in DEFAULT_RULES.rules.items() if rule.length is not None]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("trigger", TRIGGERS)
def test_every_rules_explanation_has_a_welsh_reading(rule: str, trigger: date) -> None:
    for calendar in (LA, None):
        try:
            english = compute_deadline(DEFAULT_RULES, rule, trigger, calendar).explanation
        except CalendarTooShortError:
            continue  # the example calendar ends in July 2026
        welsh = explanation_in_welsh(english)
        assert welsh is not None, english
        assert not ENGLISH.search(welsh.replace("Wrexham", "")), welsh


@pytest.mark.parametrize(
    ("rule", "trigger", "extension", "welsh"),
    [
        (RuleId.D1, date(2025, 11, 17), 0, "35 diwrnod ysgol o 17 Tachwedd 2025 dan reol D1"),
        (RuleId.D1, date(2025, 11, 17), 0,
         "calendr Wrexham fersiwn 3: i’w wneud erbyn 20 Ionawr 2026"),
        (RuleId.D7, date(2026, 2, 23), 0,
         "nid yw 6 Ebrill 2026 yn ddiwrnod gwaith, felly i’w wneud erbyn 7 Ebrill 2026"),
        (RuleId.D18, date(2026, 2, 6), 8,
         "16 wythnos (wedi’i estyn 8 wythnos) gan ddechrau ar 6 Chwefror 2026"),
        (RuleId.D18, date(2026, 2, 6), 0,
         "felly i’w wneud erbyn y diwrnod gwaith cyntaf wedyn, 7 Ebrill 2026"),
    ],
)  # fmt: skip
def test_the_welsh_reading_says_what_the_english_says(
    rule: str, trigger: date, extension: int, welsh: str
) -> None:
    calendar = LA if rule == RuleId.D1 else None
    english = compute_deadline(DEFAULT_RULES, rule, trigger, calendar, extension=extension)
    assert welsh in (explanation_in_welsh(english.explanation) or "")


def test_a_provisional_deadline_says_so_in_welsh() -> None:
    english = compute_deadline(DEFAULT_RULES, RuleId.D1, date(2025, 11, 17)).explanation
    assert "(dros dro)" in (explanation_in_welsh(english) or "")


def test_a_sentence_in_another_form_has_no_welsh_reading() -> None:
    assert explanation_in_welsh("Tribunal order o1: comply by 2026-04-01") is None
