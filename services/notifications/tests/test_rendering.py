"""Templates in both languages: every kind renders, rights are stated, input is escaped."""

from datetime import date
from typing import Any

import pytest

from llwybr.clock import DEFAULT_RULES, RuleId
from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import (
    Organisation,
    html_to_text,
    long_date,
    render,
    sha256,
)
from notifications.notices.windows import window_for

GIVEN = date(2026, 3, 3)
LA, SCHOOL, LHB = "la:665", "school:6652001", "lhb:7A1"
ORGANISATIONS = {
    LA: Organisation(
        LA,
        "Wrexham County Borough Council",
        "Cyngor Bwrdeistref Sirol Wrecsam",
        "aln@wrexham.example",
        disagreement_resolution="Ring 01978 000000",
    ),
    SCHOOL: Organisation(SCHOOL, "Ysgol Example", email="office@ysgol.example"),
}
DECISION = {
    "decided_on": "2026-02-02",
    "decided_by": LA,
    "body_kind": "local_authority",
    "local_authority": LA,
    "reconsidering_authority": LA,
    "within_time": True,
    "deadline_due_on": "2026-02-25",
    "deadline_explanation": "D3",
}
PLAN = {
    "issued_on": "2026-03-02",
    "issued_by": LA,
    "plan_version": 1,
    "body_kind": "school",
    "revision_reason": None,
    "alp_in_welsh": 1,
    "alp_elements": 2,
    "nhs_bodies": [LHB],
    "review_due_on": "2027-03-02",
    "maintainer": SCHOOL,
}
DEADLINE = {
    "deadline_kind": "decision",
    "due_on": "2026-03-10",
    "explanation": "35 school days",
    "subject_id": "case-1",
    "rule_id": RuleId.D1,
    "exception_claimed_on": None,
}
OPINION = {
    "opinion_id": "opinion-1",
    "health_body": LHB,
    "local_authority": LA,
    "formed_on": "2026-02-16",
    "officer": {"name": "Dr Angharad Rees", "email": "angharad@bcuhb.example", "phone": None},
}
FACTS: dict[NoticeKind, dict[str, Any]] = {
    NoticeKind.DECISION_HAS_ALN: DECISION,
    NoticeKind.DECISION_NO_ALN: DECISION,
    NoticeKind.IDP_NOT_NECESSARY: {**DECISION, "deadline_explanation": "D5"},
    NoticeKind.NHS_REFERRAL: {
        "referral_id": "r1",
        "referred_by": SCHOOL,
        "nhs_body": LHB,
        "received_on": "2026-02-02",
        "answer_rule": RuleId.D7,
        "answer_due_on": "2026-03-16",
        "answer_explanation": "6 weeks from the day after receipt",
    },
    NoticeKind.HEALTH_BODY_OPINION: OPINION,
    NoticeKind.HEALTH_BODY_OPINION_TO_LA: {
        **OPINION,
        "parent_informed_on": "2026-02-20",
        "discussed_on": "2026-02-26",
    },
    NoticeKind.NHS_ANSWER: {
        "answer": "identified",
        "in_welsh": False,
        "nhs_body": LHB,
        "answered_on": "2026-03-01",
        "referral_id": "r1",
    },
    NoticeKind.IDP_ISSUED: PLAN,
    NoticeKind.IDP_REVISED: {**PLAN, "plan_version": 2},
    NoticeKind.IDP_NOT_REVISED: {
        "body_kind": "fei",
        "maintainer": "fei:6659001",
        "held_on": "2026-03-01",
        "deadline_due_on": "2027-03-01",
        "deadline_explanation": "D14",
    },
    NoticeKind.REVIEW_REQUESTED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "requested_by_kind": "nhs_body",
        "requested_on": "2026-03-01",
    },
    NoticeKind.RESPONSIBILITY_TRANSFERRED: {
        "body_kind": "local_authority",
        "maintainer": LA,
        "from_organisation": SCHOOL,
        "reason": "la_take_over",
        "transferred_on": "2026-03-01",
    },
    NoticeKind.CEASE_PROPOSED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "proposed_on": "2026-03-01",
    },
    NoticeKind.IDP_CEASED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "decided_on": "2026-03-01",
    },
    NoticeKind.RECONSIDERATION_RECEIVED: {
        "kind": "R1",
        "school": SCHOOL,
        "local_authority": LA,
        "subject_case": "x",
        "body_kind": "local_authority",
        "requested_on": "2026-03-01",
        "deadline_due_on": "2026-04-19",
        "deadline_explanation": "D8",
    },
    NoticeKind.RECONSIDERATION_DECIDED: {
        "kind": "R2",
        "school": SCHOOL,
        "local_authority": LA,
        "subject_case": "x",
        "body_kind": "local_authority",
        "outcome": "taken_over",
        "decided_on": "2026-03-01",
    },
    NoticeKind.APPEAL_WINDOW_EXTENDED: {
        "started_on": "2026-03-01",
        "local_authority": LA,
        "body_kind": "local_authority",
        "appeal_window_until": "2026-06-23",
        "appeal_window_rule": RuleId.D18,
        "appeal_window_explanation": "8 more weeks",
    },
    NoticeKind.APPEAL_LODGED: {
        "matter": "whether_aln",
        "respondent": LA,
        "lodged_on": "2026-03-01",
        "late_admitted_by_president": True,
    },
    NoticeKind.APPEAL_DECIDED: {
        "outcome": "orders",
        "decided_on": "2026-03-01",
        "respondent": LA,
        "orders": [
            {"order_id": "o1", "kind": "revise_idp", "addressed_to": LA, "comply_by": "2026-04-01"}
        ],
        "recommendations": [{"recommendation_id": "r1", "nhs_body": LHB, "report_by": None}],
    },
    NoticeKind.DEADLINE_REMINDER: DEADLINE,
    NoticeKind.DEADLINE_MISSED: {**DEADLINE, "exception_claimed_on": "2026-03-09"},
    NoticeKind.UNDELIVERABLE: {
        "failed_notice_id": "n-0",
        "failed_role": "parent",
        "failed_name": "Siân",
        "reason": "550 mailbox unavailable",
        "failed_kind": "decision_no_aln",
    },
}


def context(kind: NoticeKind, **changes: Any) -> dict[str, Any]:
    facts = FACTS[kind]
    values = {
        "facts": facts,
        "recipient_name": "Siân Jones",
        "recipient_role": "parent",
        "copy": False,
        "learner_name": "Cerys",
        "learner_id": "learner-1",
        "issuer": facts.get("decided_by", LA),
        "local_authority": LA,
        "given_on": GIVEN,
        "window": window_for(kind, facts, GIVEN, DEFAULT_RULES),
        "notice_id": "notice-1",
    }
    return {**values, **changes}


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


def test_an_unknown_organisation_is_named_by_its_id() -> None:
    kind = NoticeKind.APPEAL_LODGED
    text = render(
        kind,
        Language.ENGLISH,
        context(kind, facts={**FACTS[kind], "respondent": "fei:6659001"}),
        ORGANISATIONS,
    ).text
    assert "fei:6659001" in text


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
                "whether it can be provided in Welsh",
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
                "a ellir ei ddarparu yn Gymraeg",
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
                "Ar 16 Chwefror 2026, daeth Betsi Cadwaladr University Health Board i\u2019r farn",
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
