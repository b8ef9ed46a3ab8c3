"""The edge kit's input types: bounded versions, and text without controls or bidi."""

from typing import Annotated

import pytest
from pydantic import Field, ValidationError

from llwybr.edge import BIGINT_MAX, FreeText, Line, Model, expected_version
from llwybr.problems import ProblemError


class Note(Model):
    name: Annotated[Line, Field(max_length=200)]
    reason: Annotated[FreeText, Field(max_length=2000)]
    other: str = ""
    tags: list[str] = Field(default_factory=list)


@pytest.mark.parametrize(
    "text",
    [
        "a\x00b",
        "a\x07b",
        "a\x1bb",
        "a\x7fb",
        "a\x85b",
        "a\u202eb",
        "a\u202ab",
        "a\u2066b",
        "a\u2069b",
    ],
)
def test_controls_and_bidi_overrides_are_refused_in_every_string(text: str) -> None:
    for fields in ({"name": text}, {"reason": text}, {"other": text}, {"tags": ["ok", text]}):
        body = {"name": "Cerys", "reason": "why", **fields}
        with pytest.raises(ValidationError) as caught:
            Note.model_validate(body)
        error = caught.value.errors()[0]
        assert error["loc"][0] == next(iter(fields))
        assert error["type"] == "unsafe_character"
        assert "control or bidirectional-override" in error["msg"]


def test_free_text_keeps_tabs_and_line_breaks_a_line_does_not() -> None:
    note = Note(name="Cerys Jones", reason="first line\r\nsecond\tline")
    assert note.reason == "first line\r\nsecond\tline"
    for name in ("Cerys\nJones", "Cerys\tJones", "Cerys\rJones"):
        with pytest.raises(ValidationError, match="control or bidirectional"):
            Note(name=name, reason="why")


def test_welsh_and_other_letters_are_text() -> None:
    note = Note(name="Siân Ŵyn ap Rhys", reason="Mae'r dysgwr yn 7 oed — ŵyr")
    assert note.name == "Siân Ŵyn ap Rhys"


def test_an_if_match_past_the_database_range_is_400() -> None:
    assert expected_version(f'"{BIGINT_MAX}"') == BIGINT_MAX
    with pytest.raises(ProblemError) as caught:
        expected_version(f'"{2**70}"')
    assert caught.value.status == 400
