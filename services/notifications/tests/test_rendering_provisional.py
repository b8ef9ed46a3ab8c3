"""A date computed without the school's term calendar is provisional: a family is never told it
as a firm date, and a reminder or a missed-deadline alert says it is provisional."""

from typing import Any

import pytest

from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import render

from .notice_facts import DEADLINE, DECISION, ORGANISATIONS, context


def text_of(kind: NoticeKind, facts: dict[str, Any]) -> tuple[str, str]:
    rendered = render(kind, Language.BOTH, context(kind, facts=facts), ORGANISATIONS)
    return rendered.subject, " ".join(rendered.text.split())


def test_a_has_aln_notice_never_prints_a_provisional_idp_date_to_the_family() -> None:
    facts = {**DECISION, "deadline_due_on": "2026-08-03", "deadline_provisional": True}
    _, text = text_of(NoticeKind.DECISION_HAS_ALN, facts)
    assert "3 August 2026" not in text
    assert "3 Awst 2026" not in text
    assert (
        "will follow when the school\N{RIGHT SINGLE QUOTATION MARK}s calendar is published" in text
    )
    assert "yn dilyn pan gyhoeddir calendr yr ysgol" in text


def test_a_has_aln_notice_states_a_firm_idp_date() -> None:
    facts = {**DECISION, "deadline_due_on": "2026-09-14", "deadline_provisional": False}
    _, text = text_of(NoticeKind.DECISION_HAS_ALN, facts)
    assert "it should be given to you by 14 September 2026" in text
    assert "will follow" not in text


@pytest.mark.parametrize("kind", [NoticeKind.DEADLINE_REMINDER, NoticeKind.DEADLINE_MISSED])
def test_a_reminder_or_alert_on_a_provisional_date_says_so_in_both_languages(
    kind: NoticeKind,
) -> None:
    subject, text = text_of(kind, {**DEADLINE, "provisional": True})
    assert "(provisional)" in subject
    assert "This date is provisional." in text
    assert "Dyddiad dros dro yw hwn." in text
    _, firm = text_of(kind, {**DEADLINE, "provisional": False})
    assert "provisional" not in firm


def test_a_reminder_with_no_statutory_limit_says_so_and_states_no_date() -> None:
    facts = {**DEADLINE, "deadline_kind": "idp_preparation", "repeat_every_days": 28}
    subject, text = text_of(NoticeKind.DEADLINE_REMINDER, facts)
    assert "Reminder: no statutory time limit found (Cerys)" in subject
    assert "No statutory time limit was found" in text
    assert "Ni chanfuwyd terfyn amser statudol" in text
    assert "10 March 2026" not in text
