"""The ``webhooks`` consumer's effect: public events to pending deliveries, read as contracts."""

import dataclasses
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from contracts import determination
from contracts.events import UnknownEventTypeError
from llwybr import db, migrations
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline
from llwybr.consumer import UNPROCESSABLE
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.notices import store as notices
from notifications.notices.intake import handler
from notifications.webhooks import store
from notifications.webhooks.consumer import fan_out
from notifications.webhooks.sealing import Sealer
from notifications.webhooks.tables import webhook_deliveries, webhook_subscriptions

from .support import concern_raised, decided, envelope, registered

SCHOOL = "school:6652001"
CONCERN = "wales.aln.determination.concern-raised.v1"
DECIDED = "wales.aln.determination.decided.v1"


@pytest.fixture
def engine(sqlite_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = db.create_engine(sqlite_settings)
    assert SPEC.migrations is not None
    migrations.upgrade(engine, SPEC.migrations)
    with engine.begin() as conn:
        store.create_subscription(
            conn, organisation=SCHOOL, url="https://mis.example.org/hooks", event_types=[CONCERN],
            description=None, sealed_secret=Sealer(None).seal("s"), actor="test",
            now=datetime.now(UTC),
        )  # fmt: skip
    yield engine
    engine.dispose()


def counts(engine: sa.Engine) -> int:
    """How many deliveries."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(webhook_deliveries)).scalar_one()


def test_an_event_of_its_case_becomes_one_delivery_to_its_deciding_body(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        fan_out(conn, concern_raised(SCHOOL))
    assert counts(engine) == 1


@pytest.mark.parametrize(
    ("event_type", "data"),
    [
        ("wales.aln.determination.concern-invented.v1", {"learner_id": "l1"}),
        (CONCERN, {"learner_id": "l1", "deciding_organisation": SCHOOL}),  # fields missing
    ],
)
def test_an_event_that_does_not_read_as_its_contract_is_refused_and_changes_nothing(
    engine: sa.Engine, event_type: str, data: dict[str, str]
) -> None:
    unreadable = dataclasses.replace(concern_raised(SCHOOL), type=event_type, data=data)
    with pytest.raises(UNPROCESSABLE) as refused, engine.begin() as conn:
        fan_out(conn, unreadable)
    assert isinstance(refused.value, UnknownEventTypeError | ValueError)
    assert counts(engine) == 0  # set aside by the consumer, not delivered


def subscribe(engine: sa.Engine, organisation: str, *event_types: str) -> None:
    with engine.begin() as conn:
        store.create_subscription(
            conn, organisation=organisation, url="https://mis.example.org/hooks",
            event_types=list(event_types or [CONCERN]), description=None,
            sealed_secret=Sealer(None).seal("s"), actor="test", now=datetime.now(UTC),
        )  # fmt: skip


def receivers(engine: sa.Engine) -> set[str]:
    subs, deliveries = webhook_subscriptions, webhook_deliveries
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(subs.c.organisation).join(
                deliveries, deliveries.c.subscription_id == subs.c.id
            )
        )
        return set(rows.scalars())


def test_a_learners_case_goes_to_those_the_policy_lets_read_it_not_by_number_range(
    engine: sa.Engine,
) -> None:
    """The LA whose number begins the school's establishment number, but which is neither
    responsible for the learner nor looking after them, gets nothing; the LA looking after
    (the registry's fact) and the responsible LA do."""
    for organisation in ("la:665", "la:666", "la:667"):
        subscribe(engine, organisation)
    concern = concern_raised(SCHOOL)
    with engine.begin() as conn:
        notices.adopt_registry(
            conn, registered(concern.data["learner_id"], "la:667", looking_after="la:666")
        )
        fan_out(conn, concern)
    assert receivers(engine) == {SCHOOL, "la:666", "la:667"}


def test_a_learners_case_unknown_to_the_registry_goes_to_its_deciding_body_only(
    engine: sa.Engine,
) -> None:
    subscribe(engine, "la:665")
    with engine.begin() as conn:
        fan_out(conn, concern_raised(SCHOOL))
    assert receivers(engine) == {SCHOOL}


def test_the_registrys_facts_fanned_out_first_are_adopted_by_the_webhooks_consumer_itself(
    engine: sa.Engine,
) -> None:
    """A learner's events are in order on their key: the LA looking after receives the case's
    next event even if the notices consumer has not applied the facts yet."""
    subscribe(engine, "la:666")
    concern = concern_raised(SCHOOL)
    facts = registered(concern.data["learner_id"], "la:667", looking_after="la:666")
    with engine.begin() as conn:
        fan_out(conn, envelope(facts, uuid.uuid4()))
        fan_out(conn, concern)
    assert receivers(engine) == {SCHOOL, "la:666"}


@pytest.mark.parametrize("notices_consumer", [True, False], ids=["both", "webhooks-ahead"])
def test_a_health_board_asked_for_evidence_receives_the_cases_events_from_then_on(
    engine: sa.Engine, notices_consumer: bool
) -> None:
    """Asked for evidence, it is related to the learner as ``health_body`` (ADR 0015), as by a
    referral: with both consumers applying each event, or the webhooks one ahead."""
    subscribe(engine, "lhb:7A1", DECIDED)
    concern = concern_raised(SCHOOL)
    asked = determination.EvidenceRequested(
        determination_id=concern.data["determination_id"], learner_id=concern.subject,
        request_id="r1", from_organisation="lhb:7A1", requested_on=date(2026, 3, 5),
    )  # fmt: skip
    with engine.begin() as conn:
        for event in (
            concern,
            envelope(asked, uuid.UUID(concern.aggregate_id), 2),
            decided(concern, 3),
        ):
            if notices_consumer:
                handler(5)(conn, event)
            fan_out(conn, event)
    assert receivers(engine) == {SCHOOL, "lhb:7A1"}


def test_a_provisional_deadline_reaches_the_webhook_as_provisional(engine: sa.Engine) -> None:
    concern = concern_raised(SCHOOL)
    facts = compute_deadline(DEFAULT_RULES, RuleId.D1, date(2026, 6, 15))  # no term calendar
    data = {**concern.data, "decision_deadline": facts.as_dict()}
    with engine.begin() as conn:
        fan_out(conn, dataclasses.replace(concern, data=data))
    with engine.connect() as conn:
        payload = conn.execute(sa.select(webhook_deliveries.c.payload)).scalar_one()
    sent = json.loads(payload)["data"]["decision_deadline"]
    assert (sent["provisional"], sent["due_on"]) == (True, "2026-08-03")


def delivered(engine: sa.Engine) -> dict[str, tuple[str, str]]:
    """Each subscriber's delivery: its CloudEvent type and the LA its data names."""
    subs, deliveries = webhook_subscriptions, webhook_deliveries
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(subs.c.organisation, deliveries.c.event_type, deliveries.c.payload).join(
                deliveries, deliveries.c.subscription_id == subs.c.id
            )
        )
        return {
            r.organisation: (
                json.loads(r.payload)["type"],
                json.loads(r.payload)["data"]["local_authority"],
            )
            for r in rows
        }


def test_a_subscription_to_version_1_receives_version_2_as_version_1(engine: sa.Engine) -> None:
    """Issue 20: ``concern-raised`` v2 names the LA ``la:665``; a receiver subscribed to v1
    before it existed still receives v1 (its type, the bare number), one subscribed to v2 or
    to both receives v2 only, once."""
    subscribe(engine, "la:665", CONCERN.replace(".v1", ".v2"))
    subscribe(engine, "la:667", CONCERN, CONCERN.replace(".v1", ".v2"))
    concern = concern_raised(SCHOOL)
    assert concern.type == CONCERN.replace(".v1", ".v2")
    with engine.begin() as conn:
        notices.adopt_registry(conn, registered(concern.data["learner_id"], "la:667"))
        fan_out(conn, concern)
    assert delivered(engine) == {
        SCHOOL: (CONCERN, "665"),
        "la:667": (CONCERN.replace(".v1", ".v2"), "la:665"),
    }
