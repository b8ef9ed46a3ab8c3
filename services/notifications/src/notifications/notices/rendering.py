"""Notices rendered from Jinja2 templates: one per notice kind and language, in ``templates/``.

Autoescaping is on (names and addresses come from the contacts registry) and undefined values
are errors, never blanks. A bilingual notice puts the Welsh text first. The HTML is the notice
as given: its SHA-256 (UTF-8, LF line endings; mail carries CRLF) is the proof of content, and
the plain-text part of the email is derived from it.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from typing import Any

import jinja2
from markupsafe import Markup

from llwybr.organisations import REGISTER, name_of
from notifications.notices.labels import explanation, label
from notifications.notices.model import Language, NoticeKind

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("notifications.notices", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "cy": (
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ),
}

#: Subject lines join the languages so that either reader sees theirs first or second.
SUBJECT_SEPARATOR = " / "


def long_date(value: date | str | None, language: str) -> str:
    """A date as people write it: "3 March 2026", "3 Mawrth 2026"."""
    if value is None:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Organisation:
    """An organisation as a notice names it (from the contacts registry)."""

    organisation: str
    name: str | None = None
    name_cy: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    information_and_advice: str | None = None
    disagreement_resolution: str | None = None
    independent_advocacy: str | None = None

    def display(self, language: str) -> str:
        """The name a letter in ``language`` gives it: the name it registered, else the Welsh
        public bodies' register's, else its kind and number; never its id (``la:665``)."""
        if language == "cy" and self.name_cy:
            return self.name_cy
        if language == "en" and self.name:
            return self.name
        registered = REGISTER.get(self.organisation)
        if registered is not None or not (self.name or self.name_cy):
            return name_of(self.organisation, language)
        # Only a name in the other language was registered: better than a description.
        return self.name or self.name_cy or ""


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str
    sha256: str


def _part(
    kind: NoticeKind,
    language: str,
    context: Mapping[str, Any],
    organisations: Mapping[str, Organisation],
) -> tuple[str, Markup]:
    def org(organisation: str | None) -> str:
        if not organisation:
            return ""
        return organisations.get(organisation, Organisation(organisation)).display(language)

    def contact(organisation: str | None) -> Organisation:
        return organisations.get(organisation or "", Organisation(organisation or ""))

    values = {
        **context,
        "services_authority": services_authority(context),
        "lang": language,
        "org": org,
        "contact": contact,
        "when": lambda value: long_date(value, language),
        "words": lambda group, value: label(group, value, language),
        "explain": lambda text, kind=None, rule=None: explanation(text, language, kind, rule),
    }
    module = ENVIRONMENT.get_template(f"{language}/{kind.value}.html").make_module(values)
    # The module's output is the template's, already escaped by autoescaping: safe as markup.
    subject = Markup(getattr(module, "subject", "")).striptags()  # noqa: S704
    return subject, Markup(str(module))  # noqa: S704


def services_authority(context: Mapping[str, Any]) -> str | None:
    """The LA whose information and advice, disagreement resolution and independent advocacy a
    notice lists (s.68-69): the LA looking after a looked-after child for its own notices (it
    decides and maintains for the child, s.15-19), else the learner's LA."""
    facts = context.get("facts") or {}
    if facts.get("body_kind") == "la_looking_after":
        return str(context["issuer"])
    local_authority = context.get("local_authority")
    return str(local_authority) if local_authority else None


def render(
    kind: NoticeKind,
    language: Language,
    context: Mapping[str, Any],
    organisations: Mapping[str, Organisation],
) -> Rendered:
    """The notice in the recipient's language(s). ``context`` holds the notice's facts and the
    recipient, learner and dates; ``organisations`` the names and contacts it may cite."""
    parts = [(lang, *_part(kind, lang, context, organisations)) for lang in language.parts]
    subject = SUBJECT_SEPARATOR.join(subject for _, subject, _ in parts)
    layout = ENVIRONMENT.get_template("layout.html")
    html = layout.render(
        subject=subject,
        sections=[(lang, body) for lang, _, body in parts],
        bilingual=len(parts) > 1,
    )
    html = html.rstrip("\n") + "\n"  # ends with a newline, as a MIME text part always does
    return Rendered(subject, html, html_to_text(html), sha256(html))


def sha256(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


class _TextExtractor(HTMLParser):
    """HTML to readable plain text: paragraphs and headings on their own lines, list items
    with a dash, links followed by their address."""

    BLOCKS = frozenset(
        {
            "p",
            "div",
            "section",
            "h1",
            "h2",
            "h3",
            "ul",
            "ol",
            "table",
            "tr",
            "address",
            "blockquote",
            "footer",
            "header",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.links: list[str | None] = []

    def _flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"head", "style", "script", "title"}:
            self.skip += 1
        elif tag in self.BLOCKS or tag in {"br", "li"}:
            self._flush()
            if tag == "li":
                self.current.append("- ")
        elif tag == "hr":
            self._flush()
            self.lines.append("-" * 40)
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"head", "style", "script", "title"}:
            self.skip -= 1
        elif tag in self.BLOCKS or tag == "li":
            self._flush()
            if tag in {"p", "h1", "h2", "h3", "ul", "ol", "section"}:
                self.lines.append("")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and href not in "".join(self.current):
                self.current.append(f" <{href}>")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        kept: list[str] = []
        for line in self.lines:
            if line or (kept and kept[-1]):
                kept.append(line)
        return "\n".join(kept).strip() + "\n"


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.text()
