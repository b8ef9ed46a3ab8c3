"""A Tribunal bundle: everything recorded about one learner's case, in one ZIP an auditor can
hand over and anyone can check.

The bundle holds the learner's events in recorded order (``events.jsonl``), each aggregate's
state now and as in force on each day one of its events took effect, the case's key dates
(``states/<service>-<aggregate_id>.json``), every notice as the deciding service recorded it
when it was given (``notices.jsonl``: the notices of docs/domain.md section 4, e.g. a decision's
notice, an issued or revised plan, a reconsideration's outcome, the Tribunal's decision), the
SHA-256 of every evidence document the events name (``documents.json``), the integrity check
(``verification.json``), a readable summary (``timeline.pdf``), then ``manifest.json``: the
SHA-256 and size of every other file, so a copy can be checked without Llwybr, and last
``manifest.jws``: the gateway's signature of the manifest (``gateway.tokens.manifests``), so a
bundle rebuilt by anyone else does not pass for the gateway's.

The notices are the services' own records of them; the delivery of each (email, webhook) is
the notifications service's record, not in the bundle yet.

Building is pure and deterministic: the same input and ``generated_at`` give the same bytes
(fixed file order, fixed times in the ZIP, sorted JSON keys, a PDF dated ``generated_at``).

The PDF is set in DejaVu Sans when it is installed (Welsh needs ŵ and ŷ), else in Helvetica with
the text folded to Latin-1, as the IDP PDFs are (the gateway does not import a service's code, so
the few lines that find the font are repeated here).
"""

import hashlib
import io
import json
import logging
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from llwybr.pdf_fonts import font_directory, use_fonts

logger = logging.getLogger(__name__)

TITLE = "Llwybr case bundle / Bwndel achos"
BUNDLE_FORMAT = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.jws"
#: Stored events that are notices given (their class's qualified name, the end of the topic).
NOTICES = frozenset({
    "Determination.NoticeIssued",  # has ALN / no ALN / NHS referral
    "Idp.Issued", "Idp.Revised",  # the plan on the standard form
    "Idp.ReviewHeld",  # review outcome: revised or not revised
    "Idp.Transferred",  # responsibility transferred
    "Idp.CeaseProposed", "Idp.Ceased",  # proposal, then decision, to cease
    "Idp.RevisionDirected",  # the LA's direction to the governing body
    "Reconsideration.RepresentationsInvited",  # the other side told and invited
    "Reconsideration.NoticeIssued",  # the LA's outcome and the right of appeal
    "Appeal.Acknowledged", "Appeal.Decided",  # the Tribunal's acknowledgement and decision
    "NoticeRecord.NoticeGiven",  # the notifications service's proof: this recipient, this day
})  # fmt: skip
NOTICES_FROM = (
    "the deciding services' events, and the notifications service's proof of each notice "
    "delivered (NoticeRecord.NoticeGiven: recipient role, channel, content SHA-256, day given)"
)


# A name safe as part of a file name in the ZIP (no separators, no "..").
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Owner read/write, everyone read: a regular file, the same on every machine.
_FILE_MODE = 0o100644 << 16
_UNIX = 3

# Typography, in mm and points (landscape A4: the timeline has seven columns).
MARGIN = 14.0
BODY_SIZE = 9.0
SMALL_SIZE = 8.0
COLUMNS = (
    ("Recorded (UTC)", 30.0),
    ("In force", 18.0),
    ("Service", 24.0),
    ("Event", 46.0),
    ("Aggregate", 20.0),
    ("Version", 14.0),
    ("Actor", 50.0),
)


def build_bundle(
    learner_id: str,
    timeline: list[dict[str, Any]],
    states: Mapping[str, Mapping[str, Any]],
    verification: Mapping[str, Any],
    generated_at: datetime,
    sign: Callable[[bytes], str] | None = None,
) -> bytes:
    """The ZIP bundle of a learner's case.

    ``timeline`` is every event about the learner in recorded order (as the audit timeline
    gives them); ``states`` maps ``"<service>/<aggregate_id>"`` to that aggregate's history
    answer (``version`` and ``state``; its ``events`` are already in the timeline);
    ``verification`` is the learner's integrity check. ``generated_at`` must be
    timezone-aware: it dates the files in the ZIP and the PDF. ``sign`` gives the signature
    of the manifest's bytes (``manifest.jws``; none without it).
    """
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    generated_at = generated_at.astimezone(UTC)
    files: list[tuple[str, bytes]] = [("events.jsonl", _jsonl(timeline))]
    for key in sorted(states):
        service, _, aggregate_id = key.partition("/")
        if not (_SAFE_NAME.match(service) and _SAFE_NAME.match(aggregate_id)):
            raise ValueError(f"not a <service>/<aggregate_id> key: {key!r}")
        answer = states[key]
        state = {
            "service": service,
            "aggregate_id": aggregate_id,
            "version": answer.get("version"),
            "state": answer.get("state"),
            "in_force": answer.get("in_force", []),
        }
        files.append((f"states/{service}-{aggregate_id}.json", _json(state)))
    files.append(("notices.jsonl", _jsonl(notices_given(timeline))))
    files.append(("documents.json", _json(named_documents(timeline))))
    files.append(("verification.json", _json(verification)))
    files.append(
        ("timeline.pdf", render_timeline(learner_id, timeline, verification, generated_at))
    )
    manifest = {
        "bundle_format": BUNDLE_FORMAT,
        "learner_id": learner_id,
        "generated_at": generated_at.isoformat(),
        "notices_from": NOTICES_FROM,
        "files": [
            {"name": name, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            for name, content in files
        ],
    }
    files.append((MANIFEST, _json(manifest)))
    if sign is not None:
        files.append((SIGNATURE, f"{sign(files[-1][1])}\n".encode()))
    return _zip(files, generated_at)


def notices_given(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every notice the events record as given, in recorded order: what, by which service,
    on which day (``given_on``: the day it took effect), and its content as stored."""
    found = []
    for event in timeline:
        notice = str(event.get("topic", "")).rpartition(":")[2]
        if notice in NOTICES:
            found.append({
                "notice": notice, "given_on": event.get("in_force_on"),
                **{k: event.get(k) for k in ("service", "aggregate_id", "version",
                                             "recorded_at", "actor", "integrity_hash", "data")},
            })  # fmt: skip
    return found


def named_documents(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every evidence document the events name (in ``documents`` lists, at any depth of an
    event's data), once per SHA-256 in order of first mention, with the events naming it."""
    found: dict[str, dict[str, Any]] = {}
    for event in timeline:
        for document in _documents_in(event.get("data")):
            sha256 = str(document["sha256"]).lower()
            if not _SHA256.match(sha256):
                continue
            entry = found.setdefault(
                sha256,
                {
                    "sha256": sha256,
                    "filename": document.get("filename"),
                    "media_type": document.get("media_type"),
                    "size": document.get("size"),
                    "named_in": [],
                },
            )
            mention = {k: event.get(k) for k in ("service", "aggregate_id", "version", "event")}
            if mention not in entry["named_in"]:
                entry["named_in"].append(mention)
    return list(found.values())


def _documents_in(value: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            if key == "documents" and isinstance(inner, list):
                yield from (d for d in inner if isinstance(d, Mapping) and "sha256" in d)
            else:
                yield from _documents_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _documents_in(inner)


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _jsonl(values: list[dict[str, Any]]) -> bytes:
    lines = (
        json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for v in values
    )
    return "".join(f"{line}\n" for line in lines).encode()


def _zip(files: list[tuple[str, bytes]], generated_at: datetime) -> bytes:
    # ZIP times have no zone and start in 1980; record the UTC time.
    stamp = max(generated_at, datetime(1980, 1, 1, tzinfo=UTC))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()


# -- the readable summary ---------------------------------------------------------------------


def render_timeline(
    learner_id: str,
    timeline: list[dict[str, Any]],
    verification: Mapping[str, Any],
    generated_at: datetime,
) -> bytes:
    """A PDF summary: the learner, when generated, whether the integrity check passed, then
    one row per event (recorded time, day in force, service, event, aggregate, version,
    actor)."""
    pdf = _BundlePdf(learner_id, font_directory())
    pdf.set_creation_date(generated_at)
    pdf.set_title(f"{TITLE}: {learner_id}")
    pdf.set_subject(pdf.fit(f"{TITLE}: {learner_id}"))
    pdf.set_creator("Llwybr")
    pdf.set_lang("cy")
    pdf.add_page()
    pdf.line_of(TITLE, style="B", size=16, height=9)
    pdf.line_of(f"Dysgwr / Learner: {learner_id}")
    pdf.line_of(f"Cynhyrchwyd / Generated: {_moment(generated_at.isoformat())} UTC")
    pdf.line_of(f"Gwiriad cywirdeb / Integrity check: {integrity_summary(verification)}")
    aggregates = len({(e.get("service"), e.get("aggregate_id")) for e in timeline})
    pdf.line_of(f"Digwyddiadau / Events: {len(timeline)} in {aggregates} aggregate(s)")
    pdf.ln(3)
    pdf.events(timeline)
    return bytes(pdf.output())


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


def _moment(value: Any) -> str:
    """A recorded time as ``YYYY-MM-DD HH:MM:SS`` in UTC (as given if it is not a time)."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class _BundlePdf(FPDF):
    """Landscape A4 pages with the bundle's footer."""

    def __init__(self, learner_id: str, font_dir: Path) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self._learner_id = learner_id
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
        self.cell(0, 4, self.fit(f"{TITLE}: {self._learner_id}"), align="R")
        self.set_text_color(0)

    def line_of(self, text: str, *, style: str = "", size: float = 10, height: float = 6) -> None:
        """Wrapped text on its own lines."""
        self.set_font(self.family, style, size)
        self.multi_cell(0, height, self.fit(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, size=BODY_SIZE)

    def events(self, timeline: list[dict[str, Any]]) -> None:
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
            for event in timeline:
                row = table.row()
                for text in (
                    _moment(event.get("recorded_at")),
                    str(event.get("in_force_on") or "-"),
                    str(event.get("service", "")),
                    str(event.get("event", "")),
                    str(event.get("aggregate_id", ""))[:8],
                    str(event.get("version", "")),
                    str(event.get("actor") or "-"),
                ):
                    row.cell(self.fit(text))
