"""Every refusal in the access audit as ``denied`` with its reason, each auditor reading the
rows of its jurisdiction, the internal headers never reaching a client, and one 404 body."""

import uuid
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI, Response

from gateway import store
from gateway.routing import internal_notes
from gateway.security import DEV_CLIENTS
from llwybr import migrations
from llwybr.access import (
    JURISDICTION_HEADER,
    REFUSAL_HEADER,
    Capability,
    Relations,
    Relationship,
    not_found,
    require,
)
from llwybr.db import create_engine
from llwybr.jurisdiction import NoteJurisdiction
from llwybr.principal import Principal
from llwybr.problems import NOT_FOUND_DETAIL, install_problem_handlers
from llwybr.settings import RuntimeSettings, ServiceSettings

from .test_api import CONCERN, SCHOOL, Gateway
from .test_api import gateway as gateway  # the fixture: an embedded gateway

OTHER_SCHOOL = "school:6662001"


def engine_of(gateway: Gateway) -> sa.Engine:
    assert isinstance(gateway.app, FastAPI)
    engine: sa.Engine = gateway.app.state.engine
    return engine


def rows(gateway: Gateway, path: str) -> list[dict[str, object]]:
    found = store.find_access(
        engine_of(gateway), organisation=None, resource_id=None, since=None, after=None,
        limit=1000,
    )  # fmt: skip
    return [r for r in found if r["path"] == path]


def without_request(response: httpx.Response) -> dict[str, object]:
    return {k: v for k, v in response.json().items() if k not in {"instance", "request_id"}}


async def test_the_gateways_own_refusals_are_denied_with_their_reason(gateway: Gateway) -> None:
    assert (await gateway.client.get("/v1/determinations")).status_code == 401
    assert (await gateway.as_(SCHOOL, "GET", "/v1/access-audit")).status_code == 403
    [unauthenticated] = rows(gateway, "/v1/determinations")
    assert (unauthenticated["outcome"], unauthenticated["reason"]) == ("denied", "unauthenticated")
    [scope] = rows(gateway, "/v1/access-audit")
    assert (scope["outcome"], scope["reason"], scope["status"]) == (
        "denied", "insufficient-scope", 403
    )  # fmt: skip


async def test_a_services_refusal_is_denied_and_its_internal_headers_never_reach_the_client(
    gateway: Gateway,
) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    assert created.status_code == 201, created.text
    path = f"/v1/determinations/{created.json()['id']}"
    refused = await gateway.as_(OTHER_SCHOOL, "GET", path)
    assert refused.status_code == 404
    assert REFUSAL_HEADER not in refused.headers
    assert JURISDICTION_HEADER not in refused.headers
    [row] = [r for r in rows(gateway, path) if r["organisation"] == OTHER_SCHOOL]
    assert (row["outcome"], row["reason"], row["status"]) == ("denied", "not-found", 404)


async def test_every_404_has_the_one_body(gateway: Gateway) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    answers = [
        await gateway.as_(OTHER_SCHOOL, "GET", created.headers["location"]),
        await gateway.as_(SCHOOL, "GET", f"/v1/determinations/{uuid.uuid4()}"),
        await gateway.as_(SCHOOL, "GET", "/v1/nowhere"),
        await gateway.as_("auditor:665", "GET", f"/v1/audit/idp/aggregates/{uuid.uuid4()}"),
        await gateway.as_("auditor:665", "GET", "/v1/audit/learners/nobody/timeline"),
        await gateway.as_("auditor:wales", "GET", "/v1/audit/learners/nobody/bundle"),
        await gateway.as_("auditor:665", "GET", "/v1/audit/verify?learner_id=nobody"),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    first = without_request(answers[0])
    assert first["detail"] == NOT_FOUND_DETAIL
    assert [without_request(a) for a in answers] == [first] * len(answers)
    assert not [a for a in answers if REFUSAL_HEADER in a.headers]


async def test_a_history_refusal_is_audited_as_denied(gateway: Gateway) -> None:
    path = f"/v1/audit/determination/aggregates/{uuid.uuid4()}"
    assert (await gateway.as_("auditor:665", "GET", path)).status_code == 404
    [row] = rows(gateway, path)
    assert (row["outcome"], row["reason"], row["status"]) == ("denied", "not-found", 404)


async def test_one_las_auditor_verifies_by_learner_not_a_whole_store(gateway: Gateway) -> None:
    for path in ("/v1/audit/verify?service=determination", "/v1/audit/verify"):
        refused = await gateway.as_("auditor:665", "GET", path)
        assert refused.status_code == 403, (path, refused.text)
        assert REFUSAL_HEADER not in refused.headers
        granted = await gateway.as_("auditor:wales", "GET", path)
        assert granted.status_code == 200, (path, granted.text)
    logged = [(r["organisation"], r["outcome"], r["reason"], r["status"])
              for r in rows(gateway, "/v1/audit/verify")]  # fmt: skip
    refusal = ("auditor:665", "denied", "not-whole-of-wales", 403)
    assert [r for r in logged if r[0] == "auditor:665"] == [refusal, refusal]


def audited(gateway: Gateway, path: str, jurisdiction: set[str]) -> None:
    record = store.AccessRecord(
        f"r-{path}", "client", SCHOOL, "GET", path, None, "granted", 200,
        jurisdiction=frozenset(jurisdiction),
    )  # fmt: skip
    store.record_access(engine_of(gateway), record)


async def test_each_auditor_reads_the_rows_of_its_jurisdiction(gateway: Gateway) -> None:
    audited(gateway, "/v1/ours", {"665"})
    audited(gateway, "/v1/looked-after-by-666", {"665", "666"})
    audited(gateway, "/v1/theirs", {"666"})
    audited(gateway, "/v1/no-record", set())

    async def seen(auditor: str) -> set[str]:
        answer = await gateway.as_(auditor, "GET", "/v1/access-audit", params={"limit": 1000})
        assert answer.status_code == 200, answer.text
        return {r["path"] for r in answer.json()["items"] if r["path"].startswith("/v1/")}

    assert await seen("auditor:665") == {"/v1/ours", "/v1/looked-after-by-666"}
    assert await seen("auditor:666") == {"/v1/looked-after-by-666", "/v1/theirs"}
    everything = await seen("auditor:wales")
    assert {"/v1/ours", "/v1/theirs", "/v1/no-record"} <= everything
    assert "/v1/access-audit" in everything  # its own reads, and the others'
    [row] = [
        r for r in (await gateway.as_("auditor:wales", "GET", "/v1/access-audit")).json()["items"]
        if r["path"] == "/v1/looked-after-by-666"
    ]  # fmt: skip
    assert row["jurisdiction"] == ["665", "666"]


def test_a_refusal_that_names_no_reason_is_still_a_refusal() -> None:
    assert internal_notes(Response(b"{}", 403)) == ("forbidden", frozenset())
    assert internal_notes(Response(b"{}", 409)) == (None, frozenset())


def test_a_services_notes_are_taken_off_its_answer() -> None:
    answer = Response(
        b"{}", 404, headers={REFUSAL_HEADER: "not-found", JURISDICTION_HEADER: "666, 665,x"}
    )
    assert internal_notes(answer) == ("not-found", frozenset({"665", "666"}))
    assert REFUSAL_HEADER not in answer.headers
    assert JURISDICTION_HEADER not in answer.headers


def test_there_is_a_development_client_for_every_kind_and_a_second_of_each_that_crosses() -> None:
    kinds = [organisation.partition(":")[0] for _, organisation in DEV_CLIENTS]
    assert {"school", "fei", "la", "lhb", "nhs", "tribunal", "auditor", "system"} <= set(kinds)
    for kind in ("school", "la", "lhb", "auditor"):
        assert kinds.count(kind) >= 2, kind
    assert ("wales-auditor", "auditor:wales") in DEV_CLIENTS


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> ServiceSettings:
    if request.param == "sqlite":
        runtime = RuntimeSettings(mode="embedded", var_dir=tmp_path)
    else:
        runtime = request.getfixturevalue("postgres_runtime")
    return ServiceSettings(
        service="gateway", runtime=runtime, postgres_schema=f"gw_{uuid.uuid4().hex[:8]}"
    )


def test_an_access_audit_made_before_the_migrations_gains_the_new_columns(
    settings: ServiceSettings,
) -> None:
    engine = create_engine(settings)
    try:
        old = sa.MetaData()
        keep = [
            sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable, index=c.index)
            for c in store.access_audit.columns
            if c.name not in {"reason", "jurisdiction", "person"}  # added by 0002, 0003
        ]
        sa.Table("access_audit", old, *keep)
        store.idempotency.to_metadata(old)
        old.create_all(engine)
        with engine.begin() as conn:
            conn.execute(
                sa.table("access_audit", *[sa.column(c.name) for c in keep]).insert().values(
                    at=sa.func.now(), request_id="r-old", method="GET", path="/v1/old",
                    outcome="granted", status=200,
                )
            )  # fmt: skip
        store.create_tables(engine)
        store.create_tables(engine)  # and again at the next start: nothing to do
        assert migrations.pending_differences(engine, store.metadata) == []
        [old_row] = store.find_access(
            engine, organisation=None, resource_id=None, since=None, after=None, limit=10
        )
        assert (old_row["path"], old_row["reason"], old_row["jurisdiction"]) == (
            "/v1/old",
            None,
            [],
        )
        assert old_row["person"] is None
    finally:
        engine.dispose()


def test_the_migrations_make_exactly_the_declared_tables(settings: ServiceSettings) -> None:
    engine = create_engine(settings)
    try:
        store.create_tables(engine)
        assert migrations.pending_differences(engine, store.metadata) == []
    finally:
        engine.dispose()


def refusing_service() -> FastAPI:
    """A stand-in service that lets the caller read a record of LA 666 but not act on it."""
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(NoteJurisdiction)
    former = Relations.of([(SCHOOL, Relationship.FORMER_MAINTAINER)], jurisdiction=["la:666"])

    @app.get("/v1/determinations/{case_id}")
    @app.post("/v1/determinations/{case_id}/withdrawal")
    def act(case_id: str) -> None:
        require(Principal("c", SCHOOL, frozenset()), Capability.ACT, former)

    return app


async def test_a_services_reason_and_jurisdiction_reach_the_audit_and_never_the_client(
    gateway: Gateway,
) -> None:
    assert isinstance(gateway.app, FastAPI)
    services = gateway.app.state.services.clients
    services["determination"] = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=refusing_service()), base_url="http://determination"
    )
    path = f"/v1/determinations/{uuid.uuid4()}"
    answers = [
        await gateway.as_(SCHOOL, "GET", path),
        *[
            await gateway.as_(
                SCHOOL, "POST", f"{path}/withdrawal", json={}, headers={"Idempotency-Key": "k1"}
            )
            for _ in range(2)
        ],
    ]
    assert [a.status_code for a in answers] == [403] * 3
    assert answers[2].headers["idempotent-replayed"] == "true"
    for answer in answers:
        assert REFUSAL_HEADER not in answer.headers
        assert JURISDICTION_HEADER not in answer.headers
    found = [*rows(gateway, path), *rows(gateway, f"{path}/withdrawal")]
    audited = [(r["method"], r["outcome"], r["reason"], r["jurisdiction"]) for r in found]
    refused = ("denied", "no-relationship", ["666"])
    # Each change also has the row written before it was forwarded (its outcome follows).
    outcomes = [a for a in audited if a[1] != "forwarded"]
    assert outcomes == [("GET", *refused), ("POST", *refused), ("POST", *refused)]
    assert ("POST", "forwarded", None, []) in audited

    async def seen(auditor: str) -> int:
        log = await gateway.as_(auditor, "GET", "/v1/access-audit", params={"limit": 1000})
        return len([r for r in log.json()["items"] if r["path"].startswith(path)])

    assert (await seen("auditor:666"), await seen("auditor:665")) == (3, 0)
    await services["determination"].aclose()


async def test_a_services_not_yet_404_keeps_its_retry_after(gateway: Gateway) -> None:
    """A service that may not have heard of a record yet says when to ask again (ADR 0015);
    the gateway's one 404 keeps that."""
    assert isinstance(gateway.app, FastAPI)
    service = FastAPI()
    install_problem_handlers(service)

    @service.get("/v1/contacts/learners/{learner_id}")
    def unknown(learner_id: str) -> None:
        error = not_found()
        error.headers["Retry-After"] = "1"
        raise error

    services = gateway.app.state.services.clients
    services["notifications"] = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=service), base_url="http://notifications"
    )
    answer = await gateway.as_(SCHOOL, "GET", f"/v1/contacts/learners/{uuid.uuid4()}")
    assert (answer.status_code, answer.headers["retry-after"]) == (404, "1")
    assert answer.json()["detail"] == NOT_FOUND_DETAIL
    await services["notifications"].aclose()


async def test_the_organisation_filter_takes_an_organisation_id_only(gateway: Gateway) -> None:
    """Issue 20: an id-typed query has its pattern; an ill-formed one is a problem, not an
    empty page that looks like "nobody read anything"."""
    for bad in ("665", "Wrexham", "la:"):
        refused = await gateway.as_("auditor:wales", "GET", "/v1/access-audit",
                                    params={"organisation": bad})  # fmt: skip
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
    found = await gateway.as_("auditor:wales", "GET", "/v1/access-audit",
                              params={"organisation": SCHOOL})  # fmt: skip
    assert found.status_code == 200, found.text
    assert {r["organisation"] for r in found.json()["items"]} <= {SCHOOL}
