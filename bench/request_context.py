"""CPU time per request of a service's HTTP edge, in process: the request context (the
gateway's signed principal, the request id, metrics and the access line) around a command
route that validates a small body, driven through httpx's ASGI transport.

CPU seconds of this process, not the wall clock, so that a loaded machine moves the figure
less (issue 19: the request context as plain ASGI middleware instead of Starlette's
``BaseHTTPMiddleware``). Run: ``python -m bench.request_context [--requests 1000]``; to compare
with another commit, run the same file with that commit's sources first on ``PYTHONPATH``.
"""

import argparse
import asyncio
import importlib
import logging
import statistics
import time
from collections.abc import Callable

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from llwybr.metrics import Metrics
from llwybr.principal import Principal, sign_principal

SECRET = b"bench-internal-secret-of-32-bytes"
PRINCIPAL = Principal("mis", "school:6652001", frozenset({"determinations:write"}))
RUNS = 5


class DecisionIn(BaseModel):
    has_aln: bool
    reasons: str


def install_request_context() -> Callable[[FastAPI, Metrics, bytes], None]:
    """This commit's request context, or an older commit's (``llwybr.service`` held it)."""
    try:
        module = importlib.import_module("llwybr.request_context")
    except ImportError:
        module = importlib.import_module("llwybr.service")
    install: Callable[[FastAPI, Metrics, bytes], None] = module.install_request_context
    return install


def service() -> FastAPI:
    app = FastAPI()
    install_request_context()(app, Metrics("bench"), SECRET)

    @app.post("/determinations/{determination_id}/decision")
    async def decide(determination_id: str, body: DecisionIn) -> dict[str, str | int]:
        return {"id": determination_id, "version": 3}

    return app


async def cpu_per_request(requests: int) -> list[float]:
    """Microseconds of CPU per request, for each of ``RUNS`` runs (after a warm-up)."""
    body = {"has_aln": True, "reasons": "Significantly greater difficulty in learning"}
    transport = httpx.ASGITransport(app=service())
    runs = []
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        for run in range(RUNS + 1):
            # Signed afresh each run: on a loaded machine a run can outlast a signature's age.
            headers = sign_principal(PRINCIPAL, SECRET, int(time.time()))
            started = time.process_time()
            for _ in range(requests if run else 200):
                response = await client.post(
                    "/determinations/d-1/decision", json=body, headers=headers
                )
                response.raise_for_status()
            if run:
                runs.append((time.process_time() - started) / requests * 1e6)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the access lines are not what is measured
    runs = asyncio.run(cpu_per_request(args.requests))
    each = ", ".join(f"{r:.0f}" for r in runs)
    median = statistics.median(runs)
    print(f"CPU per request, {RUNS} runs of {args.requests}: {each} us; median {median:.0f} us")


if __name__ == "__main__":
    main()
