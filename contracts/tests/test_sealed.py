"""The sealed form of a learner's free text on the topics (issue 23, ADR 0023): the reasons of
a decision, a reconsideration and a plan's cessation are published as the stored seal; an
older version's clear string is read as it is; a reader of an older version gets none."""

import uuid
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from contracts import determination as det
from contracts import disputes as dis
from contracts import idp
from contracts.events import IntegrationEvent, older_versions, parse, registered
from contracts.labels import label_of
from contracts.sealed import Sealed

SEAL = Sealed(learner_id="l-1", field="reasons", sealed="pd1:q83vEjRWeJCrze8SNFZ4kKvN7xI0")

SEALED = [
    (det.DecidedV2, det.Decided),
    (dis.ReconsiderationDecidedV1, dis.ReconsiderationDecided),
    (idp.CeaseProposedV1, idp.CeaseProposed),
    (idp.CeasedV1, idp.Ceased),
]


def decided(reasons: object) -> dict[str, Any]:
    return {
        "determination_id": str(uuid.uuid4()), "learner_id": "l-1", "has_aln": False,
        "decided_on": "2026-03-20", "decided_by": "school:6652001", "deciding_body": "school",
        "local_authority": "la:665", "reconsidering_authority": None, "within_time": True,
        "young_person": False, "looked_after": False, "decision_deadline": None,
        "reasons": reasons,
    }  # fmt: skip


@pytest.mark.parametrize(("older", "newer"), SEALED, ids=lambda c: c.__name__)
def test_each_sealed_version_is_registered_labelled_and_keeps_the_first_title(
    older: type[IntegrationEvent], newer: type[IntegrationEvent]
) -> None:
    assert registered()[newer.cloudevent_type()] is newer
    assert newer.version == older.version + 1
    assert label_of(older.cloudevent_type()) == label_of(newer.cloudevent_type())
    assert older.model_json_schema()["title"] == newer.model_json_schema()["title"]
    reasons = newer.model_json_schema()["properties"]["reasons"]
    assert {"$ref": "#/$defs/Sealed"} in reasons["anyOf"]


def test_version_3_carries_the_seal_as_published() -> None:
    event = parse(det.Decided.cloudevent_type(), decided(SEAL.model_dump()))
    assert isinstance(event, det.Decided)
    assert event.reasons == SEAL


def test_a_clear_version_2_is_read_as_version_3_with_its_string_as_it_is() -> None:
    event = parse(det.DecidedV2.cloudevent_type(), decided("Needs met from the school's ALP"))
    assert type(event) is det.Decided
    assert event.reasons == "Needs met from the school's ALP"


def test_a_reader_of_version_2_gets_no_reasons_neither_seal_nor_clear() -> None:
    older = older_versions(det.Decided.cloudevent_type(), decided(SEAL.model_dump()))
    v2 = older[det.DecidedV2.cloudevent_type()]
    assert v2["reasons"] is None
    det.DecidedV2.model_validate(v2)
    assert older[det.DecidedV1.cloudevent_type()]["local_authority"] == "665"


@pytest.mark.parametrize("bad", ["reasons in clear", "pd1:", "pd1:not base64!"])
def test_a_seal_must_look_like_one(bad: str) -> None:
    with pytest.raises(ValidationError, match="sealed"):
        Sealed(learner_id="l-1", field="reasons", sealed=bad)


def test_the_cease_reasons_are_read_as_sealed() -> None:
    data = {
        "idp_id": str(uuid.uuid4()), "learner_id": "l-1", "decided_on": date(2026, 5, 1),
        "reconsideration_window_until": None, "reasons": SEAL.model_dump(),
    }  # fmt: skip
    event = parse(idp.Ceased.cloudevent_type(), data)
    assert isinstance(event, idp.Ceased)
    assert event.reasons == SEAL
