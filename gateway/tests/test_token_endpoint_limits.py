"""The token endpoint's limits (issue #21): rate per client id and per remote address, a bound
on concurrent secret checks (scrypt), and the same work for an unknown client id as a known one.

No timing assertions: the checks are counted with an instrumented hasher. ``bench/tokens.py``
measures what a burst of wrong secrets does to ``/healthz``.
"""

import asyncio
import threading
import time
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from gateway.ratelimit import RateLimiter
from gateway.tokens import (
    ClientRecord,
    EndpointLimits,
    SigningKey,
    TokenIssuer,
    TokenSettings,
    hash_secret,
    oauth_router,
)
from gateway.tokens import issuer as issuer_module
from llwybr.problems import install_problem_handlers

SETTINGS = TokenSettings(issuer="http://127.0.0.1:8000", audience="llwybr")
SECRET = "cyfrinach"
RECORD = ClientRecord("ysgol", hash_secret(SECRET), "school:6652001", ("determinations:read",))


class Hasher:
    """Stands in for ``verify_secret``: counts calls and the most checks running at once."""

    def __init__(self, seconds: float = 0.0, release: threading.Event | None = None) -> None:
        self.seconds, self.release = seconds, release
        self.calls: list[str] = []
        self.running = self.most = 0
        self.entered = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, secret: str, hashed: str) -> bool:
        with self._lock:
            self.calls.append(hashed)
            self.running += 1
            self.most = max(self.most, self.running)
        self.entered.set()
        if self.release is not None:
            self.release.wait(10)
        time.sleep(self.seconds)
        with self._lock:
            self.running -= 1
        return secret == SECRET and hashed == RECORD.secret_hash


def app_with(limits: EndpointLimits) -> FastAPI:
    key = SigningKey.generate()
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(oauth_router(TokenIssuer(key, SETTINGS, {"ysgol": RECORD}, limits), key))
    return app


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Hasher]:
    def install(seconds: float = 0.0, release: threading.Event | None = None) -> Hasher:
        instrumented = Hasher(seconds, release)
        monkeypatch.setattr(issuer_module, "verify_secret", instrumented)
        return instrumented

    return install


def client(app: FastAPI, address: str = "192.0.2.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://gateway")


async def ask(
    http: httpx.AsyncClient, client_id: str = "ysgol", secret: str = SECRET
) -> httpx.Response:
    form = {"grant_type": "client_credentials"}
    return await http.post("/oauth/token", data=form, auth=(client_id, secret))


def generous() -> RateLimiter:
    return RateLimiter(per_minute=10_000, burst=10_000)


async def test_a_client_id_over_its_rate_gets_429_problem_json_with_retry_after() -> None:
    limits = EndpointLimits(per_client=RateLimiter(per_minute=6, burst=2), per_address=generous())
    app = app_with(limits)
    async with client(app, "192.0.2.1") as one, client(app, "192.0.2.2") as another:
        first = await ask(one, secret="anghywir")
        second = await ask(another)
        limited = await ask(one)  # the right secret now, from another address: still limited
        other_id = await ask(one, client_id="dieithryn", secret="anghywir")
    assert (first.status_code, second.status_code) == (401, 200)
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert limited.headers["retry-after"] == "10"
    assert limited.json()["type"].endswith("/rate-limited")
    assert other_id.status_code == 401  # another id has its own bucket


async def test_an_address_over_its_rate_gets_429_whatever_client_id_it_names() -> None:
    limits = EndpointLimits(per_client=generous(), per_address=RateLimiter(per_minute=60, burst=3))
    app = app_with(limits)
    async with client(app, "192.0.2.1") as guesser, client(app, "192.0.2.2") as school:
        guesses = [await ask(guesser, client_id=f"id-{n}", secret="x") for n in range(4)]
        unaffected = await ask(school)
    assert [g.status_code for g in guesses] == [401, 401, 401, 429]
    assert guesses[-1].headers["retry-after"] == "1"
    assert unaffected.status_code == 200


async def test_an_unknown_client_id_costs_the_same_secret_check_as_a_known_one(
    hasher: Callable[..., Hasher],
) -> None:
    counted = hasher()
    async with client(app_with(EndpointLimits())) as http:
        known = await ask(http, secret="anghywir")
        unknown = await ask(http, client_id="dieithryn", secret="anghywir")
    assert known.status_code == unknown.status_code == 401
    assert known.json() == unknown.json()
    assert len(counted.calls) == 2
    # The stand-in's hash has the same scrypt parameters as a real client's: the same work.
    assert [c.split("$")[:4] for c in counted.calls] == [RECORD.secret_hash.split("$")[:4]] * 2


async def test_no_more_than_the_bound_of_secret_checks_run_at_once(
    hasher: Callable[..., Hasher],
) -> None:
    counted = hasher(seconds=0.02)
    limits = EndpointLimits(
        per_client=generous(), per_address=generous(), concurrent_checks=2, waiting_checks=64
    )
    async with client(app_with(limits)) as http:
        answers = await asyncio.gather(
            *(ask(http, client_id=f"id-{n}", secret="x") for n in range(12))
        )
    assert all(a.status_code == 401 for a in answers)
    assert len(counted.calls) == 12
    assert counted.most == 2


async def test_callers_beyond_the_queue_get_503_at_once_and_others_are_served(
    hasher: Callable[..., Hasher],
) -> None:
    release = threading.Event()
    counted = hasher(release=release)
    limits = EndpointLimits(
        per_client=generous(), per_address=generous(), concurrent_checks=1, waiting_checks=1
    )
    app = app_with(limits)
    async with client(app) as http:
        running = asyncio.create_task(ask(http, client_id="a", secret="x"))
        await asyncio.to_thread(counted.entered.wait, 10)
        waiting = asyncio.create_task(ask(http, client_id="b", secret="x"))
        await asyncio.sleep(0.05)
        busy = await ask(http, client_id="c", secret="x")
        release.set()
        answers = await asyncio.gather(running, waiting)
        served_after = await ask(http)
    assert busy.status_code == 503
    assert busy.headers["content-type"] == "application/problem+json"
    assert busy.headers["retry-after"] == "1"
    assert [a.status_code for a in answers] == [401, 401]
    assert counted.most == 1
    assert served_after.status_code == 200


def test_the_rate_limiter_keeps_a_bounded_number_of_buckets() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=1, burst=1, clock=lambda: now[0], max_keys=2)
    assert [limiter.take(k) for k in ("a", "b", "a")] == [0.0, 0.0, 60.0]
    limiter.take("c")  # "b" is the least recently used and is dropped
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0.0
    assert len(limiter._buckets) == 2
