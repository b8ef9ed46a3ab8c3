"""The bundle's readable summary (``timeline.pdf``), in Welsh and English: the learner by
name, whether the integrity check passed, then one row per event in plain language (the day
it took effect, when recorded, what happened, by whom, and its reference).

Set in DejaVu Sans when it is installed (Welsh needs ŵ and ŷ), else in Helvetica with the
text folded to Latin-1, as the IDP PDFs are (``llwybr.pdf_fonts``, the machinery they share).
"""

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from llwybr.pdf_fonts import font_directory, use_fonts

TITLE = "Bwndel achos Llwybr / Llwybr case bundle"

# Typography, in mm and points (landscape A4: 269 mm between the margins).
MARGIN = 14.0
BODY_SIZE = 9.0
SMALL_SIZE = 8.0
COLUMNS = (
    ("Dyddiad / Day", 20.0),
    ("Cofnodwyd / Recorded (UTC)", 30.0),
    ("Beth ddigwyddodd / What happened", 95.0),
    ("Gan / By", 62.0),
    ("Cyfeirnod / Reference", 62.0),
)


def render_timeline(
    readable: Mapping[str, Any], verification: Mapping[str, Any], generated_at: datetime
) -> bytes:
    """The PDF summary of a readable timeline (``readable.readable_timeline``)."""
    learner = _learner(readable)
    pdf = _BundlePdf(learner, font_directory())
    pdf.set_creation_date(generated_at)
    pdf.set_title(f"{TITLE}: {learner}")
    pdf.set_subject(pdf.fit(f"{TITLE}: {learner}"))
    pdf.set_creator("Llwybr")
    pdf.set_lang("cy")
    pdf.add_page()
    pdf.line_of(TITLE, style="B", size=16, height=9)
    pdf.line_of(f"Dysgwr / Learner: {learner}")
    pdf.line_of(f"Cynhyrchwyd / Generated: {moment(generated_at.isoformat())} UTC")
    pdf.line_of(f"Gwiriad cywirdeb / Integrity check: {integrity_summary(verification)}")
    events = readable["events"]
    records = len({(e["reference"]["service"], e["reference"]["record"]) for e in events})
    pdf.line_of(
        f"Digwyddiadau / Events: {len(events)} mewn {records} cofnod / in {records} record(s)"
    )
    pdf.ln(3)
    pdf.events(events)
    return bytes(pdf.output())


def _learner(readable: Mapping[str, Any]) -> str:
    name, learner_id = readable.get("learner_name"), readable["learner_id"]
    return f"{name} (cyfeirnod / reference {learner_id})" if name else str(learner_id)


def integrity_summary(verification: Mapping[str, Any]) -> str:
    """Whether a verify answer passed (and how much it checked), or its first broken event."""
    checked = verification.get("checked") or []
    events = sum(int(r.get("events_checked") or 0) for r in checked)
    if verification.get("ok"):
        return f"Llwyddodd / Passed ({events} events in {len(checked)} chain(s) recomputed)"
    first = verification.get("first_broken") or {}
    broken = first.get("broken") or {}
    where = (
        f"{first.get('service', '?')} {broken.get('originator_id', '?')} "
        f"v{broken.get('originator_version', '?')}: {broken.get('reason', 'unknown')}"
    )
    return f"METHODD / FAILED at {where}"


def moment(value: Any) -> str:
    """A recorded time as ``YYYY-MM-DD HH:MM:SS`` in UTC (as given if it is not a time)."""
    try:
        found = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if found.tzinfo is not None:
        found = found.astimezone(UTC)
    return found.strftime("%Y-%m-%d %H:%M:%S")


def _both(words: Mapping[str, str]) -> str:
    """Welsh first, then English (once when they are the same)."""
    cy, en = words.get("cy", ""), words.get("en", "")
    return cy if cy == en else f"{cy}\n{en}"


def _reference(event: Mapping[str, Any]) -> str:
    reference = event["reference"]
    lines = [event.get("event") or f"({reference['service']})"]
    lines.append(f"{str(reference['record'])[:8]} v{reference['version']}")
    if event.get("document"):
        lines.append(str(event["document"]))
    return "\n".join(lines)


class _BundlePdf(FPDF):
    """Landscape A4 pages with the bundle's footer."""

    def __init__(self, learner: str, font_dir: Path) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self._learner = learner
        self.family, self.fit = use_fonts(self, font_dir, "the bundle's timeline")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 4)
        self.set_font(self.family, size=BODY_SIZE)

    def footer(self) -> None:
        self.set_y(-MARGIN + 2)
        self.set_font(self.family, size=SMALL_SIZE)
        self.set_text_color(80)
        self.cell(0, 4, self.fit(f"Tudalen/Page {self.page_no()} o/of {{nb}}"), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, self.fit(f"{TITLE}: {self._learner}"), align="R")
        self.set_text_color(0)

    def line_of(self, text: str, *, style: str = "", size: float = 10, height: float = 6) -> None:
        """Wrapped text on its own lines."""
        self.set_font(self.family, style, size)
        self.multi_cell(0, height, self.fit(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, size=BODY_SIZE)

    def events(self, events: list[dict[str, Any]]) -> None:
        """The table of events; long cells wrap and the headings repeat on every page."""
        self.set_font(self.family, size=BODY_SIZE)
        with self.table(
            col_widths=tuple(width for _, width in COLUMNS),
            width=self.epw,
            text_align="LEFT",
            line_height=4.6,
            padding=(1, 1.5),
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=(220, 232, 220)),
        ) as table:
            headings = table.row()
            for heading, _ in COLUMNS:
                headings.cell(heading)
            for event in events:
                row = table.row()
                for text in (
                    str(event.get("in_force_on") or "-"),
                    moment(event.get("recorded_at")),
                    _both(event["what"]),
                    _both(event["by"]),
                    _reference(event),
                ):
                    row.cell(self.fit(text))
