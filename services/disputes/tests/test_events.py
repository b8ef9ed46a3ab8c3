"""The disputes aggregates' events: values round trip, replays rebuild the same state, stored
events keep their topics and load, and each says which day it takes effect."""

import uuid
from collections.abc import Callable

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, UUIDAsHex
from eventsourcing.utils import get_topic, resolve_topic

from disputes.domain import (
    Advocacy,
    Appeal,
    DisagreementResolution,
    DisputesError,
    IdpRevision,
    InvalidValueError,
    Order,
    OrderKind,
    Recommendation,
    Reconsideration,
)
from disputes.domain.dates import IN_FORCE
from disputes.domain.notices import FamilyNotices
from llwybr.eventstore import DateAsISO
from llwybr.in_force import unmapped
from llwybr.rule_table import RuleTableInForce

from .domain_cases import (
    IDP_ID,
    LA,
    MATCHING,
    RECOMMENDATION,
    REVISE,
    SCHOOL,
    as_stored_before,
    busy_appeal,
    busy_reconsideration,
    state,
)


def test_values_round_trip_through_dicts_and_accept_iso_strings() -> None:
    data = REVISE.as_dict()
    assert data["kind"] == "revise_idp"
    assert Order.from_dict(data) == REVISE
    assert Order.from_dict({**data, "comply_by": "2026-08-24"}) == REVISE
    assert Recommendation.from_dict(RECOMMENDATION.as_dict()) == RECOMMENDATION
    revision = IdpRevision.from_dict({**MATCHING, "idp_id": IDP_ID})
    assert revision.matches
    assert IdpRevision.from_dict(revision.as_dict()) == revision
    with pytest.raises(InvalidValueError):
        Order("o3", OrderKind.REVISE_IDP, SCHOOL, "w", None)
    with pytest.raises(InvalidValueError):
        Recommendation("r2", LA, "w", None)
    assert issubclass(InvalidValueError, DisputesError)


@pytest.mark.parametrize("build", [busy_reconsideration, busy_appeal])
def test_replaying_the_events_rebuilds_the_same_state(build: Callable[[], Aggregate]) -> None:
    original = build()
    replayed: Aggregate | None = None
    for e in original.collect_events():
        replayed = e.mutate(replayed)
    assert replayed is not None
    assert type(replayed) is type(original)
    assert state(replayed) == state(original)


@pytest.mark.parametrize("build", [busy_reconsideration, busy_appeal])
def test_every_event_survives_the_stores_json_transcoding(build: Callable[[], Aggregate]) -> None:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    mapper: Mapper[uuid.UUID] = Mapper(transcoder=transcoder)
    original = build()
    replayed: Aggregate | None = None
    for e in original.collect_events():
        decoded = mapper.to_domain_event(mapper.to_stored_event(e))
        assert isinstance(decoded, Aggregate.Event)
        replayed = decoded.mutate(replayed)
    assert replayed is not None
    assert state(replayed) == state(original)


def test_every_stored_event_says_which_day_it_takes_effect() -> None:
    aggregates: list[type[Aggregate]] = [
        Reconsideration, Appeal, DisagreementResolution, Advocacy, FamilyNotices,
        RuleTableInForce,
    ]  # fmt: skip
    assert unmapped(aggregates, IN_FORCE) == []


#: The topics the store has always recorded: a class renamed or moved would orphan them.
STORED_TOPICS = {
    f"disputes.domain.{module}:{aggregate}.{name}"
    for module, aggregate, names in [
        ("reconsideration", "Reconsideration", "Requested RepresentationsInvited "
         "RepresentationsReceived Decided NoticeIssued DisagreementResolutionStarted"),
        ("appeal", "Appeal", "Lodged Acknowledged CaseStatementFiled HearingScheduled Decided "
         "ReviewRequested CapacityDeclared CaseFriendAppointed CaseFriendRemoved "
         "ComplianceRecorded RecommendationReported Closed"),
        ("disagreement", "DisagreementResolution", "Opened AppealWindowRecalculated Concluded"),
        ("disagreement", "Advocacy", "Requested Provided Ended"),
        ("notices", "FamilyNotices", "Started Given NotGiven"),
    ]
    for name in names.split()
}  # fmt: skip


def test_every_event_class_keeps_its_stored_topic() -> None:
    found = {get_topic(event_class) for event_class in IN_FORCE}
    # the shared record of the rule table in force keeps the runtime's topics (llwybr's tests)
    assert found - {get_topic(e) for e in (RuleTableInForce.Started, RuleTableInForce.Adopted)} == (
        STORED_TOPICS
    )
    for topic in STORED_TOPICS:
        assert get_topic(resolve_topic(topic)) == topic


@pytest.mark.parametrize("build", [busy_reconsideration, busy_appeal])
def test_events_stored_before_they_carried_the_cases_facts_still_replay(
    build: Callable[[], Aggregate],
) -> None:
    original = build()
    replayed: Aggregate | None = None
    for e in original.collect_events():
        replayed = as_stored_before(e).mutate(replayed)
    assert replayed is not None
    assert state(replayed) == state(original)
