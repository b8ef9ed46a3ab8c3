"""The Idp aggregate's events: values and replay, the store's transcoding, stored topics and
the day each event takes effect."""

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, UUIDAsHex
from eventsourcing.utils import get_topic, resolve_topic

from idp.domain import (
    AlpElement,
    Idp,
    InvalidPlanContentError,
    Maintainer,
    Status,
)
from llwybr.eventstore import DateAsISO

from .plans import (
    ELEMENT,
    busy_plan,
    state,
)

#: Every event a plan has ever stored, by the name in its topic (``idp.domain.plan:Idp.<name>``).
STORED = (
    "Opened", "Section1Set", "OnePageProfileSet", "AlnDescriptionSet", "AlpElementAdded",
    "AlpElementAmended", "AlpElementRemoved", "WelshLanguageDecisionSet", "LaExtrasSet",
    "Section3Set", "LacDetailsSet", "Issued", "Revised", "RevisionDirected", "RevisionOrdered",
    "ReviewRequested", "ReviewRequestDeclined", "ReviewHeld", "NhsAlpAdded", "Transferred",
    "FeiAsked", "FeiAnswered", "CeaseProposed", "CeaseProposalWithdrawn", "Ceased",
    "Reinstated", "Closed", "DeliveryRecorded", "ProvisionShortfallFound",
    "ProvisionShortfallEnded", "NoticeGiven", "GivenNoticeBounced", "DeadlineRecalculated",
)  # fmt: skip


def mapper() -> Mapper[uuid.UUID]:
    """The store's mapping of events to JSON (the transcodings the service registers)."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    return Mapper(transcoder=transcoder)


# -- values and replay --------------------------------------------------------------------


def test_values_round_trip_through_dicts_and_accept_iso_strings() -> None:
    data = ELEMENT.as_dict()
    assert data["provider_kind"] == "school"
    assert AlpElement.from_dict(data) == ELEMENT
    as_json = {**data, "start_on": "2026-04-13", "review_or_end_on": "2026-12-18"}
    assert AlpElement.from_dict(as_json) == ELEMENT
    with pytest.raises(InvalidPlanContentError, match="kind"):
        Maintainer.from_dict({"kind": "academy", "organisation": "x"})
    with pytest.raises(InvalidPlanContentError, match="before it starts"):
        replace(ELEMENT, review_or_end_on=date(2026, 1, 1))


def test_replaying_the_events_rebuilds_the_same_plan() -> None:
    idp = busy_plan()
    replayed: Idp | None = None
    for e in idp.collect_events():
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Idp)
    assert state(replayed) == state(idp)
    assert replayed.issued_version(1) == idp.issued_version(1)


def test_every_event_survives_the_stores_json_transcoding() -> None:
    store = mapper()
    idp = busy_plan()
    replayed: Idp | None = None
    for e in idp.collect_events():
        decoded = store.to_domain_event(store.to_stored_event(e))
        assert isinstance(decoded, Aggregate.Event)
        replayed = decoded.mutate(replayed)
    assert isinstance(replayed, Idp)
    assert state(replayed) == state(idp)
    assert replayed.status is Status.CEASED


def test_every_stored_event_says_which_day_it_takes_effect() -> None:
    from idp.domain.dates import IN_FORCE
    from llwybr.in_force import unmapped

    assert unmapped([Idp], IN_FORCE) == []


# -- stored topics ------------------------------------------------------------------------


def test_every_event_is_a_class_stored_under_the_topic_it_always_had() -> None:
    events = {
        name
        for name, value in vars(Idp).items()
        if isinstance(value, type) and issubclass(value, Aggregate.Event)
    } - {"Event", "Created"}
    assert events == set(STORED)
    for name in STORED:
        topic = f"idp.domain.plan:Idp.{name}"
        assert get_topic(getattr(Idp, name)) == topic
        assert resolve_topic(topic) is getattr(Idp, name)


def test_every_event_of_a_plan_names_its_learner() -> None:
    events = busy_plan().collect_events()
    assert {type(e).__name__ for e in events} >= {"Opened", "Issued", "Transferred", "Ceased"}
    assert {getattr(e, "learner_id", None) for e in events} == {"l-1"}


def test_events_stored_before_the_learner_and_the_maintainer_before_were_carried_replay() -> None:
    store = mapper()
    idp = busy_plan()
    replayed: Idp | None = None
    for e in idp.collect_events():
        stored = store.to_stored_event(e)
        old: dict[str, Any] = store.transcoder.decode(stored.state)
        if type(e).__name__ != "Opened":
            del old["learner_id"]
        old.pop("from_maintainer", None)
        decoded = store.to_domain_event(replace(stored, state=store.transcoder.encode(old)))
        assert getattr(decoded, "learner_id", None) in {"", "l-1"}
        assert isinstance(decoded, Aggregate.Event)
        replayed = decoded.mutate(replayed)
    assert isinstance(replayed, Idp)
    assert state(replayed) == state(idp)
