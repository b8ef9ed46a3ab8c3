"""One id form per kind of organisation in every contract (issue 20): a school or FEI is
``school:6652001`` / ``fei:10001234`` wherever a contract names one, never a bare number."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contracts.organisations import SETTING_ID, is_bare_setting, setting_id, setting_number

SCHEMAS = Path(__file__).parents[1] / "schemas"
#: The contract fields that name a school or FEI (the learner's enrolments, the school an LA
#: directs, the school whose decision is reconsidered).
SCHOOL_OR_FEI = {"enrolled_at", "directed_school", "directed_to_maintain", "school"}
#: A bare establishment number's field names, gone from every contract.
BARE = {"setting_id", "setting", "school_id", "fei_id"}


def _properties(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield from (node.get("properties") or {}).items()
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


def _strings(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The string schemas a property may hold (through ``anyOf`` and array ``items``)."""
    if schema.get("type") == "array":
        return _strings(schema["items"])
    if "anyOf" in schema:
        return [s for option in schema["anyOf"] for s in _strings(option)]
    return [schema] if schema.get("type") == "string" else []


def _event_schemas() -> list[Path]:
    return sorted(p for p in SCHEMAS.glob("wales.aln.*.json"))


@pytest.mark.parametrize("path", _event_schemas(), ids=lambda p: p.stem)
def test_a_contract_names_a_school_or_fei_in_its_one_form_never_by_a_bare_number(
    path: Path,
) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    for name, schema in _properties(document):
        assert name not in BARE, f"{path.name}: {name} names a setting by a bare number"
        if name in SCHOOL_OR_FEI:
            strings = _strings(schema)
            assert strings, (path.name, name)
            assert all(s.get("pattern") == SETTING_ID for s in strings), (path.name, name)


def test_the_schemas_name_schools_somewhere() -> None:
    # The check above must have something to check.
    named = {
        name for path in _event_schemas()
        for name, _ in _properties(json.loads(path.read_text(encoding="utf-8")))
    }  # fmt: skip
    assert named >= SCHOOL_OR_FEI


def test_a_bare_number_is_made_whole_from_its_kind_and_a_whole_id_kept() -> None:
    assert setting_id("6652001", further_education=False) == "school:6652001"
    assert setting_id("10001234", further_education=True) == "fei:10001234"
    assert setting_id("school:6652001", further_education=True) == "school:6652001"
    assert setting_number("fei:10001234") == "10001234"
    assert setting_number("6652001") == "6652001"
    assert is_bare_setting("6652001")
    assert not is_bare_setting("school:6652001")
    assert not is_bare_setting(None)
