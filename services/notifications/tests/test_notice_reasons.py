"""Every decision notice quotes the decision's reasons as recorded, in each language version
(s.13(3), s.28(7), s.31(8), s.32(3), Regs reg 10; ADR 0018)."""

import pytest

from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import render

from .notice_facts import FACTS, ORGANISATIONS, context

DECISIONS = [
    NoticeKind.DECISION_NO_ALN,
    NoticeKind.IDP_NOT_NECESSARY,
    NoticeKind.CEASE_PROPOSED,
    NoticeKind.IDP_CEASED,
    NoticeKind.RECONSIDERATION_DECIDED,
]
HEADINGS = {
    Language.ENGLISH: ("The reasons for the", "as recorded"),
    Language.WELSH: ("Y rhesymau dros y", "fel y\u2019u cofnodwyd"),
}
ASK_FOR_THEM = ("ask for them", "gofynnwch amdanynt")


def text_of(kind: NoticeKind, language: Language, **facts: object) -> str:
    rendered = render(kind, language, context(kind, facts={**FACTS[kind], **facts}), ORGANISATIONS)
    return rendered.text


@pytest.mark.parametrize("language", [Language.ENGLISH, Language.WELSH])
@pytest.mark.parametrize("kind", DECISIONS)
def test_a_decision_notice_quotes_the_reasons_as_recorded(
    kind: NoticeKind, language: Language
) -> None:
    text = text_of(kind, language)
    for paragraph in str(FACTS[kind]["reasons"]).split("\n\n"):
        assert paragraph in text
    for words in HEADINGS[language]:
        assert words in text
    assert not any(ask in text for ask in ASK_FOR_THEM)  # given, not to be asked for


def test_the_reasons_are_quoted_in_both_halves_of_a_bilingual_notice() -> None:
    kind = NoticeKind.DECISION_NO_ALN
    text = text_of(kind, Language.BOTH)
    assert text.count(str(FACTS[kind]["reasons"])) == 2


@pytest.mark.parametrize("language", [Language.ENGLISH, Language.WELSH])
@pytest.mark.parametrize("kind", DECISIONS)
def test_a_notice_of_a_decision_published_without_reasons_says_they_must_be_given(
    kind: NoticeKind, language: Language
) -> None:
    text = " ".join(text_of(kind, language, reasons=None).split())
    assert any(ask in text for ask in ASK_FOR_THEM)


def test_reasons_are_escaped_like_every_recorded_text() -> None:
    kind = NoticeKind.IDP_CEASED
    rendered = render(
        kind, Language.ENGLISH,
        context(kind, facts={**FACTS[kind], "reasons": "<script>x</script> & more"}),
        ORGANISATIONS,
    )  # fmt: skip
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;x&lt;/script&gt; &amp; more" in rendered.html
