"""Fonts for the PDFs the services write (IDPs, evidence bundles), with Welsh characters.

The PDF core fonts are Latin-1 only, so ŵ and ŷ need a TrueType font: DejaVu Sans from Debian's
``fonts-dejavu-core`` (``scripts/fonts.sh ensure``). Without it a PDF is still written, in
Helvetica with the text folded to Latin-1, and a warning says so.
"""

import logging
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

FONT_DIR_ENV = "LLWYBR_PDF_FONT_DIR"
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR_FONT_FILE = "DejaVuSans.ttf"
BOLD_FONT_FILE = "DejaVuSans-Bold.ttf"


class AcceptsFonts(Protocol):
    """The part of fpdf2's FPDF this module uses (so the runtime needs no PDF library)."""

    def add_font(self, family: str, style: str, fname: Path) -> None: ...


def font_directory() -> Path:
    """Where DejaVu Sans is looked for: ``$LLWYBR_PDF_FONT_DIR`` if set, else Debian's place."""
    configured = os.environ.get(FONT_DIR_ENV, "")
    return Path(configured) if configured else DEFAULT_FONT_DIR


def fold_to_latin_1(text: str) -> str:
    """Text the core fonts can show: accents outside Latin-1 dropped (ŵ -> w), the rest '?'."""
    folded = []
    for char in text:
        if ord(char) < 0x100:
            folded.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded.append(_PUNCTUATION.get(char, base))
    return "".join(folded).encode("latin-1", errors="replace").decode("latin-1")


# Typographic punctuation that NFKD leaves alone: curly quotes, dashes, ellipsis, bullet.
_PUNCTUATION = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2022": "-",
}


def use_fonts(pdf: AcceptsFonts, font_dir: Path, what: str) -> tuple[str, Callable[[str], str]]:
    """Register DejaVu Sans, or settle for the core Helvetica; returns the family to set text
    in, and what text must go through before it is drawn. ``what`` names the document in the
    warning."""
    regular, bold = font_dir / REGULAR_FONT_FILE, font_dir / BOLD_FONT_FILE
    if regular.is_file() and bold.is_file():
        try:
            pdf.add_font("DejaVu", "", regular)
            pdf.add_font("DejaVu", "B", bold)
        except Exception:  # an unreadable or corrupt file: still render, as without the font
            logger.warning("could not load DejaVu Sans from %s", font_dir, exc_info=True)
        else:
            return "DejaVu", _unchanged
    else:
        logger.warning(
            "DejaVu Sans not found in %s (run scripts/fonts.sh ensure, or set %s): rendering "
            "%s in Helvetica with Welsh characters folded to Latin-1",
            font_dir,
            FONT_DIR_ENV,
            what,
        )
    return "helvetica", fold_to_latin_1


def _unchanged(text: str) -> str:
    return text
