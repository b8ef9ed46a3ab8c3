# ruff: noqa: RUF001  (the typographic apostrophe is part of the Welsh and English text)
"""What each notice must say (docs/domain.md section 4), kind by kind and language by language,
and that no notice prints a raw code: an organisation id, an enum value or a learner's UUID."""

import re
import uuid
from typing import Any

import pytest

from notifications.notices.labels import LABELS
from notifications.notices.model import Language, NoticeKind
from notifications.notices.rendering import render

from .notice_facts import FACTS, ORGANISATIONS, context

HELP = {
    "en": ["Impartial information and advice", "Disagreement resolution", "Independent advocacy"],
    "cy": ["Gwybodaeth a chyngor diduedd", "Datrys anghytundebau", "Eirioli annibynnol"],
}
APPEAL = {
    "en": ["Your right to appeal", "to the Education Tribunal for Wales", "by 28 April 2026"],
    "cy": ["Eich hawl i apelio", "i Dribiwnlys Addysg Cymru", "erbyn 28 Ebrill 2026"],
}
REASONS = {"en": ["The reasons for the"], "cy": ["Y rhesymau dros y"]}
CONTACT = {"en": ["From ", "aln@wrexham.example"], "cy": ["Anfonwr: ", "aln@wrexham.example"]}

#: Each kind's mandatory elements (section 4), as each language version words them.
MANDATORY: dict[NoticeKind, dict[str, list[str]]] = {
    NoticeKind.DECISION_HAS_ALN: {
        "en": ["has additional learning needs (ALN)", "individual development plan (IDP) will "
               "now be prepared", *HELP["en"]],
        "cy": ["fod gan Cerys anghenion dysgu ychwanegol", "cynllun datblygu unigol (CDU) yn "
               "cael ei baratoi", *HELP["cy"]],
    },
    NoticeKind.DECISION_NO_ALN: {
        "en": ["does not have additional learning needs", *REASONS["en"],
               FACTS[NoticeKind.DECISION_NO_ALN]["reasons"], *APPEAL["en"], *HELP["en"],
               *CONTACT["en"]],
        "cy": ["nad oes gan Cerys anghenion dysgu ychwanegol", *REASONS["cy"],
               FACTS[NoticeKind.DECISION_NO_ALN]["reasons"], *APPEAL["cy"], *HELP["cy"],
               *CONTACT["cy"]],
    },
    NoticeKind.IDP_NOT_NECESSARY: {
        "en": ["is not necessary", *REASONS["en"], FACTS[NoticeKind.IDP_NOT_NECESSARY]["reasons"],
               *APPEAL["en"], *HELP["en"], *CONTACT["en"]],
        "cy": ["nad oes angen cynllun datblygu unigol", *REASONS["cy"],
               FACTS[NoticeKind.IDP_NOT_NECESSARY]["reasons"], *APPEAL["cy"], *HELP["cy"],
               *CONTACT["cy"]],
    },
    NoticeKind.NHS_REFERRAL: {
        "en": ["referred the matter to Betsi Cadwaladr University Health Board",
               "whether it should be provided in Welsh", "due by 16 March 2026",
               "How the date was worked out:"],
        "cy": ["wedi atgyfeirio’r mater i Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
               "a ddylid ei ddarparu yn Gymraeg", "erbyn 16 Mawrth 2026",
               "Sut y cyfrifwyd y dyddiad:"],
    },
    NoticeKind.NHS_ANSWER: {
        "en": ["has identified a relevant treatment or service", "need not be provided in Welsh",
               "additional learning provision to be secured by the NHS body"],
        "cy": ["wedi nodi triniaeth neu wasanaeth perthnasol", "nid oes angen darparu",
               "darpariaeth ddysgu ychwanegol i’w sicrhau gan y corff GIG"],
    },
    NoticeKind.HEALTH_BODY_OPINION: {
        "en": ["probably has additional learning needs", "section 64",
               "discuss our opinion with Dr Angharad Rees",
               "voluntary organisations are likely to be able to give you advice or help",
               "Rhieni Example: 0800 000 0001", "bring our opinion to the attention of"],
        "cy": ["ei bod yn debygol bod gan Cerys anghenion dysgu ychwanegol", "adran 64",
               "drafod ein barn gyda Dr Angharad Rees",
               "sefydliadau gwirfoddol hyn yn debygol o allu rhoi cyngor neu help",
               "Rhieni Example: 0800 000 0001", "ddwyn ein barn i sylw"],
    },
    NoticeKind.HEALTH_BODY_OPINION_TO_LA: {
        "en": ["Early Years ALN Lead Officer", "We told the child’s parent of our opinion on "
               "20 February 2026", "You must now decide"],
        "cy": ["Swyddog Arweiniol ADY y Blynyddoedd Cynnar", "Dywedasom wrth riant y plentyn am "
               "ein barn ar 20 Chwefror 2026", "Rhaid i chi nawr benderfynu"],
    },
    NoticeKind.IDP_DATE_CONFIRMED: {
        "en": ["would follow when the school’s calendar was published", "Ysgol Example should "
               "give you the plan by 14 September 2026", *HELP["en"]],
        "cy": ["yn dilyn pan gyhoeddid calendr yr ysgol", "Dylai Ysgol Example roi’r cynllun i chi "
               "erbyn 14 Medi 2026", *HELP["cy"]],
    },
    NoticeKind.IDP_ISSUED: {
        "en": ["issued an individual development plan", "on the standard form",
               "must be reviewed by 2 March 2027", "ask Wrexham County Borough Council to "
               "reconsider", *HELP["en"]],
        "cy": ["gynllun datblygu unigol (CDU) ar gyfer Cerys", "ar y ffurflen safonol",
               "Rhaid adolygu’r cynllun erbyn 2 Mawrth 2027", "ofyn i’r awdurdod lleol",
               *HELP["cy"]],
    },
    NoticeKind.IDP_REVISED: {
        "en": ["revised the individual development plan", "version 2", "on the standard form",
               "next review must take place by 2 March 2027"],
        "cy": ["diwygiodd", "fersiwn 2", "ar y ffurflen safonol",
               "Rhaid cynnal yr adolygiad nesaf erbyn 2 Mawrth 2027"],
    },
    NoticeKind.IDP_NOT_REVISED: {
        "en": ["decided not to revise it", "next review must take place by 1 March 2027",
               *APPEAL["en"]],
        "cy": ["phenderfynu peidio â’i ddiwygio", "Rhaid cynnal yr adolygiad nesaf erbyn 1 Mawrth "
               "2027", *APPEAL["cy"]],
    },
    NoticeKind.REVIEW_REQUESTED: {
        "en": ["an NHS body", "the plan must be reviewed"],
        "cy": ["corff GIG", "rhaid adolygu’r cynllun"],
    },
    NoticeKind.RESPONSIBILITY_TRANSFERRED: {
        "en": ["Wrexham County Borough Council is responsible for maintaining",
               "Before that, Ysgol Example maintained it"],
        "cy": ["Cyngor Bwrdeistref Sirol Wrecsam sy’n gyfrifol am gynnal",
               "Cyn hynny, Ysgol Example oedd yn ei gynnal"],
    },
    NoticeKind.CEASE_PROPOSED: {
        "en": ["proposed to stop maintaining", "The reasons for the proposal",
               FACTS[NoticeKind.CEASE_PROPOSED]["reasons"], *HELP["en"]],
        "cy": ["cynigiodd Ysgol Example beidio â chynnal", "Y rhesymau dros y cynnig",
               FACTS[NoticeKind.CEASE_PROPOSED]["reasons"], *HELP["cy"]],
    },
    NoticeKind.IDP_CEASED: {
        "en": ["decided to stop maintaining", *REASONS["en"], "She progresses well.",
               "within 4 weeks, by 31 March 2026", *HELP["en"]],
        "cy": ["penderfynodd Ysgol Example beidio â chynnal", *REASONS["cy"],
               "She progresses well.", "o fewn 4 wythnos, erbyn 31 Mawrth 2026", *HELP["cy"]],
    },
    NoticeKind.CEASE_WINDOW_CORRECTED: {
        "en": ["reconsider the decision by 31 March 2026", "given to you, 5 March 2026",
               "you have longer than that", "reconsider the decision until 2 April 2026",
               *HELP["en"]],
        "cy": ["ailystyried y penderfyniad erbyn 31 Mawrth 2026", "i chi, 5 Mawrth 2026",
               "mae gennych fwy o amser na hynny", "ailystyried y penderfyniad hyd at 2 Ebrill "
               "2026", *HELP["cy"]],
    },
    NoticeKind.RECONSIDERATION_RECEIVED: {
        "en": ["received a request to reconsider", "invites the governing body to send its "
               "views (representations)", "decide by 19 April 2026"],
        "cy": ["gais i ailystyried", "gwahodd y corff llywodraethu i anfon ei sylwadau",
               "benderfynu erbyn 19 Ebrill 2026"],
    },
    NoticeKind.RECONSIDERATION_DECIDED: {
        "en": ["the local authority takes over the plan", *REASONS["en"],
               FACTS[NoticeKind.RECONSIDERATION_DECIDED]["reasons"], *APPEAL["en"],
               *HELP["en"]],
        "cy": ["mae’r awdurdod lleol yn cymryd y cynllun drosodd", *REASONS["cy"],
               FACTS[NoticeKind.RECONSIDERATION_DECIDED]["reasons"], *APPEAL["cy"],
               *HELP["cy"]],
    },
    NoticeKind.APPEAL_WINDOW_EXTENDED: {
        "en": ["8 more weeks to appeal", "by 23 June 2026", *HELP["en"]],
        "cy": ["8 wythnos arall i apelio", "erbyn 23 Mehefin 2026", *HELP["cy"]],
    },
    NoticeKind.APPEAL_WINDOW_CORRECTED: {
        "en": ["must reach the Tribunal by 28 April 2026", "you have longer than that",
               "must reach the Tribunal by 5 May 2026", *HELP["en"]],
        "cy": ["gyrraedd y Tribiwnlys erbyn 28 Ebrill 2026", "mae gennych fwy o amser na hynny",
               "gyrraedd y Tribiwnlys erbyn 5 Mai 2026", *HELP["cy"]],
    },
    # Not a statutory notice: a reminder of provision behind its plan (issue #24) names the
    # element, its provider, since when, how it is short and what to do.
    NoticeKind.PROVISION_SHORTFALL: {
        "en": ["Element e1", "behind its schedule since 5 June 2026", "67%",
               "record each session", "next review"],
        "cy": ["elfen e1", "ar ei hôl hi ers 5 Mehefin 2026", "67%", "adolygiad"],
    },
    NoticeKind.PROVISION_SHORTFALL_ALERT: {
        "en": ["Element e1", "behind its schedule since 5 June 2026", "67%",
               "have been reminded", "next review"],
        "cy": ["elfen e1", "ar ei hôl hi ers 5 Mehefin 2026", "67%", "adolygiad"],
    },
    NoticeKind.APPEAL_LODGED: {
        "en": ["registered an appeal", "responding to the appeal is Wrexham County Borough "
               "Council", "whether the learner has additional learning needs"],
        "cy": ["cofrestrodd Tribiwnlys Addysg Cymru apêl", "ymateb i’r apêl yw Cyngor "
               "Bwrdeistref Sirol Wrecsam", "a oes gan y dysgwr anghenion dysgu ychwanegol"],
    },
    NoticeKind.APPEAL_DECIDED: {
        "en": ["the Tribunal made orders", "Wrexham County Borough Council: revise the "
               "individual development plan, by 1 April 2026",
               "Betsi Cadwaladr University Health Board: “Assess Cerys's sensory needs",
               "review its decision", "by 31 March 2026"],
        "cy": ["gwnaeth y Tribiwnlys orchmynion", "Cyngor Bwrdeistref Sirol Wrecsam: diwygio’r "
               "cynllun datblygu unigol, erbyn 1 Ebrill 2026",
               "Bwrdd Iechyd Prifysgol Betsi Cadwaladr: “Assess Cerys's sensory needs",
               "adolygu ei benderfyniad", "erbyn 31 Mawrth 2026"],
    },
    NoticeKind.DEADLINE_REMINDER: {
        "en": ["the decision whether the learner has additional learning needs",
               "10 March 2026", "How it was worked out:"],
        "cy": ["y penderfyniad a oes gan y dysgwr anghenion dysgu ychwanegol", "10 Mawrth 2026",
               "Sut y’i cyfrifwyd:"],
    },
    NoticeKind.DEADLINE_MISSED: {
        "en": ["was 10 March 2026", "An exception to the time limit was claimed"],
        "cy": ["oedd 10 Mawrth 2026", "Hawliwyd eithriad i’r terfyn amser"],
    },
    NoticeKind.UNDELIVERABLE: {
        "en": ["could not be delivered to Siân (parent)", "give it another way"],
        "cy": ["Y derbynnydd: Siân (rhiant)", "Rhowch ef mewn ffordd arall"],
    },
}  # fmt: skip


def text_of(kind: NoticeKind, language: Language, registered: bool = True, **changes: Any) -> str:
    organisations = ORGANISATIONS if registered else {}
    rendered = render(kind, language, context(kind, **changes), organisations)
    return " ".join(f"{rendered.subject} {rendered.text}".split())  # the subject line too


def test_every_kind_has_its_mandatory_elements_listed() -> None:
    assert set(MANDATORY) == set(NoticeKind)


@pytest.mark.parametrize("language", [Language.WELSH, Language.ENGLISH])
@pytest.mark.parametrize("kind", list(NoticeKind))
def test_each_notice_says_what_the_law_requires_in_each_language(
    kind: NoticeKind, language: Language
) -> None:
    text = text_of(kind, language)
    missing = [words for words in MANDATORY[kind][language.value] if words not in text]
    assert not missing, text


ORGANISATION_ID = re.compile(r"\b(?:la|lhb|nhs|school|fei|tribunal|auditor|system):\w")
ENUM_VALUE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
UUID_TEXT = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
#: Where a notice gives a reference on purpose, for the recipient to quote or look up.
REFERENCE = re.compile(r"(?:reference|[Cc]yfeirnod(?: y dysgwr| yr hysbysiad| yr achos)?:?) \S+")


#: Values whose words with spaces are plain English ("Review ...: not revised").
NATURAL = {"not_revised", "taken_over"}
#: Enum values also count as raw when printed with spaces for underscores ("revise idp").
SPACED = [
    value.replace("_", " ")
    for group in ("deadline", "outcome", "order", "matter")
    for value in LABELS["en"][group]
    if "_" in value and value not in NATURAL
]


def raw_codes(text: str) -> list[str]:
    plain = REFERENCE.sub("", text)
    spaced = [value for value in SPACED if re.search(rf"\b{value}\b", plain)]
    return (
        ORGANISATION_ID.findall(plain)
        + ENUM_VALUE.findall(plain)
        + UUID_TEXT.findall(plain)
        + spaced
    )


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("kind", list(NoticeKind))
@pytest.mark.parametrize("role", ["parent", "independent_reviewing_officer", "governing_body"])
@pytest.mark.parametrize("registered", [True, False])
def test_no_notice_prints_a_raw_code(
    kind: NoticeKind, language: Language, role: str, registered: bool
) -> None:
    learner = str(uuid.uuid4())
    text = text_of(kind, language, registered, learner_id=learner, recipient_role=role)
    assert not raw_codes(text), text


@pytest.mark.parametrize("language", [Language.WELSH, Language.ENGLISH])
def test_a_tribunal_orders_deadline_reminder_names_no_order_kind(language: Language) -> None:
    kind = NoticeKind.DEADLINE_REMINDER
    facts = {
        **FACTS[kind], "deadline_kind": "order_compliance", "rule_id": None,
        "explanation": "Tribunal order o1 (revise_idp): comply by 2026-04-01",
    }  # fmt: skip
    text = text_of(kind, language, facts=facts)
    assert not raw_codes(text), text
    assert ("Tribiwnlys Addysg Cymru" if language is Language.WELSH else "Tribunal") in text


def test_a_welsh_reminder_explains_the_date_in_welsh() -> None:
    kind = NoticeKind.DEADLINE_REMINDER
    facts = {
        **FACTS[kind],
        "explanation": "35 school days from 3 March 2026 under D1 (rules 2026.1), Wrexham "
        "2025/26 calendar v2: due 21 April 2026",
    }
    text = text_of(kind, Language.WELSH, facts=facts)
    assert "35 diwrnod ysgol o 3 Mawrth 2026 dan reol D1" in text
    assert "i’w wneud erbyn 21 Ebrill 2026" in text
    assert "school days" not in text


def test_an_unknown_order_kind_reads_as_words_not_as_its_value() -> None:
    kind = NoticeKind.APPEAL_DECIDED
    order = {"order_id": "o2", "kind": "name_a_school", "addressed_to": "la:665", "comply_by": None}
    facts = {**FACTS[kind], "orders": [order]}
    for language in (Language.WELSH, Language.ENGLISH):
        assert "name_a_school" not in text_of(kind, language, facts=facts)


@pytest.mark.parametrize(
    ("language", "none_known"),
    [
        (Language.ENGLISH, "We do not know of a voluntary organisation"),
        (Language.WELSH, "Nid ydym yn gwybod am sefydliad gwirfoddol"),
    ],
)
def test_a_parent_told_of_an_opinion_is_told_when_the_body_knows_no_voluntary_organisation(
    language: Language, none_known: str
) -> None:
    kind = NoticeKind.HEALTH_BODY_OPINION
    facts = {**FACTS[kind], "voluntary_organisations": []}
    assert none_known in text_of(kind, language, facts=facts)


@pytest.mark.parametrize("language", [Language.WELSH, Language.ENGLISH])
def test_a_reminder_with_no_statutory_limit_explains_no_date(language: Language) -> None:
    kind = NoticeKind.DEADLINE_REMINDER
    facts = {
        **FACTS[kind], "deadline_kind": "idp_preparation", "repeat_every_days": 14,
        "rule_id": None, "explanation": "no statutory time limit found; reminded every 14 days",
    }  # fmt: skip
    text = text_of(kind, language, facts=facts)
    assert "14" in text
    assert "How it was worked out" not in text
    assert "Sut y\u2019i cyfrifwyd" not in text
