"""Every value a service publishes that a notice states has words in Welsh and English: the
disputes service's kinds of reconsideration, outcomes, matters and orders, and the deadline
kinds the notifications service watches (no notice prints a raw value, #18)."""

from enum import StrEnum

import pytest

from disputes.domain import (
    AppealMatter,
    AppealOutcome,
    OrderKind,
    ReconsiderationKind,
    ReconsiderationOutcome,
)
from notifications.notices.labels import LABELS, Group
from notifications.notices.model import Role

PUBLISHED: list[tuple[Group, type[StrEnum]]] = [
    ("reconsideration", ReconsiderationKind),
    ("outcome", ReconsiderationOutcome),
    ("outcome", AppealOutcome),
    ("matter", AppealMatter),
    ("order", OrderKind),
    ("role", Role),
]


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize(("group", "values"), PUBLISHED)
def test_every_published_value_has_words_in_each_language(
    language: str, group: Group, values: type[StrEnum]
) -> None:
    missing = [value.value for value in values if value.value not in LABELS[language][group]]
    assert not missing


def test_both_languages_label_the_same_values() -> None:
    for group, labels in LABELS["en"].items():
        assert set(labels) == set(LABELS["cy"][group]), group
