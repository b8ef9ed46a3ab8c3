"""The DPIA's "who can read it" section is the access policy as the code enforces it."""

import pytest

from gateway.dpia import BEGIN, DOCUMENT, END, rendered, section
from llwybr.access import GRANTS, Capability, Relationship


def test_the_who_can_read_it_section_is_current() -> None:
    # A changed policy is a deliberate act: `python -m gateway.dpia` and commit the document.
    document = DOCUMENT.read_text(encoding="utf-8")
    assert rendered(document) == document


def test_the_section_shows_every_relationships_grants() -> None:
    text = section()
    for relationship in Relationship:
        row = next(line for line in text.splitlines() if line.startswith(f"| {relationship}:"))
        assert row.count("| yes") == len(GRANTS[relationship]), relationship
    assert "| auditor:" in text
    assert "`audit:read`" in text
    for capability in Capability:
        assert f"- `{capability}`:" in text


def test_a_document_without_the_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="who-can-read"):
        rendered(f"# Data protection\n{BEGIN}\n")
    assert END in rendered(f"{BEGIN}\nold\n{END}\n")
