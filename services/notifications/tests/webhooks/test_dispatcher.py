"""The dispatcher's SSRF guard at delivery time, against real receivers on loopback: over TLS
with a certificate for a host name, reached at the address the guard checked."""

import ipaddress
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook

from llwybr import db, migrations
from llwybr.settings import ServiceSettings
from notifications.main import SPEC
from notifications.webhooks import store
from notifications.webhooks.addresses import IPAddress, parse_networks
from notifications.webhooks.consumer import fan_out
from notifications.webhooks.dispatcher import Dispatcher
from notifications.webhooks.sealing import Sealer
from notifications.webhooks.settings import WebhookSettings
from notifications.webhooks.signing import verify
from notifications.webhooks.tables import webhook_deliveries

from .support import Certificates, Receiver, concern_raised, issue_certificates, serving
from .support import receiver as receiver  # the fixture

SCHOOL = "school:6652001"
CONCERN = "wales.aln.determination.concern-raised.v1"
SECRET = "a-test-secret-of-the-subscription"
LOOPBACK = parse_networks("127.0.0.0/8")
ONCE = WebhookSettings(max_attempts=1, allowed_networks=LOOPBACK)


@dataclass
class Resolver:
    """DNS as a test states it: each name's addresses, and every question asked."""

    answers: dict[str, list[str]]
    asked: list[str]

    async def __call__(self, host: str, port: int) -> Sequence[IPAddress]:
        self.asked.append(host)
        if host not in self.answers:
            raise OSError(f"{host} is not known")
        return [ipaddress.ip_address(a) for a in self.answers[host]]


@pytest.fixture
def engine(sqlite_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = db.create_engine(sqlite_settings)
    assert SPEC.migrations is not None
    migrations.upgrade(engine, SPEC.migrations)
    yield engine
    engine.dispose()


@pytest.fixture
def certificates(tmp_path: Path) -> Certificates:
    return issue_certificates(tmp_path, "hooks.test")


@pytest.fixture
async def tls_receiver(certificates: Certificates) -> AsyncIterator[Receiver]:
    async with serving(Receiver(), certificates) as app:
        yield app


def subscribe_and_raise(engine: sa.Engine, url: str) -> str:
    """A subscription to ``url`` (stored as the API would after its check) with one pending
    delivery; the subscription's id."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        view = store.create_subscription(
            conn, organisation=SCHOOL, url=url, event_types=[CONCERN], description=None,
            sealed_secret=Sealer(None).seal(SECRET), actor="test", now=now,
        )  # fmt: skip
        fan_out(conn, concern_raised(SCHOOL))
    return view.id


def only_delivery(engine: sa.Engine, subscription_id: str) -> store.DeliveryView:
    with engine.connect() as conn:
        [found] = store.list_deliveries(
            conn, SCHOOL, subscription_id, status=None, limit=10, before=None
        )
        return store.get_delivery(conn, SCHOOL, subscription_id, found.id)


def finished_at(engine: sa.Engine, delivery_id: str) -> datetime | None:
    with engine.connect() as conn:
        moment = conn.execute(
            sa.select(webhook_deliveries.c.finished_at).where(
                webhook_deliveries.c.id == delivery_id
            )
        ).scalar_one()
    return moment.replace(tzinfo=UTC) if moment is not None else None


async def test_a_tls_receiver_is_reached_at_the_checked_address_and_verified_by_name(
    engine: sa.Engine, tls_receiver: Receiver, certificates: Certificates
) -> None:
    # hooks.test is in no DNS: only the guard's resolver knows it, so the request can only
    # have reached the receiver at the address the guard checked.
    url = f"https://hooks.test:{tls_receiver.port}/hooks?tenant=7"
    subscription_id = subscribe_and_raise(engine, url)
    dns = Resolver({"hooks.test": ["127.0.0.1"]}, [])
    async with httpx.AsyncClient(verify=certificates.client_context(), trust_env=False) as client:
        assert await Dispatcher(engine, ONCE, client, resolver=dns).dispatch_due() == 1
    delivery = only_delivery(engine, subscription_id)
    assert (delivery.status, delivery.last_status_code) == ("delivered", 200)
    assert finished_at(engine, delivery.id) == delivery.delivered_at  # its retention starts
    [request] = tls_receiver.requests
    assert request.path == "/hooks"
    assert request.headers["host"] == f"hooks.test:{tls_receiver.port}"
    assert tls_receiver.server_names == ["hooks.test"]  # the SNI the client sent
    assert dns.asked == ["hooks.test"]
    verify(SECRET, request.headers["llwybr-signature"], request.body, int(time.time()))
    Webhook(SECRET.encode()).verify(request.body, request.headers)  # a secret from before whsec_


async def test_a_certificate_for_another_name_fails_the_attempt(
    engine: sa.Engine, tls_receiver: Receiver, certificates: Certificates
) -> None:
    """The address is pinned, but the certificate is still checked against the URL's name."""
    subscription_id = subscribe_and_raise(engine, f"https://other.test:{tls_receiver.port}/h")
    dns = Resolver({"other.test": ["127.0.0.1"]}, [])
    async with httpx.AsyncClient(verify=certificates.client_context(), trust_env=False) as client:
        await Dispatcher(engine, ONCE, client, resolver=dns).dispatch_due()
    delivery = only_delivery(engine, subscription_id)
    assert (delivery.status, delivery.last_status_code) == ("dead", None)
    assert "CERTIFICATE_VERIFY_FAILED" in (delivery.last_error or "")
    assert "other.test" in (delivery.last_error or "")
    assert tls_receiver.requests == []


async def test_a_name_that_now_resolves_inside_is_refused_at_delivery(
    engine: sa.Engine, receiver: Receiver
) -> None:
    """Rebinding: the name was public when subscribed; at delivery time it resolves to the
    loopback receiver, which no network allows here, so nothing is sent."""
    url = f"http://hooks.test:{receiver.port}/hooks"
    subscription_id = subscribe_and_raise(engine, url)
    settings = WebhookSettings(max_attempts=2)
    dns = Resolver({"hooks.test": ["1.1.1.1", "127.0.0.1"]}, [])
    async with httpx.AsyncClient(trust_env=False) as client:
        # No back-off (the jitter draws 0), so the retry is due at once.
        dispatcher = Dispatcher(engine, settings, client, resolver=dns, random=lambda: 0.0)
        await dispatcher.dispatch_due()
        pending = only_delivery(engine, subscription_id)
        assert (pending.status, pending.attempts) == ("pending", 1)  # retried like a failure
        await dispatcher.dispatch_due()
    delivery = only_delivery(engine, subscription_id)
    assert receiver.requests == []
    assert (delivery.status, delivery.attempts) == ("dead", 2)
    assert delivery.history is not None
    assert finished_at(engine, delivery.id) == delivery.history[-1].attempted_at
    assert delivery.last_error == (
        "refused: hooks.test resolves to 127.0.0.1, which is loopback: webhooks are only sent "
        "to public addresses (an operator can allow a network with "
        "NOTIFICATIONS_WEBHOOKS_ALLOWED_NETWORKS)"
    )
    assert delivery.history is not None
    assert [a.error for a in delivery.history] == [delivery.last_error] * 2


async def test_a_name_that_no_longer_resolves_is_a_failed_attempt(
    engine: sa.Engine, receiver: Receiver
) -> None:
    subscription_id = subscribe_and_raise(engine, f"http://gone.test:{receiver.port}/hooks")
    async with httpx.AsyncClient(trust_env=False) as client:
        await Dispatcher(engine, ONCE, client, resolver=Resolver({}, [])).dispatch_due()
    delivery = only_delivery(engine, subscription_id)
    assert delivery.status == "dead"
    assert (delivery.last_error or "").startswith("refused: gone.test does not resolve")
    assert receiver.requests == []


async def test_a_refused_connection_moves_on_to_the_next_checked_address(
    engine: sa.Engine, receiver: Receiver
) -> None:
    url = f"http://hooks.test:{receiver.port}/hooks"
    subscription_id = subscribe_and_raise(engine, url)
    # Nothing listens on 127.0.0.2 at that port; the receiver is bound to 127.0.0.1.
    dns = Resolver({"hooks.test": ["127.0.0.2", "127.0.0.1"]}, [])
    async with httpx.AsyncClient(trust_env=False) as client:
        await Dispatcher(engine, ONCE, client, resolver=dns).dispatch_due()
    assert only_delivery(engine, subscription_id).status == "delivered"
    [request] = receiver.requests
    assert request.headers["host"] == f"hooks.test:{receiver.port}"


async def test_a_redirect_is_not_followed(engine: sa.Engine, receiver: Receiver) -> None:
    receiver.answering(307)
    subscription_id = subscribe_and_raise(engine, f"http://127.0.0.1:{receiver.port}/hooks")
    async with httpx.AsyncClient(trust_env=False, follow_redirects=True) as client:
        await Dispatcher(engine, ONCE, client).dispatch_due()
    delivery = only_delivery(engine, subscription_id)
    assert (delivery.status, delivery.last_status_code) == ("dead", 307)
    assert len(receiver.requests) == 1
