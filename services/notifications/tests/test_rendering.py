"""Templates in both languages: every kind renders, rights are stated, input is escaped."""

from datetime import date

import pytest

from llwybr.clock import DEFAULT_RULES
from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import (
    Organisation,
    html_to_text,
    long_date,
    render,
    sha256,
)
from notifications.notices.windows import window_for

from .notice_facts import DECISION, FACTS, GIVEN, ORGANISATIONS, SCHOOL, context


def test_every_kind_has_a_template_in_each_language() -> None:
    assert set(FACTS) == set(NoticeKind)


@pytest.mark.parametrize("kind", list(NoticeKind))
@pytest.mark.parametrize("language", list(Language))
def test_every_kind_renders_in_each_language(kind: NoticeKind, language: Language) -> None:
    rendered = render(kind, language, context(kind), ORGANISATIONS)
    assert rendered.sha256 == sha256(rendered.html)
    assert "Cerys" in rendered.subject
    assert "notice-1" in rendered.text
    assert rendered.subject.count(" / ") == (1 if language is Language.BOTH else 0)


def test_a_bilingual_notice_puts_the_welsh_first() -> None:
    rendered = render(
        NoticeKind.DECISION_NO_ALN,
        Language.BOTH,
        context(NoticeKind.DECISION_NO_ALN),
        ORGANISATIONS,
    )
    welsh = rendered.text.index("Penderfyniad am anghenion dysgu ychwanegol")
    english = rendered.text.index("Decision about additional learning needs")
    assert welsh < english
    assert rendered.subject.startswith("Penderfyniad")
    assert "Cyngor Bwrdeistref Sirol Wrecsam" in rendered.text
    assert "Wrexham County Borough Council" in rendered.text


def test_a_language_preference_gives_one_language() -> None:
    rendered = render(
        NoticeKind.DECISION_NO_ALN,
        Language.ENGLISH,
        context(NoticeKind.DECISION_NO_ALN),
        ORGANISATIONS,
    )
    assert "Penderfyniad" not in rendered.text
    assert 'lang="en"' in rendered.html


def test_an_la_decision_states_the_appeal_deadline_and_the_rights() -> None:
    text = render(
        NoticeKind.DECISION_NO_ALN,
        Language.ENGLISH,
        context(NoticeKind.DECISION_NO_ALN),
        ORGANISATIONS,
    ).text
    assert "Education Tribunal for Wales" in text
    assert "by 28 April 2026" in text  # 8 weeks from 3 March
    assert "Disagreement resolution" in text
    assert "Ring 01978 000000" in text  # the LA's own disagreement resolution contact
    assert "Independent advocacy" in text
    assert "Impartial information and advice" in text


def test_a_school_decision_states_the_right_to_ask_the_la_to_reconsider_not_to_appeal() -> None:
    facts = {**DECISION, "decided_by": SCHOOL, "body_kind": "school"}
    kind = NoticeKind.DECISION_NO_ALN
    rendered = render(
        kind,
        Language.BOTH,
        context(
            kind, facts=facts, issuer=SCHOOL, window=window_for(kind, facts, GIVEN, DEFAULT_RULES)
        ),
        ORGANISATIONS,
    )
    assert "ask Wrexham County Borough Council to reconsider it" in rendered.text
    assert "Your right to appeal" not in rendered.text
    assert (
        "gallwch ofyn i\u2019r awdurdod lleol (Cyngor Bwrdeistref Sirol Wrecsam)" in rendered.text
    )


def test_the_welsh_appeal_deadline_is_a_welsh_date() -> None:
    kind = NoticeKind.DECISION_NO_ALN
    text = render(kind, Language.WELSH, context(kind), ORGANISATIONS).text
    assert "erbyn 28 Ebrill 2026" in text
    assert "i Dribiwnlys Addysg Cymru" in text  # soft mutation after "i"


def test_a_copy_to_an_organisation_states_no_window() -> None:
    kind = NoticeKind.RECONSIDERATION_DECIDED
    text = render(kind, Language.ENGLISH, context(kind, copy=True), ORGANISATIONS).text
    assert "This is a copy for your records" in text
    assert "Your right to appeal" not in text


def test_a_school_cease_decision_gives_four_weeks_to_ask_the_la() -> None:
    kind = NoticeKind.IDP_CEASED
    text = render(kind, Language.ENGLISH, context(kind), ORGANISATIONS).text
    assert "within 4 weeks, by 31 March 2026" in text


def test_names_from_the_registry_are_escaped() -> None:
    kind = NoticeKind.DECISION_HAS_ALN
    rendered = render(
        kind,
        Language.ENGLISH,
        context(
            kind, recipient_name='<script>alert("x")</script>', learner_name="Tom & <b>Jerry</b>"
        ),
        ORGANISATIONS,
    )
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;" in rendered.html
    assert '<script>alert("x")</script>' in rendered.text  # the text part is plain, unescaped
    assert "Tom & <b>Jerry</b>" in rendered.subject


def test_a_missing_fact_is_an_error_not_a_blank() -> None:
    kind = NoticeKind.APPEAL_LODGED
    with pytest.raises(Exception, match="respondent"):
        render(kind, Language.ENGLISH, context(kind, facts={"lodged_on": "2026-03-01"}), {})


@pytest.mark.parametrize(
    ("language", "described"),
    [
        (Language.ENGLISH, "the further education institution with number 6659001"),
        (Language.WELSH, "y sefydliad addysg bellach â rhif 6659001"),
    ],
)
def test_an_unregistered_organisation_is_described_never_named_by_its_id(
    language: Language, described: str
) -> None:
    kind = NoticeKind.APPEAL_LODGED
    text = render(
        kind, language, context(kind, facts={**FACTS[kind], "respondent": "fei:6659001"}), {}
    ).text
    assert described in text
    assert "fei:" not in text


@pytest.mark.parametrize(
    ("language", "named"),
    [
        (Language.ENGLISH, "Powys Teaching Health Board"),
        (Language.WELSH, "Bwrdd Iechyd Addysgu Powys"),
    ],
)
def test_a_welsh_public_body_with_no_contact_registered_is_named_from_the_register(
    language: Language, named: str
) -> None:
    kind = NoticeKind.NHS_ANSWER
    facts = {**FACTS[kind], "nhs_body": "lhb:7A7"}
    text = render(kind, language, context(kind, facts=facts), {}).text
    assert named in text
    assert "lhb:" not in text
    assert "la:665" not in text


def test_a_name_the_body_registered_outranks_the_register() -> None:
    kind = NoticeKind.NHS_ANSWER
    own = Organisation("lhb:7A1", "BCUHB Neurodevelopmental Service")
    text = render(kind, Language.ENGLISH, context(kind), {"lhb:7A1": own}).text
    assert "BCUHB Neurodevelopmental Service" in text


def test_dates_are_written_in_words_in_each_language() -> None:
    assert long_date(date(2026, 7, 1), "en") == "1 July 2026"
    assert long_date("2026-07-01", "cy") == "1 Gorffennaf 2026"


def test_html_becomes_readable_text() -> None:
    html = (
        "<p>One &amp; <b>two</b></p><ul><li>a</li><li>b</li></ul><p>see <a href='x:y'>here</a></p>"
    )
    assert html_to_text(html) == "One & two\n\n- a\n- b\n\nsee here <x:y>\n"


def test_a_window_recalculated_without_a_start_date_still_reads_well() -> None:
    kind = NoticeKind.APPEAL_WINDOW_EXTENDED
    facts = {**FACTS[kind], "started_on": None, "previous_due_on": "2026-04-28"}
    text = render(kind, Language.ENGLISH, context(kind, facts=facts), ORGANISATIONS).text
    assert "Disagreement resolution has started. Because it started in time" in text
    assert "(the time limit was 28 April 2026)" in text


@pytest.mark.parametrize(
    ("arrangement", "english", "welsh"),
    [
        ("la_prepares_school_maintains",
         "Wrexham County Borough Council will prepare the plan, and Ysgol Example will maintain",
         "Bydd Cyngor Bwrdeistref Sirol Wrecsam yn paratoi\u2019r cynllun, a bydd Ysgol Example"),
        ("school_prepares_and_maintains",
         "Ysgol Example will prepare and maintain the plan, as Wrexham County Borough Council",
         "Bydd Ysgol Example yn paratoi ac yn cynnal y cynllun"),
        ("la_maintains", "Wrexham County Borough Council will prepare and maintain the plan.",
         "Bydd Cyngor Bwrdeistref Sirol Wrecsam yn paratoi ac yn cynnal y cynllun."),
    ],
)  # fmt: skip
def test_an_has_aln_notice_says_who_will_prepare_and_maintain_the_plan(
    arrangement: str, english: str, welsh: str
) -> None:
    """Issue #18: the LA's s.14 choice, from its decision's event, in both languages."""
    facts = {**DECISION, "idp_arrangement": arrangement, "directed_school": SCHOOL}
    values = context(NoticeKind.DECISION_HAS_ALN, facts=facts)
    rendered = render(NoticeKind.DECISION_HAS_ALN, Language.BOTH, values, ORGANISATIONS)
    text = " ".join(rendered.text.split())
    assert english in text
    assert welsh in text
