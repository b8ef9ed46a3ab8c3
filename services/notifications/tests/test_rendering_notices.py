"""Templates of the notices with most to say: an LA's "IDP not necessary" decision, an NHS
referral, and a health body's s.64 opinion (to the parent, then to the LA)."""

from typing import Any

import pytest

from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import Organisation, render

from .notice_facts import FACTS, LHB, ORGANISATIONS, SCHOOL, context


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            Language.ENGLISH,
            ["has additional learning needs", "an individual development plan (IDP) is not "
             "necessary", "reach the Tribunal by 28 April 2026", "Independent advocacy",
             "Disagreement resolution", "Ring 01978 000000", "Impartial information and advice"],
        ),
        (
            Language.WELSH,
            ["fod gan Cerys anghenion dysgu ychwanegol", "nad oes angen cynllun datblygu unigol",
             "erbyn 28 Ebrill 2026", "i Dribiwnlys Addysg Cymru", "Eirioli annibynnol",
             "Datrys anghytundebau", "Gwybodaeth a chyngor diduedd"],
        ),
    ],
)  # fmt: skip
def test_an_idp_not_necessary_notice_states_the_decision_and_every_right(
    language: Language, expected: list[str]
) -> None:
    kind = NoticeKind.IDP_NOT_NECESSARY
    context_ = context(kind, recipient_role="young_person")
    text = " ".join(render(kind, language, context_, ORGANISATIONS).text.split())
    for words in expected:
        assert words in text
    assert "after the time limit" not in text
    assert "ar ôl y terfyn amser" not in text


def test_a_late_idp_not_necessary_decision_says_when_the_time_limit_ended() -> None:
    kind = NoticeKind.IDP_NOT_NECESSARY
    facts = {**FACTS[kind], "within_time": False}
    rendered = render(kind, Language.BOTH, context(kind, facts=facts), ORGANISATIONS)
    text = " ".join(rendered.text.split())
    assert "after the time limit, which ended on 25 February 2026" in text
    assert "ar ôl y terfyn amser, a ddaeth i ben ar 25 Chwefror 2026" in text
    assert rendered.subject.startswith("Penderfyniad: anghenion dysgu ychwanegol, dim cynllun")


@pytest.mark.parametrize(
    ("language", "wanted"),
    [
        (
            Language.ENGLISH,
            [
                "Referral r1: your answer is due by 16 March 2026 (Cerys)",
                "Ysgol Example is deciding whether Cerys has additional learning needs",
                "It was received on 2 February 2026.",
                "whether it should be provided in Welsh",
                "Your answer is due by 16 March 2026.",
                "How the date was worked out: 6 weeks from the day after receipt",
            ],
        ),
        (
            Language.WELSH,
            [
                "Atgyfeiriad r1: mae eich ateb i fod erbyn 16 Mawrth 2026 (Cerys)",
                "Mae Ysgol Example yn penderfynu a oes gan Cerys anghenion dysgu ychwanegol",
                "Cafwyd yr atgyfeiriad ar 2 Chwefror 2026.",
                "a ddylid ei ddarparu yn Gymraeg",
                "Mae eich ateb i fod erbyn 16 Mawrth 2026.",
            ],
        ),
    ],
)
def test_a_referral_tells_the_nhs_body_what_to_answer_and_by_when(
    language: Language, wanted: list[str]
) -> None:
    kind = NoticeKind.NHS_REFERRAL
    rendered = render(
        kind,
        language,
        context(kind, issuer=SCHOOL, recipient_name="Betsi Cadwaladr", recipient_role="nhs_body"),
        ORGANISATIONS,
    )
    subject, *lines = wanted
    assert rendered.subject == subject
    for line in lines:
        assert line in rendered.text


def opinion_text(kind: NoticeKind, language: Language, **facts: Any) -> str:
    return render(
        kind,
        language,
        context(kind, issuer=LHB, facts={**FACTS[kind], **facts}),
        {**ORGANISATIONS, LHB: Organisation(LHB, "Betsi Cadwaladr University Health Board")},
    ).text


@pytest.mark.parametrize(
    ("language", "wanted"),
    [
        (
            Language.ENGLISH,
            [
                "On 16 February 2026, Betsi Cadwaladr University Health Board formed the opinion "
                "that Cerys probably has additional learning needs (ALN).",
                "section 64",
                "You can discuss our opinion with Dr Angharad Rees, email angharad@bcuhb.example.",
                "We must also bring our opinion to the attention of Wrexham County Borough "
                "Council, the local authority.",
                "The local authority must then decide whether Cerys has additional learning needs",
            ],
        ),
        (
            Language.WELSH,
            [
                "Ar 16 Chwefror 2026, daeth Bwrdd Iechyd Prifysgol Betsi Cadwaladr i\u2019r farn",
                "adran 64",
                "Gallwch drafod ein barn gyda Dr Angharad Rees, e-bost angharad@bcuhb.example.",
                "Rhaid i ni hefyd ddwyn ein barn i sylw Cyngor Bwrdeistref Sirol Wrecsam, yr "
                "awdurdod lleol.",
                "rhaid i\u2019r awdurdod lleol benderfynu a oes gan Cerys anghenion dysgu",
            ],
        ),
    ],
)
def test_the_parent_is_told_the_opinion_whom_to_discuss_it_with_and_that_the_la_will_be_told(
    language: Language, wanted: list[str]
) -> None:
    text = opinion_text(NoticeKind.HEALTH_BODY_OPINION, language)
    for line in wanted:
        assert line in text


@pytest.mark.parametrize(
    ("language", "wanted"),
    [
        (
            Language.ENGLISH,
            [
                "We told the child\u2019s parent of our opinion on 20 February 2026",
                "They discussed it with us on 26 February 2026.",
                "You must now decide whether Cerys has additional learning needs.",
                "runs from the day the matter was brought to your attention: 3 March 2026",
            ],
        ),
        (
            Language.WELSH,
            [
                "Dywedasom wrth riant y plentyn am ein barn ar 20 Chwefror 2026",
                "Buont yn ei thrafod gyda ni ar 26 Chwefror 2026.",
                "Rhaid i chi nawr benderfynu a oes gan Cerys anghenion dysgu ychwanegol.",
                "y daeth y mater i\u2019ch sylw: 3 Mawrth 2026",
            ],
        ),
    ],
)
def test_the_la_is_told_when_the_parent_was_and_that_it_must_decide(
    language: Language, wanted: list[str]
) -> None:
    text = opinion_text(NoticeKind.HEALTH_BODY_OPINION_TO_LA, language)
    for line in wanted:
        assert line in text


def test_the_la_notice_without_a_discussion_does_not_claim_one() -> None:
    kind = NoticeKind.HEALTH_BODY_OPINION_TO_LA
    text = opinion_text(kind, Language.ENGLISH, discussed_on=None)
    assert "They discussed it" not in text
    assert "offered them the chance to discuss it with Dr Angharad Rees." in text


def test_a_corrected_window_tells_the_family_the_later_day_in_both_languages() -> None:
    kind = NoticeKind.APPEAL_WINDOW_CORRECTED
    rendered = render(kind, Language.BOTH, context(kind), ORGANISATIONS)
    text = " ".join(rendered.text.split())
    assert "must reach the Tribunal by 28 April 2026" in text  # what the notice had said
    assert "Your appeal must reach the Tribunal by 5 May 2026." in text
    assert "Rhaid i\u2019ch apêl gyrraedd y Tribiwnlys erbyn 5 Mai 2026." in text
