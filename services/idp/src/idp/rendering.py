"""The PDF of an issued Individual Development Plan version, laid out as the standard form.

Headings and labels are bilingual, Welsh first, and the sections follow the order prescribed
by the ALN Code (chapter 23): section 1 (with the 1C one-page profile), 2A, 2B (one block per
element of ALP), the Welsh-language decision, the local authority's other provision, section 3,
and the looked-after child's details.

Welsh needs characters outside Latin-1 (ŵ, ŷ), which the PDF core fonts cannot show, so the text
is set in DejaVu Sans (Debian's ``fonts-dejavu-core``; ``scripts/fonts.sh ensure`` installs it).
Without it the plan is still rendered, in Helvetica with the text folded to Latin-1 (ŵ -> w), and
a warning is logged: a plan with a plain ``w`` beats no plan at all.

Rendering is deterministic: the same document and ``created_at`` give the same bytes.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from llwybr.pdf_fonts import font_directory, use_fonts

logger = logging.getLogger(__name__)


NHS_PROVIDER_KINDS = frozenset({"nhs", "nhs_body", "lhb", "nhs_trust"})
NHS_SECURED = "DDY i'w sicrhau gan y corff GIG / ALP to be secured by the NHS body"


@dataclass(frozen=True)
class AlpElementView:
    """One element of additional learning provision (a 2B row); "" where a field is absent."""

    element_id: str
    intended_outcome: str
    provision: str
    delivered_by: str
    frequency: str
    duration: str
    in_welsh: bool | None
    provider_kind: str
    provider_organisation: str
    start_on: str
    review_or_end_on: str
    rationale: str


@dataclass(frozen=True)
class IdpDocument:
    """Everything printed on one issued plan version, already formatted as text."""

    plan_id: str
    version: int
    issued_on: str
    review_by: str
    learner_name: str
    date_of_birth: str
    home_language: str
    consent_and_capacity: str
    maintainer: str
    one_page_profile: dict[str, str]
    aln_description: str
    impact_on_learning: str
    reasons_where_disputed: str
    alp: tuple[AlpElementView, ...]
    welsh_language_decision: str
    la_extras: dict[str, str] | None
    section_3: dict[str, str]
    lac: dict[str, str] | None


TITLE = "Cynllun Datblygu Unigol / Individual Development Plan"
NOT_STATED = "Heb ei nodi / Not stated"

ONE_PAGE_PROFILE_LABELS = {
    "what_people_like_and_admire": (
        "Beth mae pobl yn ei hoffi ac yn ei edmygu amdanaf i / What people like and admire about me"
    ),
    "what_is_important": "Beth sy'n bwysig i mi / What is important to me",
    "how_best_to_support": "Y ffordd orau o'm cefnogi i / How best to support me",
}
LA_EXTRAS_LABELS = {
    "named_place": "Ysgol neu sefydliad a enwir / Named school or institution",
    "board_and_lodging": "Bwyd a llety / Board and lodging",
    "transport": "Cludiant / Transport",
}
SECTION_3_LABELS = {
    "information_used": "Gwybodaeth a ddefnyddiwyd / Information used",
    "review_and_transition": "Adolygu a phontio / Review and transition",
}
LAC_LABELS = {
    "independent_reviewing_officer": "Swyddog adolygu annibynnol / Independent reviewing officer",
    "looking_after_authority": (
        "Yr awdurdod lleol sy'n gofalu / Local authority looking after the child"
    ),
    "personal_education_plan_reference": (
        "Cyfeirnod y cynllun addysg personol / Personal education plan reference"
    ),
}
PROVIDER_KIND_LABELS = {
    "school": "Ysgol / School",
    "fei": "Sefydliad addysg bellach / Further education institution",
    "la": "Awdurdod lleol / Local authority",
    "local_authority": "Awdurdod lleol / Local authority",
    "other": "Arall / Other",
}

# Typography, in mm and points.
MARGIN = 18.0
LINE = 5.2
BODY_SIZE = 10.0
LABEL_SIZE = 9.0
HEADING_SIZE = 12.0
FOOTER_SIZE = 8.0
# A field shorter than this stays on one page; a longer one starts on the current page (with at
# least KEEP_LINES of it) and flows on to the next.
KEEP_TOGETHER_UP_TO = 60.0
KEEP_LINES = 2


def render_idp(document: IdpDocument, *, created_at: datetime) -> bytes:
    """Render ``document`` as the bilingual PDF of the plan version; ``created_at`` is recorded
    as the PDF's creation date and must be timezone-aware (a naive one would be read in the
    machine's local zone, and the same plan would render differently on another machine)."""
    if created_at.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    font_dir = font_directory()
    pdf = _IdpPdf(document, font_dir)
    pdf.set_creation_date(created_at)
    pdf.set_title(f"{TITLE}: {document.plan_id} v{document.version}")
    pdf.set_subject(pdf.fit(f"CDU / IDP {document.plan_id}, fersiwn / version {document.version}"))
    pdf.set_author(document.maintainer)
    pdf.set_creator("Llwybr")
    pdf.set_lang("cy")
    pdf.add_page()
    pdf.title_block()
    _section_1(pdf, document)
    _section_2a(pdf, document)
    _section_2b(pdf, document.alp)
    pdf.heading("Penderfyniad ynghylch y Gymraeg / Welsh-language decision")
    pdf.field(
        "A ddylai'r DDY gael ei darparu yn Gymraeg / Whether ALP should be provided in Welsh",
        document.welsh_language_decision,
    )
    if document.la_extras is not None:
        pdf.heading(
            "Darpariaeth arall gan yr awdurdod lleol / Other provision by the local authority"
        )
        pdf.fields(LA_EXTRAS_LABELS, document.la_extras)
    pdf.heading(
        "Adran 3: Gwybodaeth, adolygu a phontio / Section 3: Information, review and transition"
    )
    pdf.fields(SECTION_3_LABELS, document.section_3)
    if document.lac is not None:
        pdf.heading("Plentyn sy'n derbyn gofal / Looked-after child")
        pdf.note(
            "Mae'r cynllun hwn yn rhan o gynllun addysg personol y plentyn. / "
            "This plan forms part of the child's personal education plan."
        )
        pdf.fields(LAC_LABELS, document.lac)
    return bytes(pdf.output())


def _section_1(pdf: "_IdpPdf", d: IdpDocument) -> None:
    pdf.heading(
        "Adran 1: Y dysgwr a gweinyddu'r cynllun / Section 1: The learner and plan administration"
    )
    pdf.field("Enw / Name", d.learner_name)
    pdf.field("Dyddiad geni / Date of birth", d.date_of_birth)
    pdf.field("Iaith y cartref / Home language", d.home_language)
    pdf.field("Cydsyniad a galluedd / Consent and capacity", d.consent_and_capacity)
    pdf.field("Y corff sy'n cynnal y cynllun / Body maintaining the plan", d.maintainer)
    pdf.field("Cyfeirnod y cynllun / Plan reference", d.plan_id)
    pdf.field("Fersiwn y cynllun / Plan version", str(d.version))
    pdf.field("Dyddiad cyhoeddi / Date issued", d.issued_on)
    pdf.field("Dyddiad adolygu / Review date", d.review_by)
    pdf.heading("Adran 1C: Proffil un dudalen / Section 1C: One-page profile")
    pdf.fields(ONE_PAGE_PROFILE_LABELS, d.one_page_profile)


def _section_2a(pdf: "_IdpPdf", d: IdpDocument) -> None:
    pdf.heading("Adran 2A: Disgrifiad o'r ADY / Section 2A: Description of ALN")
    pdf.field(
        "Disgrifiad o'r anghenion dysgu ychwanegol / Description of additional learning needs",
        d.aln_description,
    )
    pdf.field("Yr effaith ar ddysgu / Impact on learning", d.impact_on_learning)
    pdf.field("Rhesymau, lle mae anghytundeb / Reasons where disputed", d.reasons_where_disputed)


def _section_2b(pdf: "_IdpPdf", alp: tuple[AlpElementView, ...]) -> None:
    pdf.heading("Adran 2B: Elfennau'r DDY / Section 2B: Elements of ALP")
    if not alp:
        pdf.note("Dim elfennau / No elements")
    for number, element in enumerate(alp, start=1):
        reference = f" ({element.element_id})" if element.element_id else ""
        pdf.heading(
            f"Elfen {number} o {len(alp)} / Element {number} of {len(alp)}{reference}",
            section=False,
        )
        pdf.field("2B.1 Canlyniad a fwriedir / Intended outcome", element.intended_outcome)
        pdf.field("2B.2 Y ddarpariaeth / The provision", element.provision)
        pdf.field("Pwy sy'n ei darparu / Who delivers it", element.delivered_by, indent=True)
        pdf.field("Pa mor aml / How often", element.frequency, indent=True)
        pdf.field("Am ba hyd / For how long", element.duration, indent=True)
        pdf.field("2B.3 Yn Gymraeg / In Welsh", _in_welsh(element.in_welsh))
        pdf.field("2B.4 Y sefydliad sy'n darparu / Providing organisation", _provider(element))
        pdf.field("2B.5 Dyddiad dechrau / Start date", element.start_on)
        pdf.field(
            "2B.6 Dyddiad adolygu neu ddod i ben / Review or end date", element.review_or_end_on
        )
        pdf.field("2B.7 Rhesymeg / Rationale", element.rationale)
        pdf.rule()


def _in_welsh(in_welsh: bool | None) -> str:
    if in_welsh is None:
        return NOT_STATED
    return "Bydd, yn Gymraeg / Yes, in Welsh" if in_welsh else "Na fydd / No"


def _provider(element: AlpElementView) -> str:
    kind = element.provider_kind.strip().lower()
    if kind in NHS_PROVIDER_KINDS:
        # The statutory wording for NHS ALP, with the NHS body named beneath it.
        return "\n".join(filter(None, [NHS_SECURED, element.provider_organisation]))
    kind_label = PROVIDER_KIND_LABELS.get(kind, element.provider_kind)
    return "\n".join(filter(None, [element.provider_organisation, kind_label]))


class _IdpPdf(FPDF):
    """A4 pages with the plan's footer, and the form's few building blocks."""

    def __init__(self, document: IdpDocument, font_dir: Path) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._document = document
        self.family, self.fit = use_fonts(self, font_dir, "the plan")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        self.set_font(self.family, size=BODY_SIZE)

    def footer(self) -> None:
        self.set_y(-MARGIN + 2)
        self.set_font(self.family, size=FOOTER_SIZE)
        self.set_text_color(80)
        page = f"Tudalen/Page {self.page_no()} o/of {{nb}}"
        self.cell(0, 4, self.fit(page), align="L")
        self.set_x(self.l_margin)
        plan = f"CDU/IDP {self._document.plan_id} - fersiwn/version {self._document.version}"
        self.cell(0, 4, self.fit(plan), align="R")
        self.set_text_color(0)

    def title_block(self) -> None:
        self._write(TITLE.replace(" / ", "\n"), line=8, style="B", size=16)
        self._write(f"{self._document.learner_name} - {self._document.plan_id}")
        self.ln(2)

    def heading(self, text: str, *, section: bool = True) -> None:
        """A section (on a shaded bar) or element heading, kept with what follows it."""
        size = HEADING_SIZE if section else BODY_SIZE + 1
        self.set_font(self.family, "B", size)
        self._keep(self._height(text, self.epw, 7) + LINE * (KEEP_LINES + 4) + 6)
        self.ln(3 if section else 0)
        self.set_fill_color(220, 232, 220)
        self._write(text, line=7 if section else 6, style="B", size=size, fill=section)
        self.ln(2 if section else 1)

    def note(self, text: str) -> None:
        self._write(text)
        self.ln(2)

    def field(self, label: str, value: str, *, indent: bool = False) -> None:
        """A label above its value; the value wraps, and flows on to the next page if long."""
        left = self.l_margin + (8.0 if indent else 0.0)
        width = self.w - self.r_margin - left
        text = value.strip() or NOT_STATED
        self.set_font(self.family, "B", LABEL_SIZE)
        label_height = self._height(label, width, LINE)
        self.set_font(self.family, size=BODY_SIZE)
        whole = label_height + self._height(text, width, LINE)
        self._keep(whole if whole <= KEEP_TOGETHER_UP_TO else label_height + LINE * KEEP_LINES)
        self.set_x(left)
        self.set_text_color(60)
        self._write(label, width=width, line=LINE - 0.6, style="B", size=LABEL_SIZE, then_x=left)
        self.set_text_color(0)
        self._write(text, width=width)
        self.ln(1.5)

    def fields(self, labels: Mapping[str, str], values: Mapping[str, str]) -> None:
        """The known fields in the form's order, then any others so nothing given is dropped."""
        for key, label in labels.items():
            self.field(label, values.get(key, ""))
        for key in sorted(values.keys() - labels.keys()):
            self.field(key.replace("_", " ").capitalize(), values[key])

    def rule(self) -> None:
        self.set_draw_color(170)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.set_draw_color(0)
        self.ln(3)

    def _write(
        self,
        text: str,
        *,
        width: float = 0,
        line: float = LINE,
        style: str = "",
        size: float = BODY_SIZE,
        fill: bool = False,
        then_x: float | None = None,
    ) -> None:
        """Wrapped, left-aligned text (plain language reads best unjustified), then a new line
        starting at ``then_x`` (the left margin by default)."""
        self.set_font(self.family, style, size)
        self.multi_cell(
            width,
            line,
            self.fit(text),
            align="L",
            fill=fill,
            padding=(1, 2) if fill else 0,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if then_x is not None:
            self.set_x(then_x)
        self.set_font(self.family, size=BODY_SIZE)

    def _height(self, text: str, width: float, line: float) -> float:
        lines = self.multi_cell(
            width, line, self.fit(text), dry_run=True, output=MethodReturnValue.LINES
        )
        assert isinstance(lines, list)
        return len(lines) * line

    def _keep(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if self.will_page_break(height):
            self.add_page()
