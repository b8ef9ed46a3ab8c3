"""A health body's s.64 opinion in stack mode: PostgreSQL and a real SMTP server on loopback.

The messages are read back from the mail server: the parent's comes first, and the LA's only
after it, with the day the parent was told; the proof of each notice is the hash of what the
server received.
"""

import asyncio
import hashlib
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from contracts.topics import DETERMINATION, DISPUTES, IDP
from llwybr.settings import RuntimeSettings
from llwybr_testkit import ActingAs, eventually, skip_history
from notifications.main import create_app
from notifications.notices.intake import handler
from notifications.settings import Settings
from notifications.tables import notices

from .learners import BORN_2023, envelope, new_learner, registered
from .mailserver import Received, SmtpServer, running_smtp_server

pytestmark = pytest.mark.integration

LHB, LA = "lhb:7A1", "la:665"
OPINIONS = "/v1/notices/health-body-opinions"
PARENT, LA_ADDRESS, LHB_ADDRESS = "sian@example.org", "aln@wrexham.example", "aln@bcuhb.example"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp_server() as server:
        yield server


def index_of(server: SmtpServer, message: Received) -> int:
    return server.mailbox.received.index(message)


async def stack_runtime(postgres_runtime: RuntimeSettings, kafka_bootstrap: str) -> RuntimeSettings:
    """This test's consumer groups, starting past the events already on the bus."""
    suffix = uuid.uuid4().hex[:8]
    runtime = postgres_runtime.model_copy(update={"consumer_group_prefix": f"t{suffix}-"})
    topics = [DETERMINATION.name, IDP.name, DISPUTES.name]
    groups = {f"t{suffix}-notifications.{name}": topics for name in ("notices", "webhooks")}
    await skip_history(kafka_bootstrap, groups)  # this test's events are not on the bus
    return runtime


async def record_for_a_child(app: FastAPI, client: httpx.AsyncClient, today: date) -> str:
    """A child born in 2023 the registry says is la:665's, and an opinion on them: its id."""
    learner_id = new_learner()
    with app.state.engine.begin() as conn:  # the registry's facts, as the consumer adopts them
        handler(5)(conn, envelope(registered(learner_id, compulsory_school_age_on=BORN_2023)))
    recorded = await client.post(
        OPINIONS,
        json={
            "learner_id": learner_id,
            "local_authority": LA,
            "formed_on": (today - timedelta(days=2)).isoformat(),
            "officer": {"name": "Dr Angharad Rees", "phone": "01745 000000"},
        },
    )
    assert recorded.status_code == 201, recorded.text
    opinion_id: str = recorded.json()["opinion_id"]
    return opinion_id


async def test_the_parent_is_emailed_first_and_the_la_after_with_proof(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    runtime = await stack_runtime(postgres_runtime, kafka_bootstrap)
    settings = Settings(
        runtime=runtime,
        postgres_schema=f"s64_{uuid.uuid4().hex[:8]}",
        email_transport="smtp",
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_from="Llwybr <notices@llwybr.example>",
        delivery_poll_seconds=0.1,
        smtp_timeout_seconds=5,
    )
    today = settings.today_in_wales()
    app = create_app(settings)
    mailbox = smtp_server.mailbox
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://notifications",
            auth=ActingAs(LHB),
        ) as client,
    ):
        for organisation, body in (
            (LHB, {"name": "Betsi Cadwaladr University Health Board", "email": LHB_ADDRESS}),
            (
                LA,
                {
                    "name": "Wrexham County Borough Council",
                    "name_cy": "Cyngor Bwrdeistref Sirol Wrecsam",
                    "email": LA_ADDRESS,
                    "language": "en",
                },
            ),
        ):
            response = await client.put(
                f"/v1/contacts/organisations/{organisation}", json=body, auth=ActingAs(organisation)
            )
            assert response.status_code == 200, response.text

        opinion_id = await record_for_a_child(app, client, today)
        learner_id = (await client.get(f"{OPINIONS}/{opinion_id}")).json()["learner_id"]
        # No parent registered yet: the LA may not be told.
        early = await client.post(f"{OPINIONS}/{opinion_id}/local-authority")
        assert early.status_code == 409, early.text

        registration = await client.put(  # by the LA responsible for the child
            f"/v1/contacts/learners/{learner_id}",
            auth=ActingAs(LA),
            json={
                "learner_name": "Cerys",
                "parties": [{"role": "parent", "name": "Siân Jones", "email": PARENT}],
            },
        )
        assert registration.status_code == 200, registration.text

        async def given_count(count: int) -> bool:
            notices = (await client.get(f"{OPINIONS}/{opinion_id}")).json()["notices"]
            statuses: list[str] = [n["status"] for n in notices]
            return statuses.count("given") == count

        await eventually(lambda: given_count(1), timeout=30)
        brought = await client.post(
            f"{OPINIONS}/{opinion_id}/local-authority", json={"discussed_on": today.isoformat()}
        )
        assert brought.status_code == 201, brought.text
        await eventually(lambda: given_count(2), timeout=30)

        [parent] = mailbox.to(PARENT)
        [local_authority] = mailbox.to(LA_ADDRESS)
        assert index_of(smtp_server, parent) < index_of(smtp_server, local_authority)
        assert parent.message["Subject"] == (
            "Ein barn: mae\u2019n debygol bod gan Cerys anghenion dysgu ychwanegol / "
            "Our opinion: Cerys probably has additional learning needs"
        )
        text = parent.part("plain")
        assert "discuss our opinion with Dr Angharad Rees, telephone 01745 000000" in text
        assert "attention of Wrexham County Borough Council" in text
        la_text = local_authority.part("plain")
        assert local_authority.message["Content-Language"] == "en"
        assert f"our opinion on {today.day} " in la_text  # the day the parent was told
        assert "You must now decide whether Cerys has additional learning needs." in la_text

        opinion = (await client.get(f"{OPINIONS}/{opinion_id}")).json()
        assert opinion["parent_informed_on"] == today.isoformat()
        given = {n["kind"]: n for n in opinion["notices"] if n["status"] == "given"}
        assert set(given) == {"health_body_opinion", "health_body_opinion_to_la"}
        for kind, received in (
            ("health_body_opinion", parent),
            ("health_body_opinion_to_la", local_authority),
        ):
            url = f"/v1/notices/{given[kind]['notice_id']}"
            proof = (await client.get(url, auth=ActingAs(LA))).json()  # the LA reads notices
            html = received.part("html").replace("\r\n", "\n")
            assert proof["content_sha256"] == hashlib.sha256(html.encode()).hexdigest()
            assert (proof["channel"], proof["given_on"]) == ("email", today.isoformat())


async def test_twenty_threads_at_once_tell_the_la_exactly_once(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, tmp_path: Path
) -> None:
    runtime = await stack_runtime(postgres_runtime, kafka_bootstrap)
    settings = Settings(
        runtime=runtime,
        postgres_schema=f"once_{uuid.uuid4().hex[:8]}",
        email_transport="file",
        outbox_dir=tmp_path,
        delivery_poll_seconds=0.1,
    )
    today = settings.today_in_wales()
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://notifications",
            auth=ActingAs(LHB),
        ) as client,
    ):
        opinion_id = await record_for_a_child(app, client, today)
        learner_id = (await client.get(f"{OPINIONS}/{opinion_id}")).json()["learner_id"]
        registration = await client.put(
            f"/v1/contacts/learners/{learner_id}",
            auth=ActingAs(LA),
            json={"parties": [{"role": "parent", "name": "Siân Jones", "email": PARENT}]},
        )
        assert registration.status_code == 200, registration.text

        async def parent_told() -> bool:
            found = (await client.get(f"{OPINIONS}/{opinion_id}")).json()
            return any(n["status"] == "given" for n in found["notices"])

        await eventually(parent_told, timeout=30)

        url = f"{OPINIONS}/{opinion_id}/local-authority"
        start = threading.Barrier(20)

        async def tell() -> int:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as c:
                start.wait()  # all twenty at once
                return (await c.post(url, auth=ActingAs(LHB))).status_code

        def in_a_thread(_: int) -> int:
            return asyncio.run(tell())  # each thread its own request, in its own event loop

        with ThreadPoolExecutor(20) as pool:
            answers = await asyncio.to_thread(lambda: list(pool.map(in_a_thread, range(20))))
        assert sorted(answers) == [201] + [409] * 19
        with app.state.engine.connect() as conn:
            told = conn.execute(
                sa.select(sa.func.count()).where(
                    notices.c.source_event_id == opinion_id,
                    notices.c.kind == "health_body_opinion_to_la",
                )
            ).scalar()
        assert told == 1
