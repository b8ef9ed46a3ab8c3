"""Rows stored in the canonical form their hash covers (ADR 0005's addendum): a load and a
verify hash the stored bytes as they are; a row of the first format, or one re-encoded with
the same values, still holds; a changed byte is still found, on load and by verify."""

import json
import uuid

import pytest

from llwybr.eventstore.mapper import CANONICAL_HEAD, INTEGRITY_KEY
from llwybr.integrity import ChainBrokenError, canonical_json
from llwybr_testkit import ExampleCase, ExampleService

from .stored_rows import StoredRows


def a_case(service: ExampleService) -> uuid.UUID:
    case_id = service.open_case("learner-1")
    for n in range(3):
        service.note(case_id, f"note {n}")
    return case_id


def test_a_row_is_its_chain_fields_then_the_canonical_state_the_hash_covers(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    raw = rows.raw(case_id, 2)
    assert raw.startswith(CANONICAL_HEAD)
    state = json.loads(raw)
    integrity = state.pop(INTEGRITY_KEY)
    assert raw.endswith(canonical_json(state)[1:])
    assert integrity["hash"] == list(service.recorded_events(case_id))[1].integrity_hash


def test_a_changed_byte_of_a_canonical_row_is_refused_on_load_and_found_by_verify(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    raw = rows.raw(case_id, 3)
    assert b'"note 1"' in raw
    rows.rewrite_raw(case_id, 3, raw.replace(b'"note 1"', b'"note X"'))
    result = service.verify(case_id)
    assert [(b.originator_version, "altered" in b.reason) for b in result.breaks] == [(3, True)]
    refused = service.verify_all()
    assert refused.broken is not None
    assert refused.broken.originator_version == 3
    with pytest.raises(ChainBrokenError) as refused_load:
        service.repository.get(case_id)
    assert refused_load.value.version == 3


def test_the_same_values_in_the_first_format_or_re_encoded_still_hold(
    service: ExampleService, rows: StoredRows
) -> None:
    case_id = a_case(service)
    # Version 2 as the first format wrote it: the state's own order, the chain fields last.
    state = json.loads(rows.raw(case_id, 2))
    integrity = state.pop(INTEGRITY_KEY)
    first = dict(reversed(list(state.items()))) | {INTEGRITY_KEY: integrity}
    rows.rewrite(case_id, 2, first)
    assert not rows.raw(case_id, 2).startswith(CANONICAL_HEAD)
    # Version 3 re-encoded: the chain fields still first, but spaces and another key order.
    state = json.loads(rows.raw(case_id, 3))
    integrity = state.pop(INTEGRITY_KEY)
    spaced = json.dumps(dict(reversed(list(state.items()))), separators=(", ", ": "))
    raw = CANONICAL_HEAD[:-1] + canonical_json(integrity) + b", " + spaced[1:].encode()
    rows.rewrite_raw(case_id, 3, raw)
    assert raw.startswith(CANONICAL_HEAD)  # so it is hashed as it is first, and fails that
    assert service.verify(case_id).ok
    case: ExampleCase = service.repository.get(case_id)
    assert case.notes == ["note 0", "note 1", "note 2"]
