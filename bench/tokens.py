"""What the token checks cost (issue #21).

- ``registry``: the added cost per request of checking a token's client against the registry
  (``TokenValidator(clients=...)``) over the signature and claims checks alone.
- ``burst``: ``/healthz`` latency on a real server (uvicorn, its own process) while callers
  send wrong secrets to ``/oauth/token`` as fast as they can: with no burst, with the checks
  unbounded (as before: every guess its own scrypt in a thread) and with the default bound
  (one check at a time). The rate limits are lifted in both so the bound alone is measured;
  with the default limits a burst from one address gets 429 after 30 requests.
"""

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from joserfc import jwt
from joserfc.jwk import ECKey

from bench import report
from gateway.ratelimit import RateLimiter
from gateway.tokens import (
    ClientRecord,
    ClientRegistry,
    EndpointLimits,
    SigningKey,
    StaticJwks,
    TokenIssuer,
    TokenSettings,
    TokenValidator,
    hash_secret,
    oauth_router,
)

SETTINGS = TokenSettings(issuer="http://127.0.0.1:8000", audience="llwybr")


def clients(count: int) -> dict[str, ClientRecord]:
    secret_hash = hash_secret("cyfrinach")
    return {
        f"client-{n}": ClientRecord(f"client-{n}", secret_hash, "school:6652001", ("a:read",))
        for n in range(count)
    }


def app(concurrent_checks: int) -> FastAPI:
    """The token endpoint and ``/healthz``, with the rate limits lifted."""
    key = SigningKey.generate()
    lifted = RateLimiter(per_minute=10**9, burst=10**9)
    limits = EndpointLimits(lifted, lifted, concurrent_checks, waiting_checks=10_000)
    application = FastAPI()
    application.include_router(oauth_router(TokenIssuer(key, SETTINGS, clients(6), limits), key))

    @application.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return application


async def registry_cost(iterations: int) -> dict[str, float]:
    key = SigningKey.generate()
    registry = ClientRegistry(clients(1000), path=Path(__file__), check_seconds=1.0)
    issuer = TokenIssuer(key, SETTINGS, registry)
    application = FastAPI()
    application.include_router(oauth_router(issuer, key))
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
        form = {"grant_type": "client_credentials"}
        answer = await http.post("/oauth/token", data=form, auth=("client-7", "cyfrinach"))
    token = answer.json()["access_token"]
    jwks = StaticJwks(key.public_jwks())
    plain = TokenValidator(SETTINGS, jwks)
    checked = TokenValidator(SETTINGS, jwks, clients=registry)
    figures: dict[str, float] = {}
    for name, validator in (("plain", plain), ("registry", checked)) * 2:  # warm, then measure
        start = time.perf_counter()
        for _ in range(iterations):
            await validator.validate(token)
        figures[f"{name}_us"] = (time.perf_counter() - start) / iterations * 1e6
    figures["added_us"] = figures["registry_us"] - figures["plain_us"]
    # The added step alone (the whole check is noisy on a shared machine): the registry look-up
    # and the comparisons, as ``validate`` runs them after the signature.
    access = await checked.validate(token)
    claims = jwt.decode(token, ECKey.import_key(key.public_jwks()["keys"][0])).claims
    start = time.perf_counter()
    for _ in range(iterations * 10):
        checked._registered(access, claims)
    figures["registry_step_us"] = (time.perf_counter() - start) / (iterations * 10) * 1e6
    return figures


async def healthz_under_burst(port: int, callers: int, seconds: float) -> dict[str, float]:
    base = f"http://127.0.0.1:{port}"
    stop = asyncio.Event()

    async def guess(http: httpx.AsyncClient) -> int:
        sent = 0
        while not stop.is_set():
            form = {"grant_type": "client_credentials"}
            await http.post("/oauth/token", data=form, auth=("client-1", "anghywir"))
            sent += 1
        return sent

    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        guessers = [asyncio.create_task(guess(http)) for _ in range(callers)]
        await asyncio.sleep(0.5 if callers else 0)
        latencies = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            start = time.perf_counter()
            await http.get("/healthz")
            latencies.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.01)
        stop.set()
        sent = sum(await asyncio.gather(*guessers))
    latencies.sort()
    return {
        "healthz_p50_ms": statistics.median(latencies),
        "healthz_p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "healthz_max_ms": latencies[-1],
        "guesses_per_s": sent / seconds,
    }


def serve(concurrent_checks: int, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn, bench.tokens as b; "
        f"uvicorn.run(b.app({concurrent_checks}), port={port}, log_level='warning')"
    )
    server = subprocess.Popen([sys.executable, "-c", code])  # noqa: S603 (our own code)
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the bench server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--port", type=int, default=18765)
    arguments = parser.parse_args()
    results: dict[str, Any] = {"registry": asyncio.run(registry_cost(arguments.iterations))}
    print(
        "token check, per request (us):", {k: round(v, 1) for k, v in results["registry"].items()}
    )
    for name, bound, callers in (
        ("no burst", 1, 0),
        ("unbounded checks", 10_000, arguments.callers),
        ("one check at a time", 1, arguments.callers),
    ):
        server = serve(bound, arguments.port)
        try:
            figures = asyncio.run(healthz_under_burst(arguments.port, callers, arguments.seconds))
        finally:
            server.terminate()
            server.wait()
        results[name] = figures
        print(f"{name:>20} ({callers} callers):", {k: round(v, 1) for k, v in figures.items()})
    print("written to", report.write("tokens", results))


if __name__ == "__main__":
    main()
