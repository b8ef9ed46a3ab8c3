import io
import logging
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from idp.rendering import AlpElementView, IdpDocument, render_idp
from llwybr.pdf_fonts import FONT_DIR_ENV, fold_to_latin_1, font_directory

CREATED_AT = datetime(2025, 9, 12, 9, 30, tzinfo=UTC)
LEARNER = "Siôn Gŵyn"
FOOTER = re.compile(r"Tudalen/Page (\d+) o/of (\d+) CDU/IDP (\S+) - fersiwn/version (\d+)")

READING_PROVISION = (
    "Ymyriad darllen mewn grŵp bach (hyd at bedwar disgybl) gan ddilyn rhaglen ffoneg "
    "strwythuredig, gydag ymarfer darllen ar lafar a chardiau geirfa i fynd adref bob wythnos. "
    "Small-group reading intervention (up to four pupils) following a structured phonics "
    "programme, with reading aloud practice and vocabulary cards to take home every week; "
    "progress is checked with a running record every half term and shared with Siôn's parents."
)
SPEECH_OUTCOME = (
    "Siôn will use three-word sentences to ask for help in class, in 8 out of 10 observed "
    "opportunities, by July 2026."
)


def reading_element() -> AlpElementView:
    return AlpElementView(
        element_id="alp-01",
        intended_outcome="Siôn will read 30 more words per minute aloud, in Welsh, by July 2026.",
        provision=READING_PROVISION,
        delivered_by="Cynorthwyydd addysgu / Teaching assistant trained in the programme",
        frequency="Three 30-minute sessions a week",
        duration="Two terms (autumn 2025 and spring 2026)",
        in_welsh=True,
        provider_kind="school",
        provider_organisation="Ysgol Gymraeg Bro Taf",
        start_on="15 September 2025",
        review_or_end_on="27 March 2026",
        rationale="Reading is below age-related expectations and limits access to the curriculum.",
    )


def speech_element() -> AlpElementView:
    return AlpElementView(
        element_id="alp-02",
        intended_outcome=SPEECH_OUTCOME,
        provision="Individual speech and language therapy, with a programme for class staff.",
        delivered_by="Speech and language therapist",
        frequency="One 45-minute session every fortnight",
        duration="One school year",
        in_welsh=False,
        provider_kind="nhs_body",
        provider_organisation="Cardiff and Vale University Health Board",
        start_on="1 October 2025",
        review_or_end_on="1 July 2026",
        rationale="Expressive language delay identified by the NHS body.",
    )


def plan(**changes: object) -> IdpDocument:
    document = IdpDocument(
        plan_id="idp-7f3c2a",
        version=2,
        issued_on="12 September 2025",
        review_by="11 September 2026",
        learner_name=LEARNER,
        date_of_birth="3 March 2016",
        home_language="Cymraeg / Welsh",
        consent_and_capacity="Parents consulted; Siôn took part in preparing his profile.",
        maintainer="Ysgol Gymraeg Bro Taf (school:6652001)",
        one_page_profile={
            "what_people_like_and_admire": "Siôn is kind and makes everyone laugh.",
            "what_is_important": "Playing rugby, his dog Mot, and swimming at Gŵyl y Môr.",
            "how_best_to_support": "Give me time to answer and show me pictures.",
        },
        aln_description="Siôn has a specific learning difficulty in reading and spelling.",
        impact_on_learning="He finds written instructions hard to follow in every subject.",
        reasons_where_disputed="",
        alp=(reading_element(), speech_element()),
        welsh_language_decision="ALP is to be provided in Welsh where the service exists in Welsh.",
        la_extras=None,
        section_3={
            "information_used": "Educational psychologist's report, June 2025.",
            "review_and_transition": "Transition to secondary school planned for 2027.",
        },
        lac=None,
    )
    return replace(document, **changes)  # type: ignore[arg-type]


def looked_after_plan() -> IdpDocument:
    return plan(
        la_extras={
            "named_place": "Ysgol Arbennig y Deri",
            "board_and_lodging": "Not needed",
            "transport": "Taxi to and from school each day",
        },
        lac={
            "independent_reviewing_officer": "Rhian Pŵel",
            "looking_after_authority": "Cyngor Caerdydd / Cardiff Council",
            "personal_education_plan_reference": "PEP-2025-0042",
        },
    )


@pytest.fixture(autouse=True)
def dejavu_is_installed() -> None:
    """Exact Welsh text needs DejaVu Sans: fail, never skip, when the machine lacks it."""
    if not (font_directory() / "DejaVuSans.ttf").is_file():
        pytest.fail(
            f"DejaVu Sans is not in {font_directory()}: run `scripts/fonts.sh ensure` "
            "(installs Debian's fonts-dejavu-core), then rerun the tests",
            pytrace=False,
        )


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def body_text(pdf: bytes) -> str:
    """All the pages' text without footers, whitespace (and so line wrapping) normalised."""
    return " ".join(" ".join(FOOTER.sub("", page).split()) for page in pages_of(pdf))


def test_the_bilingual_section_headings_appear_in_the_prescribed_order() -> None:
    text = body_text(render_idp(looked_after_plan(), created_at=CREATED_AT))

    headings = [
        "Cynllun Datblygu Unigol Individual Development Plan",
        "Adran 1: Y dysgwr a gweinyddu'r cynllun / Section 1: The learner and plan administration",
        "Adran 1C: Proffil un dudalen / Section 1C: One-page profile",
        "Adran 2A: Disgrifiad o'r ADY / Section 2A: Description of ALN",
        "Adran 2B: Elfennau'r DDY / Section 2B: Elements of ALP",
        "Elfen 1 o 2 / Element 1 of 2 (alp-01)",
        "Elfen 2 o 2 / Element 2 of 2 (alp-02)",
        "Penderfyniad ynghylch y Gymraeg / Welsh-language decision",
        "Darpariaeth arall gan yr awdurdod lleol / Other provision by the local authority",
        "Adran 3: Gwybodaeth, adolygu a phontio / Section 3: Information, review and transition",
        "Plentyn sy'n derbyn gofal / Looked-after child",
    ]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions, [h for h, p in zip(headings, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_section_1_and_the_one_page_profile_are_labelled_in_welsh_then_english() -> None:
    text = body_text(render_idp(plan(), created_at=CREATED_AT))

    assert "Dyddiad geni / Date of birth 3 March 2016" in text
    assert "Y corff sy'n cynnal y cynllun / Body maintaining the plan Ysgol Gymraeg" in text
    assert "Fersiwn y cynllun / Plan version 2" in text
    assert "Dyddiad adolygu / Review date 11 September 2026" in text
    assert (
        "Beth sy'n bwysig i mi / What is important to me "
        "Playing rugby, his dog Mot, and swimming at Gŵyl y Môr."
    ) in text
    assert "Rhesymau, lle mae anghytundeb / Reasons where disputed Heb ei nodi / Not stated" in text


def test_each_element_of_alp_is_printed_with_its_fields_in_order() -> None:
    text = body_text(render_idp(plan(), created_at=CREATED_AT))
    second = text[text.index("Element 2 of 2") :]

    fields = [
        f"2B.1 Canlyniad a fwriedir / Intended outcome {SPEECH_OUTCOME}",
        "2B.2 Y ddarpariaeth / The provision Individual speech and language therapy",
        "Pa mor aml / How often One 45-minute session every fortnight",
        "Am ba hyd / For how long One school year",
        "2B.3 Yn Gymraeg / In Welsh Na fydd / No",
        "2B.4 Y sefydliad sy'n darparu / Providing organisation "
        "DDY i'w sicrhau gan y corff GIG / ALP to be secured by the NHS body "
        "Cardiff and Vale University Health Board",
        "2B.5 Dyddiad dechrau / Start date 1 October 2025",
        "2B.6 Dyddiad adolygu neu ddod i ben / Review or end date 1 July 2026",
        "2B.7 Rhesymeg / Rationale Expressive language delay",
    ]
    positions = [second.find(field) for field in fields]
    assert -1 not in positions, [f for f, p in zip(fields, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_an_element_in_welsh_from_the_school_says_so_and_only_nhs_alp_is_nhs_secured() -> None:
    text = body_text(render_idp(plan(), created_at=CREATED_AT))
    first = text[text.index("Element 1 of 2") : text.index("Element 2 of 2")]

    assert "2B.3 Yn Gymraeg / In Welsh Bydd, yn Gymraeg / Yes, in Welsh" in first
    assert "Providing organisation Ysgol Gymraeg Bro Taf Ysgol / School" in first
    assert "ALP to be secured by the NHS body" not in first
    assert text.count("ALP to be secured by the NHS body") == 1


def test_long_provision_text_wraps_within_the_page() -> None:
    pdf = render_idp(plan(), created_at=CREATED_AT)

    assert READING_PROVISION in body_text(pdf)
    assert not any(READING_PROVISION in page for page in pages_of(pdf)), "expected it to wrap"


def test_a_field_longer_than_a_page_flows_on_to_the_next_pages() -> None:
    description = " ".join(f"Sentence {n} about Siôn's needs." for n in range(600))

    pdf = render_idp(plan(aln_description=description), created_at=CREATED_AT)

    assert description in body_text(pdf)
    assert len(pages_of(pdf)) >= 4


def test_the_learner_name_keeps_its_welsh_characters() -> None:
    pdf = render_idp(plan(), created_at=CREATED_AT)

    assert "Enw / Name\nSiôn Gŵyn\n" in pages_of(pdf)[0]


def test_every_page_has_a_bilingual_page_number_and_the_plan_reference() -> None:
    pages = pages_of(render_idp(looked_after_plan(), created_at=CREATED_AT))

    footers = [FOOTER.findall(page) for page in pages]
    assert len(pages) > 1
    assert footers == [
        [(str(n), str(len(pages)), "idp-7f3c2a", "2")] for n in range(1, len(pages) + 1)
    ]


def test_rendering_the_same_plan_twice_gives_identical_bytes() -> None:
    first = render_idp(looked_after_plan(), created_at=CREATED_AT)
    second = render_idp(looked_after_plan(), created_at=CREATED_AT)

    assert first == second


def test_the_pdf_records_its_title_language_and_the_given_creation_date() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_idp(plan(), created_at=CREATED_AT)))

    assert reader.metadata is not None
    assert reader.metadata.creation_date == CREATED_AT
    assert reader.metadata.title == (
        "Cynllun Datblygu Unigol / Individual Development Plan: idp-7f3c2a v2"
    )
    assert str(reader.root_object["/Lang"]) == "cy"


def test_a_looked_after_childs_plan_has_the_lac_details_and_the_la_provision() -> None:
    text = body_text(render_idp(looked_after_plan(), created_at=CREATED_AT))

    assert "This plan forms part of the child's personal education plan." in text
    assert "Swyddog adolygu annibynnol / Independent reviewing officer Rhian Pŵel" in text
    assert (
        "Yr awdurdod lleol sy'n gofalu / Local authority looking after the child "
        "Cyngor Caerdydd / Cardiff Council"
    ) in text
    assert "Personal education plan reference PEP-2025-0042" in text
    assert "Named school or institution Ysgol Arbennig y Deri" in text
    assert "Cludiant / Transport Taxi to and from school each day" in text


def test_a_plan_for_a_child_not_looked_after_has_no_lac_or_la_sections() -> None:
    text = body_text(render_idp(plan(), created_at=CREATED_AT))

    assert "Looked-after child" not in text
    assert "Other provision by the local authority" not in text


def test_without_dejavu_the_plan_is_rendered_in_latin_1_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path))

    with caplog.at_level(logging.WARNING, logger="llwybr.pdf_fonts"):
        pdf = render_idp(looked_after_plan(), created_at=CREATED_AT)

    assert "scripts/fonts.sh ensure" in caplog.text
    text = body_text(pdf)
    assert "Enw / Name Siôn Gwyn" in text
    assert "Rhian Pwel" in text


def test_a_created_at_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        render_idp(plan(), created_at=datetime(2025, 9, 12, 9, 30))


def test_folding_to_latin_1_keeps_latin_1_letters_and_drops_other_accents() -> None:
    welsh = "Gŵyl, dŵr, tŷ, Siôn \u2013 \u201ciawn\u201d"  # an en dash, curly quotes

    assert fold_to_latin_1(welsh) == 'Gwyl, dwr, ty, Siôn - "iawn"'
    assert fold_to_latin_1("Ł€") == "??"
