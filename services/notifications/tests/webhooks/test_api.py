"""The webhooks API and dispatcher in embedded mode (SQLite, the in-process bus), against a
real receiver on loopback."""

import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi import FastAPI
from pydantic import SecretStr
from standardwebhooks.webhooks import Webhook

from llwybr.bus import InProcessBus
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually
from notifications.main import create_app
from notifications.settings import Settings
from notifications.webhooks.addresses import parse_networks
from notifications.webhooks.settings import WebhookSettings
from notifications.webhooks.signing import verify

from .support import Receiver, concern_raised
from .support import receiver as receiver  # the fixture

SCHOOL, OTHER_SCHOOL = "school:6652001", "school:6652002"
CONCERN = "wales.aln.determination.concern-raised.v1"
DECIDED = "wales.aln.determination.decided.v1"
#: The receivers are on loopback, which only an allowed network lets webhooks reach.
FAST = WebhookSettings(
    backoff_base_seconds=0.05,
    backoff_max_seconds=0.2,
    max_attempts=3,
    poll_seconds=0.05,
    allowed_networks=["127.0.0.0/8"],
)


@dataclass
class Service:
    client: httpx.AsyncClient
    bus: InProcessBus
    app: FastAPI

    async def call(self, organisation: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.request(method, url, auth=ActingAs(organisation), **kwargs)

    async def subscribe(self, organisation: str, url: str, *types: str) -> dict[str, Any]:
        body = {"url": url, "event_types": list(types or (CONCERN,))}
        response = await self.call(organisation, "POST", "/v1/webhooks", json=body)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with started(tmp_path) as running:
        yield running


async def test_a_subscription_shows_its_secret_once(service: Service) -> None:
    response = await service.call(SCHOOL, "POST", "/v1/webhooks", json={
        "url": "https://1.1.1.1/hooks", "event_types": [DECIDED, CONCERN, CONCERN],
        "description": "Ysgol MIS"})  # fmt: skip
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["secret"].startswith("whsec_")  # as Standard Webhooks' libraries take it
    assert response.headers["location"] == f"/v1/webhooks/{created['id']}"
    assert response.headers["etag"] == '"1"'
    assert response.headers["cache-control"] == "no-store"
    assert created["organisation"] == SCHOOL
    assert created["event_types"] == [CONCERN, DECIDED]
    assert created["status"] == "active"
    fetched = await service.call(SCHOOL, "GET", f"/v1/webhooks/{created['id']}")
    assert fetched.status_code == 200
    assert "secret" not in fetched.json()
    assert fetched.json() == {k: v for k, v in created.items() if k != "secret"}


@contextlib.asynccontextmanager
async def started(tmp_path: Path, **webhook_settings: Any) -> AsyncIterator[Service]:
    """The service on ``tmp_path`` with these webhook settings (a restart keeps its SQLite
    file)."""
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    webhooks = FAST.model_copy(update=webhook_settings)
    bus = InProcessBus()
    app = create_app(Settings(runtime=runtime, webhooks=webhooks), bus)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://n") as client:
            yield Service(client, bus, app)


async def test_with_a_key_the_secret_is_stored_encrypted_and_keys_can_rotate(
    tmp_path: Path, receiver: Receiver
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    async with started(tmp_path, secret_keys=SecretStr(old)) as service:
        subscription = await service.subscribe(SCHOOL, receiver.url)
    stored = (tmp_path / "notifications" / "state.sqlite").read_bytes()
    assert subscription["secret"].encode() not in stored

    async with started(tmp_path, secret_keys=SecretStr(new)) as service:  # the old key is gone
        await service.bus.publisher().publish([concern_raised(SCHOOL)])

        async def failed() -> bool:
            found = await deliveries(service, subscription)
            return bool(found) and "not signed" in (found[0]["last_error"] or "")

        await eventually(failed, timeout=10)
        assert receiver.requests == [], "never sent unsigned"

    both = SecretStr(f"{new},{old}")  # the new key, and the old one to read
    async with started(tmp_path, secret_keys=both) as service:
        await service.bus.publisher().publish([concern_raised(SCHOOL)])
        await eventually(lambda: len(receiver.requests) >= 1, timeout=10)
    header = receiver.requests[0].headers["llwybr-signature"]
    assert verify(subscription["secret"], header, receiver.requests[0].body, int(time.time()))
    Webhook(subscription["secret"]).verify(receiver.requests[0].body, receiver.requests[0].headers)


async def test_subscriptions_are_listed_by_page(service: Service) -> None:
    ids = sorted([(await service.subscribe(SCHOOL, f"https://1.1.1.1/{n}"))["id"]
                  for n in range(3)])  # fmt: skip
    await service.subscribe(OTHER_SCHOOL, "https://1.0.0.1/hooks")
    first = (await service.call(SCHOOL, "GET", "/v1/webhooks", params={"limit": 2})).json()
    assert [s["id"] for s in first["items"]] == ids[:2]
    rest = await service.call(
        SCHOOL, "GET", "/v1/webhooks", params={"limit": 2, "after": first["next_after"]}
    )
    assert [s["id"] for s in rest.json()["items"]] == ids[2:]
    assert rest.json()["next_after"] is None


async def test_another_organisation_finds_nothing_of_it(service: Service) -> None:
    created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
    base = f"/v1/webhooks/{created['id']}"
    for method, url, body in [
        ("GET", base, None),
        ("PATCH", base, {"status": "paused"}),
        ("DELETE", base, None),
        ("POST", f"{base}/secret-rotation", None),
        ("GET", f"{base}/deliveries", None),
    ]:
        response = await service.call(OTHER_SCHOOL, method, url, json=body)
        assert response.status_code == 404, (method, url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    listed = await service.call(OTHER_SCHOOL, "GET", "/v1/webhooks")
    assert listed.json()["items"] == []
    unchanged = (await service.call(SCHOOL, "GET", base)).json()
    assert unchanged["status"] == "active"
    assert unchanged["version"] == 1


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"url": "http://1.1.1.1/hooks", "event_types": [CONCERN]}, "invalid-webhook-url"),
        ({"url": "https://1.1.1.1/h", "event_types": ["wales.aln.x.v1"]},
         "event-type-not-offered"),
        ({"url": "https://1.1.1.1/h", "event_types": [CONCERN], "secret": "mine"},
         "validation"),
        ({"url": "https://1.1.1.1/h", "event_types": []}, "validation"),
        ({"url": "https://1.1.1.1/h\r\nX-A: b", "event_types": [CONCERN]}, "invalid-webhook-url"),
        ({"url": "https://1.1.1.1:0/h", "event_types": [CONCERN]}, "invalid-webhook-url"),
        ({"url": "https://1.1.1.1/\x00h", "event_types": [CONCERN]}, "validation"),
        ({"url": "https://1.1.1.1/h", "event_types": [CONCERN], "description": "a\u202eb"},
         "validation"),
    ],
)  # fmt: skip
async def test_a_bad_subscription_is_a_problem_and_stores_nothing(
    service: Service, body: dict[str, Any], kind: str
) -> None:
    response = await service.call(SCHOOL, "POST", "/v1/webhooks", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["type"].endswith(f"/{kind}")
    assert (await service.call(SCHOOL, "GET", "/v1/webhooks")).json()["items"] == []


async def test_an_auditor_has_no_webhooks(service: Service) -> None:
    response = await service.call("auditor:665", "GET", "/v1/webhooks")
    assert response.status_code == 403
    assert response.json()["type"].endswith("/not-a-subscriber")


async def test_a_subscription_is_paused_changed_and_resumed_with_if_match(
    service: Service,
) -> None:
    created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
    url = f"/v1/webhooks/{created['id']}"
    paused = await service.call(
        SCHOOL, "PATCH", url, json={"status": "paused", "event_types": [DECIDED]},
        headers={"If-Match": '"1"'},
    )  # fmt: skip
    assert paused.status_code == 200, paused.text
    assert (paused.json()["status"], paused.json()["event_types"]) == ("paused", [DECIDED])
    assert paused.headers["etag"] == '"2"'
    stale = await service.call(SCHOOL, "PATCH", url, json={"status": "active"},
                               headers={"If-Match": '"1"'})  # fmt: skip
    assert stale.status_code == 412
    refused = await service.call(SCHOOL, "PATCH", url, json={"status": "disabled"})
    assert refused.status_code == 422
    resumed = await service.call(
        SCHOOL, "PATCH", url, json={"status": "active", "url": "https://1.1.1.1/v2",
                                    "description": None},
    )  # fmt: skip
    assert resumed.json()["status"] == "active"
    assert resumed.json()["url"] == "https://1.1.1.1/v2"
    assert resumed.json()["version"] == 3


async def test_a_rotation_keeps_the_old_secret_for_the_grace_period(service: Service) -> None:
    created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
    url = f"/v1/webhooks/{created['id']}/secret-rotation"
    before = datetime.now(UTC)
    rotated = await service.call(SCHOOL, "POST", url)
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["secret"] != created["secret"]
    grace_ends = datetime.fromisoformat(rotated.json()["previous_secret_expires_at"])
    assert before + timedelta(days=1) <= grace_ends <= datetime.now(UTC) + timedelta(days=1)
    revoked = await service.call(SCHOOL, "POST", url, json={"grace_seconds": 0})
    assert revoked.json()["previous_secret_expires_at"] is None
    assert len({created["secret"], rotated.json()["secret"], revoked.json()["secret"]}) == 3


async def test_a_deleted_subscription_is_gone(service: Service) -> None:
    created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
    url = f"/v1/webhooks/{created['id']}"
    assert (await service.call(SCHOOL, "DELETE", url)).status_code == 204
    assert (await service.call(SCHOOL, "GET", url)).status_code == 404


async def test_an_unknown_delivery_is_not_found(service: Service) -> None:
    created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
    url = f"/v1/webhooks/{created['id']}/deliveries/00000000-0000-4000-8000-000000000000"
    assert (await service.call(SCHOOL, "GET", url)).status_code == 404
    assert (await service.call(SCHOOL, "POST", f"{url}/redelivery")).status_code == 404


async def test_a_cursor_past_the_database_range_is_refused(service: Service) -> None:
    """It was a 500: the database cannot compare an integer larger than a bigint."""
    created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
    url = f"/v1/webhooks/{created['id']}/deliveries"
    for before in (2**63, 2**70):
        response = await service.call(SCHOOL, "GET", url, params={"before": before})
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["location"] == ["query", "before"]
    assert (await service.call(SCHOOL, "GET", url, params={"before": 2**63 - 1})).status_code == 200


async def deliveries(service: Service, subscription: dict[str, Any], **params: Any) -> list[Any]:
    url = f"/v1/webhooks/{subscription['id']}/deliveries"
    response = await service.call(subscription["organisation"], "GET", url, params=params)
    assert response.status_code == 200, response.text
    items: list[Any] = response.json()["items"]
    return items


async def test_an_event_is_delivered_to_a_receiver_on_sqlite(
    service: Service, receiver: Receiver
) -> None:
    subscription = await service.subscribe(SCHOOL, receiver.url)
    event = concern_raised(SCHOOL)
    await service.bus.publisher().publish([event])
    await eventually(lambda: len(receiver.requests) == 1, timeout=10)

    async def delivered() -> bool:
        return [d["status"] for d in await deliveries(service, subscription)] == ["delivered"]

    await eventually(delivered, timeout=10)
    [request] = receiver.requests
    assert request.headers["content-type"] == "application/cloudevents+json"
    assert request.headers["llwybr-signature"].startswith("t=")
    assert json.loads(request.body)["id"] == event.id


async def test_410_gone_disables_the_subscription_until_it_is_resumed(
    service: Service, receiver: Receiver
) -> None:
    receiver.answering(410)
    subscription = await service.subscribe(SCHOOL, receiver.url)
    url = f"/v1/webhooks/{subscription['id']}"
    await service.bus.publisher().publish([concern_raised(SCHOOL)])

    async def disabled() -> bool:
        status: str = (await service.call(SCHOOL, "GET", url)).json()["status"]
        return status == "disabled"

    await eventually(disabled, timeout=10)
    view = (await service.call(SCHOOL, "GET", url)).json()
    assert "410 Gone" in view["disabled_reason"]
    [dead] = await deliveries(service, subscription)
    assert (dead["status"], dead["last_status_code"]) == ("dead", 410)
    # A disabled subscription gets no new deliveries; resumed, it does again.
    [consumer] = [c for c in service.app.state.consumers if c.name == "notifications.webhooks"]
    applied = consumer.applied
    await service.bus.publisher().publish([concern_raised(SCHOOL)])
    await eventually(lambda: consumer.applied == applied + 1, timeout=10)
    assert len(await deliveries(service, subscription)) == 1
    resumed = await service.call(SCHOOL, "PATCH", url, json={"status": "active"})
    assert (resumed.json()["status"], resumed.json()["disabled_reason"]) == ("active", None)
    await service.bus.publisher().publish([concern_raised(SCHOOL)])
    await eventually(lambda: len(receiver.requests) == 2, timeout=10)
    assert len(await deliveries(service, subscription)) == 2


async def test_a_receiver_too_slow_to_answer_is_a_failed_attempt(
    tmp_path: Path, receiver: Receiver
) -> None:
    receiver.delay = 2.0
    async with started(tmp_path, timeout_seconds=0.3, max_attempts=1) as service:
        subscription = await service.subscribe(SCHOOL, receiver.url)
        await service.bus.publisher().publish([concern_raised(SCHOOL)])

        async def dead() -> bool:
            return bool(await deliveries(service, subscription, status="dead"))

        await eventually(dead, timeout=10)
        [delivery] = await deliveries(service, subscription)
    assert delivery["last_status_code"] is None
    assert "Timeout" in delivery["last_error"] or "no answer" in delivery["last_error"]


@pytest.mark.parametrize(
    ("url", "kind", "says"),
    [
        ("https://localhost/hooks", "webhook-address-refused", "localhost resolves to"),
        ("https://127.0.0.1:8004/hooks", "webhook-address-refused", "loopback"),
        ("http://127.0.0.1:8004/hooks", "webhook-address-refused", "loopback"),
        ("https://169.254.169.254/latest/meta-data", "webhook-address-refused", "link-local"),
        ("https://10.96.0.1/hooks", "webhook-address-refused", "private"),
        ("https://192.168.0.10/hooks", "webhook-address-refused", "private"),
        ("https://100.64.0.1/hooks", "webhook-address-refused", "shared address space"),
        ("https://0.0.0.0/hooks", "webhook-address-refused", "unspecified"),
        ("https://[::1]/hooks", "webhook-address-refused", "loopback"),
        ("https://[fd00::1]/hooks", "webhook-address-refused", "private"),
        ("https://[fe80::1]/hooks", "webhook-address-refused", "link-local"),
        ("https://[::ffff:169.254.169.254]/hooks", "webhook-address-refused", "169.254.169.254"),
        ("https://[64:ff9b::a00:1]/hooks", "webhook-address-refused", "10.0.0.1"),
        ("https://224.0.0.1/hooks", "webhook-address-refused", "multicast"),
        ("https://nowhere.invalid/hooks", "webhook-host-unresolved", "does not resolve"),
        ("https://127.1/hooks", "invalid-webhook-url", "standard notation"),
    ],
)  # fmt: skip
async def test_a_url_reaching_inside_is_refused_and_nothing_is_stored(
    tmp_path: Path, url: str, kind: str, says: str
) -> None:
    async with started(tmp_path, allowed_networks=()) as service:
        body = {"url": url, "event_types": [CONCERN]}
        response = await service.call(SCHOOL, "POST", "/v1/webhooks", json=body)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"].endswith(f"/{kind}")
        assert says in response.json()["detail"]
        assert (await service.call(SCHOOL, "GET", "/v1/webhooks")).json()["items"] == []


async def test_a_change_to_a_url_reaching_inside_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    async with started(tmp_path, allowed_networks=()) as service:
        created = await service.subscribe(SCHOOL, "https://1.1.1.1/hooks")
        url = f"/v1/webhooks/{created['id']}"
        change = {"url": "https://169.254.169.254/latest", "event_types": [DECIDED]}
        refused = await service.call(SCHOOL, "PATCH", url, json=change)
        assert refused.status_code == 422, refused.text
        assert refused.json()["type"].endswith("/webhook-address-refused")
        unchanged = (await service.call(SCHOOL, "GET", url)).json()
        assert (unchanged["url"], unchanged["event_types"]) == ("https://1.1.1.1/hooks", [CONCERN])
        assert unchanged["version"] == 1


async def test_an_allowed_network_admits_a_receiver_in_it(tmp_path: Path) -> None:
    async with started(tmp_path, allowed_networks=parse_networks("10.20.0.0/16")) as service:
        allowed = await service.call(SCHOOL, "POST", "/v1/webhooks",
                                     json={"url": "https://10.20.1.2/hooks",
                                           "event_types": [CONCERN]})  # fmt: skip
        assert allowed.status_code == 201, allowed.text
        other = await service.call(SCHOOL, "POST", "/v1/webhooks",
                                   json={"url": "https://10.21.1.2/hooks",
                                         "event_types": [CONCERN]})  # fmt: skip
        assert other.status_code == 422
