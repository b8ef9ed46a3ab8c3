"""Versions of a contract: version 2 of four determination events names the LA ``la:665``
(issue 20); version 1 (the bare number) is read as version 2 and answered to who asks for it."""

import uuid
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from contracts import determination as det
from contracts.events import older_versions, parse, registered, replaces
from contracts.labels import label_of

REPLACED = [
    (det.ConcernRaisedV1, det.ConcernRaised),
    (det.ReferredToLocalAuthorityV1, det.ReferredToLocalAuthority),
    (det.DecidedV1, det.DecidedV2),
    (det.DecisionReconsideredV1, det.DecisionReconsidered),
]


def decided_v1() -> dict[str, Any]:
    return det.DecidedV1(
        determination_id=uuid.uuid4(), learner_id="l-1", has_aln=True,
        decided_on=date(2026, 3, 20), decided_by="school:6652001", deciding_body="school",
        local_authority="665", reconsidering_authority=None, within_time=True,
        young_person=False, looked_after=False, decision_deadline=None,
    ).model_dump(mode="json")  # fmt: skip


def test_a_version_1_event_is_read_as_the_newest_version_with_the_la_in_its_one_form() -> None:
    # decided is at version 3 now (sealed reasons, issue 23): v1 is read through v2 to v3
    event = parse("wales.aln.determination.decided.v1", decided_v1())
    assert type(event) is det.Decided
    assert event.local_authority == "la:665"
    assert event.cloudevent_type() == "wales.aln.determination.decided.v3"


def test_version_2_refuses_the_bare_number() -> None:
    with pytest.raises(ValidationError, match="local_authority"):
        det.DecidedV2.model_validate(decided_v1())


def test_version_2_is_answered_as_version_1_to_who_asked_for_it() -> None:
    v2 = det.DecidedV2.model_validate(
        parse("wales.aln.determination.decided.v1", decided_v1()).model_dump(mode="json")
    ).model_dump(mode="json")
    older = older_versions("wales.aln.determination.decided.v2", v2)
    assert older == {"wales.aln.determination.decided.v1": decided_v1() | {
        "determination_id": v2["determination_id"]}}  # fmt: skip
    det.DecidedV1.model_validate(older["wales.aln.determination.decided.v1"])


@pytest.mark.parametrize(("v1", "v2"), REPLACED, ids=lambda c: c.__name__)
def test_each_replaced_event_is_registered_labelled_and_keeps_its_first_title(
    v1: type[det.DeterminationEvent], v2: type[det.DeterminationEvent]
) -> None:
    assert registered()[v1.cloudevent_type()] is v1
    assert registered()[v2.cloudevent_type()] is v2
    assert label_of(v1.cloudevent_type()) == label_of(v2.cloudevent_type())
    assert v1.model_json_schema()["title"] == v1.__name__.removesuffix("V1")  # as published
    assert v2.model_json_schema()["properties"]["local_authority"]["pattern"] == r"^la:\d{3}$"


def test_a_version_must_replace_an_older_version_of_the_same_event() -> None:
    with pytest.raises(ValueError, match="does not replace"):
        replaces(det.Decided, det.DecidedV1, up=dict, down=dict)
    with pytest.raises(ValueError, match="does not replace"):
        replaces(det.DecidedV1, det.ConcernRaised, up=dict, down=dict)
