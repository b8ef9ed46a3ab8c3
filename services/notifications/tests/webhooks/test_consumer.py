"""The ``webhooks`` consumer's effect: public events to pending deliveries, read as contracts."""

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from contracts.events import UnknownEventTypeError
from llwybr import db, migrations
from llwybr.consumer import UNPROCESSABLE
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.webhooks import store
from notifications.webhooks.consumer import fan_out
from notifications.webhooks.sealing import Sealer
from notifications.webhooks.tables import webhook_audiences, webhook_deliveries

from .support import concern_raised

SCHOOL = "school:6652001"
CONCERN = "wales.aln.determination.concern-raised.v1"


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


def counts(engine: sa.Engine) -> tuple[int, int]:
    """How many deliveries, and how many organisations in case audiences."""
    with engine.connect() as conn:
        deliveries, audiences = (
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (webhook_deliveries, webhook_audiences)
        )
    return deliveries, audiences


def test_an_event_of_its_case_becomes_one_delivery_to_its_audience(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        fan_out(conn, concern_raised(SCHOOL))
    assert counts(engine) == (1, 2)  # the school and its LA are the case's audience


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
    assert counts(engine) == (0, 0)  # set aside by the consumer, not delivered
