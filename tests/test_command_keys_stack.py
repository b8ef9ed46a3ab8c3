"""A command repeated with the same Idempotency-Key after its answer was lost takes effect once
(stack mode: each deployable its own process, on the shared PostgreSQL and Kafka).

- The determination service is paused (SIGSTOP) past the gateway's timeout while it saves a
  concern: the client gets 503 ("may or may not have taken effect"), the service resumes and
  commits, and the client repeats with the same key. One determination, and the repeat's
  answer names it (replayed).
- The gateway is killed while it holds the key: after it restarts, the repeat is told to wait
  (409 with Retry-After) while the dead gateway's claim lasts, then succeeds, once.
"""

import contextlib
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest

from llwybr.settings import RuntimeSettings
from llwybr_testkit import postgres_conninfo
from tests.stack import Stack, reconfigured

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
#: The gateway's timeout for this stack: short, so a paused service outlasts it quickly.
TIMEOUT = 3


@pytest.fixture(scope="module")
def running(
    shared_stack: Stack, postgres_runtime: RuntimeSettings
) -> Iterator[tuple[Stack, RuntimeSettings]]:
    """The shared stack, its gateway waiting ``TIMEOUT`` s for a service for this module."""
    gateway_env = {"GATEWAY_SERVICE_TIMEOUT_SECONDS": str(TIMEOUT)}
    with reconfigured(shared_stack, "gateway", gateway_env) as stack:
        yield stack, postgres_runtime


@pytest.fixture
def stack(running: tuple[Stack, RuntimeSettings]) -> Stack:
    running[0].ensure_running()
    return running[0]


def concern(name: str) -> dict[str, Any]:
    learner = {
        "given_name": name, "family_name": "Jones", "date_of_birth": "2017-05-02",
        "setting": "maintained_school", "setting_id": "6652001", "local_authority": "665",
        "local_id": name,
    }  # fmt: skip
    return {
        "learner": learner, "raised_by": SCHOOL, "raised_with": SCHOOL,
        "came_to_attention_on": "2026-03-02",
    }  # fmt: skip


def determinations_about(stack: Stack, runtime: RuntimeSettings, name: str) -> list[str]:
    """The determinations stored about the learner the school knows as ``name`` (from the event
    store). The learner's names are sealed (ADR 0023): the school's own id for them, kept in
    clear in the registry's record, finds the learner, and the learner's id their cases."""
    schema = stack.processes["determination"].env["DETERMINATION_POSTGRES_SCHEMA"]
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        learners = conn.execute(
            f'SELECT DISTINCT originator_id FROM "{schema}".determination_events '
            "WHERE topic LIKE '%%:LearnerRecord.%%' AND convert_from(state, 'UTF8') LIKE %s",
            (f'%"{name}"%',),
        ).fetchall()
        rows = [
            row
            for (learner_id,) in learners
            for row in conn.execute(
                f'SELECT originator_id FROM "{schema}".determination_events '
                "WHERE originator_version = 1 AND topic LIKE '%%:Determination.%%' "
                "AND convert_from(state, 'UTF8') LIKE %s",
                (f'%"learner_id":"{learner_id}"%',),
            ).fetchall()
        ]
    return [str(r[0]) for r in rows]


@contextlib.contextmanager
def paused(stack: Stack, name: str) -> Iterator[None]:
    """``name`` stopped (SIGSTOP) for the block, as a long pause (GC, swap, a stalled disk)."""
    pid = stack.processes[name].pid
    assert pid is not None
    os.killpg(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.killpg(pid, signal.SIGCONT)


def post_in_background(
    stack: Stack, body: dict[str, Any], key: str, answers: list[httpx.Response | Exception]
) -> threading.Thread:
    def post() -> None:
        try:
            answers.append(
                httpx.post(
                    f"{stack.gateway_url}/v1/determinations", json=body, timeout=60,
                    headers={"Authorization": f"Bearer {stack.token(SCHOOL)}",
                             "Idempotency-Key": key},
                )
            )  # fmt: skip
        except Exception as error:  # the gateway killed under it
            answers.append(error)

    thread = threading.Thread(target=post)
    thread.start()
    return thread


def repeat(stack: Stack, body: dict[str, Any], key: str) -> httpx.Response:
    return httpx.post(
        f"{stack.gateway_url}/v1/determinations", json=body, timeout=60,
        headers={"Authorization": f"Bearer {stack.token(SCHOOL)}", "Idempotency-Key": key},
    )  # fmt: skip


def blocked_on(conninfo: str, schema: str, table: str, timeout: float = 20.0) -> None:
    """Wait until some transaction waits for a lock on ``schema.table``."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(conninfo, autocommit=True) as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON l.relation = c.oid "
                "JOIN pg_namespace n ON c.relnamespace = n.oid "
                "WHERE n.nspname = %s AND c.relname = %s AND NOT l.granted",
                (schema, table),
            ).fetchone()
            if waiting and waiting[0]:
                return
            time.sleep(0.05)
    raise TimeoutError(f"nothing waited for {schema}.{table}")


def test_a_concern_repeated_after_the_service_outlived_the_gateways_timeout_is_made_once(
    stack: Stack, running: tuple[Stack, RuntimeSettings]
) -> None:
    """The service has read the concern and is saving it when it is paused: the gateway times
    out (503), the service resumes and commits; the repeat gets that determination."""
    runtime = running[1]
    conninfo = postgres_conninfo(runtime)
    schema = stack.processes["determination"].env["DETERMINATION_POSTGRES_SCHEMA"]
    name, key = f"Paused-{uuid.uuid4().hex[:8]}", f"paused-{uuid.uuid4().hex}"
    body = concern(name)
    answers: list[httpx.Response | Exception] = []
    with psycopg.connect(conninfo) as holder:
        # Hold the events table, so that the save waits mid-command (the request read).
        holder.execute(f'LOCK TABLE "{schema}".determination_events IN EXCLUSIVE MODE')
        first = post_in_background(stack, body, key, answers)
        blocked_on(conninfo, schema, "determination_events")
        with paused(stack, "determination"):
            holder.commit()
            first.join(timeout=TIMEOUT + 30)
    [timed_out] = answers
    assert isinstance(timed_out, httpx.Response)
    assert timed_out.status_code == 503, timed_out.text
    assert "may or may not have taken effect" in timed_out.json()["detail"]
    deadline = time.monotonic() + 20
    while not (made := determinations_about(stack, runtime, name)):
        assert time.monotonic() < deadline, "the paused service never committed the concern"
        time.sleep(0.1)

    again = repeat(stack, body, key)
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert made == [again.json()["id"]]
    assert again.headers["location"] == f"/v1/determinations/{made[0]}"
    third = repeat(stack, body, key)
    assert (third.status_code, third.json()) == (201, again.json())
    assert determinations_about(stack, runtime, name) == made, "a second determination"


def test_a_key_held_by_a_killed_gateway_is_taken_over_and_the_repeat_succeeds_once(
    stack: Stack, running: tuple[Stack, RuntimeSettings]
) -> None:
    runtime = running[1]
    name, key = f"Held-{uuid.uuid4().hex[:8]}", f"held-{uuid.uuid4().hex}"
    body = concern(name)
    stack.token(SCHOOL)
    answers: list[httpx.Response | Exception] = []
    with paused(stack, "determination"):
        first = post_in_background(stack, body, key, answers)
        time.sleep(1.0)  # the gateway has claimed the key and is waiting on the service
        stack.processes["gateway"].kill()
        first.join(timeout=30)
    [lost] = answers
    assert not isinstance(lost, httpx.Response), lost.text
    stack.start("gateway")

    waited = repeat(stack, body, key)
    deadline = time.monotonic() + TIMEOUT + 30
    while waited.status_code == 409 and time.monotonic() < deadline:
        assert waited.json()["type"].endswith("/idempotency"), waited.text
        assert 1 <= int(waited.headers["retry-after"]) <= TIMEOUT + 5
        time.sleep(int(waited.headers["retry-after"]))
        waited = repeat(stack, body, key)
    assert waited.status_code == 201, waited.text
    made = determinations_about(stack, runtime, name)
    assert made == [waited.json()["id"]], f"{len(made)} determinations for one concern"
    assert repeat(stack, body, key).json() == waited.json()
