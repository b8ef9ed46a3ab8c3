"""The public API end to end in embedded mode: tokens, scopes, routing, problems, audit."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from gateway import store
from gateway.main import create_app
from gateway.ratelimit import RateLimiter
from gateway.settings import Settings
from gateway.tokens import SigningKey, hash_secret
from llwybr.settings import RuntimeSettings

SCHOOL = "school:6652001"
CONCERN = {
    "learner": {"given_name": "Cerys", "family_name": "Jones", "date_of_birth": "2017-05-02",
                "setting": "maintained_school", "setting_id": "6652001", "local_authority": "665"},
    "raised_by": SCHOOL, "raised_with": SCHOOL, "came_to_attention_on": "2026-03-02",
}  # fmt: skip


class Gateway:
    """A started gateway and a way to act as each development client."""

    def __init__(
        self, client: httpx.AsyncClient, var_dir: Path, app: FastAPI | None = None
    ) -> None:
        self.client = client
        self.app = app
        self.var_dir = var_dir
        credentials = json.loads((var_dir / "gateway" / "dev-credentials.json").read_text())
        self.credentials = {c["organisation"]: c for c in credentials}
        self.tokens: dict[str, str] = {}

    async def token(self, organisation: str) -> str:
        if organisation not in self.tokens:
            c = self.credentials[organisation]
            response = await self.client.post(
                "/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(c["client_id"], c["client_secret"]),
            )
            assert response.status_code == 200, response.text
            self.tokens[organisation] = response.json()["access_token"]
        return self.tokens[organisation]

    async def as_(self, organisation: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {await self.token(organisation)}"}
        headers.update(kwargs.pop("headers", {}))
        return await self.client.request(method, url, headers=headers, **kwargs)


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    app = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield Gateway(client, tmp_path, app)


async def test_embedded_mode_runs_every_service_behind_the_gateway(
    gateway: Gateway, tmp_path: Path
) -> None:
    assert (await gateway.client.get("/readyz")).json()["checks"]["database"] == "ok"
    response = await gateway.client.get("/readyz/services")
    assert response.status_code == 200
    services = response.json()["services"]
    assert set(services) == {"determination", "idp", "disputes", "notifications"}
    assert all(s["status"] == "ready" for s in services.values())
    assert (tmp_path / "determination" / "events.sqlite").exists()


async def test_the_openapi_document_covers_the_services_public_routes(gateway: Gateway) -> None:
    document = (await gateway.client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    for path in ("/v1/determinations", "/v1/determinations/{determination_id}/decision",
                 "/v1/calendars/{calendar_id}", "/oauth/token", "/v1/access-audit"):  # fmt: skip
        assert path in paths
    assert (await gateway.client.get("/docs")).status_code == 200


async def test_a_determination_is_raised_and_read_through_the_gateway(gateway: Gateway) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    assert created.status_code == 201, created.text
    assert created.headers["etag"] == '"1"'
    fetched = await gateway.as_(SCHOOL, "GET", created.headers["location"])
    assert fetched.json()["status"] == "gathering_information"
    assert fetched.json()["raised_by"] == SCHOOL


async def test_a_request_without_a_token_is_401(gateway: Gateway) -> None:
    response = await gateway.client.get("/v1/determinations")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_a_forged_token_is_401(gateway: Gateway) -> None:
    token = await gateway.token(SCHOOL)
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    response = await gateway.client.get(
        "/v1/determinations", headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401


async def test_a_scope_the_client_lacks_is_403(gateway: Gateway) -> None:
    response = await gateway.as_("lhb:7A1", "POST", "/v1/determinations", json=CONCERN)
    assert response.status_code == 403
    assert response.json()["type"].endswith("/insufficient-scope")


async def test_a_services_problem_passes_through_the_gateway_unchanged(gateway: Gateway) -> None:
    response = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json={"learner": {}})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == "/v1/determinations"


async def post_twice(
    gateway: Gateway, path: str, body: dict[str, Any], headers: dict[str, str]
) -> tuple[httpx.Response, httpx.Response]:
    """The same POST sent twice, one after the other, as the school."""
    first = await gateway.as_(SCHOOL, "POST", path, json=body, headers=headers)
    return first, await gateway.as_(SCHOOL, "POST", path, json=body, headers=headers)


async def test_the_same_post_twice_with_one_idempotency_key_creates_one_case(
    gateway: Gateway,
) -> None:
    headers = {"Idempotency-Key": "sync-2026-03-02-0001"}
    first, again = await post_twice(gateway, "/v1/determinations", CONCERN, headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert json.loads(idempotency_record(gateway, "sync-2026-03-02-0001")["body"]) == first.json()
    other = {**CONCERN, "came_to_attention_on": "2026-03-03"}
    clash = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=other, headers=headers)
    assert clash.status_code == 422
    assert clash.json()["type"].endswith("/idempotency")


HOOK = {"url": "https://1.1.1.1/hooks", "event_types": ["wales.aln.idp.issued.v1"]}


def idempotency_record(gateway: Gateway, key: str) -> dict[str, Any]:
    """The gateway's own record of an Idempotency-Key, read from its table."""
    assert gateway.app is not None
    with gateway.app.state.engine.connect() as conn:
        row = conn.execute(sa.select(store.idempotency).where(store.idempotency.c.key == key))
        return dict(row.one()._mapping)


async def test_a_subscriptions_secret_is_not_kept_in_the_idempotency_record(
    gateway: Gateway,
) -> None:
    headers = {"Idempotency-Key": "hooks-0001"}
    created = await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=HOOK, headers=headers)
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    record = idempotency_record(gateway, "hooks-0001")
    assert (record["status"], record["body"]) == (201, None)
    assert json.loads(record["headers"]) == {
        "cache-control": "no-store", "location": created.headers["location"]
    }  # fmt: skip
    assert secret not in repr(record)


async def test_a_repeated_subscription_is_not_made_again_and_says_where_it_is(
    gateway: Gateway,
) -> None:
    created, again = await post_twice(gateway, "/v1/webhooks", HOOK, {"Idempotency-Key": "h-2"})
    assert again.status_code == 409, again.text
    assert again.headers["content-type"] == "application/problem+json"
    location = created.headers["location"]
    assert again.headers["location"] == location
    problem = again.json()
    assert problem["type"] == "https://llwybr.wales/problems/secret-not-replayed"
    assert (problem["original_status"], problem["location"]) == (201, location)
    assert problem["secret_rotation"] == f"{location}/secret-rotation"
    assert "shown only once" in problem["detail"]
    assert created.json()["secret"] not in again.text
    listed = await gateway.as_(SCHOOL, "GET", "/v1/webhooks")
    assert [s["id"] for s in listed.json()["items"]] == [created.json()["id"]]


async def test_a_repeated_secret_rotation_is_not_run_again(gateway: Gateway) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=HOOK)
    rotation = f"{created.headers['location']}/secret-rotation"
    rotated, again = await post_twice(gateway, rotation, {}, {"Idempotency-Key": "rotate-0001"})
    assert rotated.status_code == 200, rotated.text
    assert again.status_code == 409, again.text
    assert again.json()["secret_rotation"] == rotation
    assert "location" not in again.json()
    assert idempotency_record(gateway, "rotate-0001")["body"] is None
    current = await gateway.as_(SCHOOL, "GET", created.headers["location"])
    assert current.headers["etag"] == rotated.headers["etag"] == '"2"'


async def test_a_subscriptions_key_with_another_body_is_still_refused(gateway: Gateway) -> None:
    headers = {"Idempotency-Key": "hooks-0003"}
    await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=HOOK, headers=headers)
    other = {**HOOK, "description": "another"}
    clash = await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=other, headers=headers)
    assert clash.status_code == 422
    assert clash.json()["type"].endswith("/idempotency")


async def test_an_idempotency_key_longer_than_the_record_holds_is_400(gateway: Gateway) -> None:
    headers = {"Idempotency-Key": "k" * 256}
    response = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN,
                                 headers=headers)  # fmt: skip
    assert response.status_code == 400
    assert response.json()["type"].endswith("/idempotency")
    listed = await gateway.as_(SCHOOL, "GET", "/v1/determinations")
    assert listed.json()["items"] == []


async def test_every_access_is_in_the_audit_log_which_auditors_read(gateway: Gateway) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    case_id = created.json()["id"]
    await gateway.as_(SCHOOL, "GET", f"/v1/determinations/{case_id}")
    denied = await gateway.as_(SCHOOL, "GET", "/v1/access-audit")
    assert denied.status_code == 403
    log = await gateway.as_(
        "auditor:wales", "GET", "/v1/access-audit", params={"resource_id": case_id}
    )
    assert log.status_code == 200, log.text
    entries = log.json()["items"]
    assert [(e["method"], e["organisation"], e["outcome"]) for e in entries] == [
        ("GET", SCHOOL, "granted")
    ]
    # The whole of Wales: the other auditors read the rows of their jurisdiction only.
    everything = (await gateway.as_("auditor:wales", "GET", "/v1/access-audit")).json()["items"]
    outcomes = {(e["method"], e["path"], e["status"]) for e in everything}
    assert ("POST", "/v1/determinations", 201) in outcomes
    assert ("GET", "/v1/access-audit", 403) in outcomes


@pytest.mark.integration
async def test_a_service_that_is_down_gives_503_with_retry_after(
    tmp_path: Path, postgres_runtime: RuntimeSettings
) -> None:
    clients = tmp_path / "clients.json"
    clients.write_text(json.dumps([{
        "client_id": "school-mis", "secret_hash": hash_secret("s3cret"), "organisation": SCHOOL,
        "scopes": ["determinations:read"], "name": "MIS",
    }]))  # fmt: skip
    settings = Settings(
        runtime=postgres_runtime,
        signing_key_pem=SigningKey.generate().to_pem().decode(),
        clients_file=clients,
        determination_url="http://127.0.0.1:9",  # nothing listens on the discard port
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            token = await client.post(
                "/oauth/token", data={"grant_type": "client_credentials"},
                auth=("school-mis", "s3cret"),
            )  # fmt: skip
            headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
            response = await client.get("/v1/determinations", headers=headers)
            ready = await client.get("/readyz")
            services = await client.get("/readyz/services")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.headers["content-type"] == "application/problem+json"
    # The gateway stays in service for the other services' routes.
    assert ready.status_code == 200, ready.text
    assert services.status_code == 503
    assert services.json()["services"]["determination"]["status"] == "unreachable"


def test_stack_mode_refuses_to_start_without_an_internal_secret(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="stack", var_dir=tmp_path)
    with pytest.raises(RuntimeError, match="LLWYBR_INTERNAL_SECRET"):
        create_app(Settings(runtime=runtime))


async def test_an_unknown_resource_is_404(gateway: Gateway) -> None:
    response = await gateway.as_(SCHOOL, "GET", "/v1/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_client_over_its_rate_limit_waits() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert limiter.take("mis") == 0
    assert limiter.take("mis") == 0
    assert limiter.take("mis") == pytest.approx(1.0)
    assert limiter.take("other-mis") == 0  # each client has its own bucket
    now[0] = 1.0
    assert limiter.take("mis") == 0


async def test_the_gateway_answers_429_with_retry_after(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    app = create_app(Settings(runtime=runtime, rate_limit_per_minute=1, rate_limit_burst=1))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            gateway = Gateway(client, tmp_path)
            assert (await gateway.as_(SCHOOL, "GET", "/v1/determinations")).status_code == 200
            limited = await gateway.as_(SCHOOL, "GET", "/v1/determinations")
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["type"].endswith("/rate-limited")


async def test_a_request_body_over_the_limit_is_413(tmp_path: Path) -> None:
    runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    app = create_app(Settings(runtime=runtime, max_request_bytes=1024))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            gateway = Gateway(client, tmp_path)
            big = {**CONCERN, "padding": "x" * 2000}
            response = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=big)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


async def test_an_organisation_manages_its_webhooks_through_the_gateway(gateway: Gateway) -> None:
    body = {"url": "https://1.1.1.1/hooks",
            "event_types": ["wales.aln.determination.decided.v1"]}  # fmt: skip
    created = await gateway.as_(SCHOOL, "POST", "/v1/webhooks", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["organisation"] == SCHOOL
    assert created.headers["cache-control"] == "no-store"  # it carries the secret
    location = created.headers["location"]
    assert (await gateway.as_(SCHOOL, "GET", location)).status_code == 200
    assert (await gateway.as_("la:665", "GET", location)).status_code == 404
    listed = await gateway.as_("lhb:7A1", "GET", "/v1/webhooks")
    assert (listed.status_code, listed.json()["items"]) == (200, [])
    denied = await gateway.as_("auditor:665", "GET", "/v1/webhooks")
    assert denied.status_code == 403


@pytest.mark.integration
def test_the_access_audit_log_is_append_only_in_postgresql(
    postgres_runtime: RuntimeSettings,
) -> None:
    import sqlalchemy as sa

    from gateway import store
    from llwybr.db import create_engine
    from llwybr.settings import ServiceSettings

    engine = create_engine(
        ServiceSettings(service="gateway", runtime=postgres_runtime, postgres_schema="gw_audit")
    )
    store.create_tables(engine)
    record = store.AccessRecord("r-1", "mis", SCHOOL, "GET", "/v1/determinations", None,
                                "granted", 200)  # fmt: skip
    store.record_access(engine, record)
    for statement in ("UPDATE access_audit SET status = 500", "DELETE FROM access_audit"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(sa.text(statement))
    rows = store.find_access(
        engine, organisation=SCHOOL, resource_id=None, since=None, after=None, limit=10
    )
    assert [(r["status"], r["outcome"]) for r in rows] == [(200, "granted")]
    engine.dispose()


@pytest.mark.integration
async def test_a_service_that_drops_the_connection_gives_503_not_500(
    tmp_path: Path, postgres_runtime: RuntimeSettings
) -> None:
    """A service that crashes mid-request (the fault tests kill one) is unavailable; whether
    the command took effect is unknown, and the problem says so."""

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")  # the request arrived; the service dies
        writer.close()

    server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    clients = tmp_path / "clients.json"
    clients.write_text(json.dumps([{
        "client_id": "school-mis", "secret_hash": hash_secret("s3cret"), "organisation": SCHOOL,
        "scopes": ["determinations:read", "determinations:write"], "name": "MIS",
    }]))  # fmt: skip
    settings = Settings(
        runtime=postgres_runtime,
        postgres_schema=f"gw_{uuid.uuid4().hex[:8]}",
        signing_key_pem=SigningKey.generate().to_pem().decode(),
        clients_file=clients,
        determination_url=f"http://127.0.0.1:{port}",
    )
    app = create_app(settings)
    async with server, app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            token = await client.post(
                "/oauth/token", data={"grant_type": "client_credentials"},
                auth=("school-mis", "s3cret"),
            )  # fmt: skip
            headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
            posted = await client.post("/v1/determinations", json=CONCERN, headers=headers)
            read = await client.get("/v1/determinations", headers=headers)
    assert posted.status_code == 503, posted.text
    assert posted.headers["content-type"] == "application/problem+json"
    assert "may or may not have taken effect" in posted.json()["detail"]
    assert read.status_code == 503, read.text
    assert "not answering" in read.json()["detail"]


async def test_an_integer_past_the_database_range_is_a_422_not_a_500(gateway: Gateway) -> None:
    for after in (2**63, 2**70):
        response = await gateway.as_(
            "auditor:665", "GET", "/v1/access-audit", params={"after": after}
        )
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["location"] == ["query", "after"]
    ok = await gateway.as_("auditor:665", "GET", "/v1/access-audit", params={"after": 2**63 - 1})
    assert ok.status_code == 200
    # PostgreSQL cannot hold a NUL in a text parameter: refused before it gets there.
    nul = await gateway.as_(
        "auditor:665", "GET", "/v1/access-audit", params={"resource_id": "a\x00"}
    )
    assert nul.status_code == 422, nul.text
    assert nul.json()["errors"][0]["location"] == ["query", "resource_id"]


@pytest.mark.parametrize(
    "name", ["Cer\x00ys", "Cer\u202eys", "Cer\u2066ys", "Cer\x85ys", "Cer\nys"]
)
async def test_control_and_bidi_characters_in_a_name_are_refused(
    gateway: Gateway, name: str
) -> None:
    concern: dict[str, Any] = json.loads(json.dumps(CONCERN))
    concern["learner"]["given_name"] = name
    response = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=concern)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["location"] == ["body", "learner", "given_name"]
    assert (await gateway.as_(SCHOOL, "GET", "/v1/determinations")).json()["items"] == []


async def test_a_json_body_over_its_limit_is_413_before_it_is_read(gateway: Gateway) -> None:
    padded = {**CONCERN, "padding": "x" * 300_000}
    declared = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=padded)
    assert declared.status_code == 413, declared.text
    assert declared.headers["content-type"] == "application/problem+json"

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b" " * 10_000

    streamed = await gateway.as_(SCHOOL, "POST", "/v1/determinations", content=chunks())
    assert streamed.status_code == 413, streamed.text
    assert streamed.headers["content-type"] == "application/problem+json"
    # The bulk sync has its own, larger, limit: 300 KB is read (and found invalid).
    bulk = {"items": [{**CONCERN, "padding": "x" * 300_000}]}
    assert (
        await gateway.as_(SCHOOL, "POST", "/v1/determinations/bulk", json=bulk)
    ).status_code == 422


async def test_feeds_and_lists_answer_next_after_and_the_old_cursor_is_deprecated(
    gateway: Gateway,
) -> None:
    feed = await gateway.as_("la:665", "GET", "/v1/determinations-changes")
    assert feed.status_code == 200, feed.text
    assert feed.json()["next_after"] == feed.json()["cursor"]
    assert feed.headers["deprecation"] == "@1796601600"  # RFC 9745, passed on by the gateway
    listed = await gateway.as_("la:665", "GET", "/v1/determinations")
    assert "next_after" in listed.json()
    assert "deprecation" not in listed.headers
