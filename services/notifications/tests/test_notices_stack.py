"""Notices and reminders in stack mode: PostgreSQL, Kafka and a real SMTP server on loopback.

1. A determination decided through the real determination service reaches the notifications
   service through Kafka and gives the right bilingual notices to the right parties, once,
   even when the same CloudEvent is published to the topic again.
2. A deadline carried by an event is reminded before it is due and alerted once missed, with the
   notifications service stopped and started again in between on the same schema: nothing is
   lost or sent twice.
"""

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from fastapi import FastAPI

from contracts import determination as det
from contracts.envelope import Envelope
from contracts.topics import DETERMINATION, DISPUTES, IDP
from determination.main import create_app as determination_app
from determination.settings import Settings as DeterminationSettings
from llwybr.clock import RuleId, working_days_before
from llwybr.kafka import KafkaPublisher, ensure_topics
from llwybr.settings import RuntimeSettings
from llwybr_testkit import ActingAs, eventually, read_envelopes
from notifications.main import create_app as notifications_app
from notifications.settings import Settings as NotificationsSettings

from .mailserver import Received, SmtpServer, running_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp_server() as server:
        yield server


pytestmark = pytest.mark.integration

SCHOOL, LA = "school:6652001", "la:665"


def notifications_settings(
    runtime: RuntimeSettings, schema: str, smtp: SmtpServer, **changes: Any
) -> NotificationsSettings:
    return NotificationsSettings(
        runtime=runtime,
        postgres_schema=schema,
        email_transport="smtp",
        smtp_host=smtp.host,
        smtp_port=smtp.port,
        smtp_from="Llwybr <notices@llwybr.example>",
        delivery_poll_seconds=0.1,
        reminder_poll_seconds=0.2,
        smtp_timeout_seconds=5,
        **changes,
    )


async def skip_history(runtime: RuntimeSettings) -> None:
    """Start this test's notices consumer group at the end of the topics.

    The broker is shared: its topics hold every earlier test run's events, which a new group
    would otherwise read from offset 0 (the rebuild path the pipeline tests cover) before this
    test's own. Committing the end offsets first is what a deployment does with the Kafka
    tools when it must not start from the beginning.
    """
    bootstrap = runtime.kafka_bootstrap_servers
    topics = [DETERMINATION, IDP, DISPUTES]
    for topic in topics:
        await ensure_topics(bootstrap, [topic.name], partitions=topic.partitions)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=f"{runtime.consumer_group_prefix}notifications.notices",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(t.name, p) for t in topics for p in range(t.partitions)]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        await consumer.commit({tp: await consumer.position(tp) for tp in partitions})
    finally:
        await consumer.stop()


@asynccontextmanager
async def running(app: FastAPI, name: str) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url=f"http://{name}", auth=ActingAs(SCHOOL)
        ) as client:
            yield client


async def learner_known(notifications: httpx.AsyncClient, learner_id: str, body: Any) -> None:
    """Set the learner's contacts once the concern has reached the service through Kafka."""

    async def accepted() -> bool:
        response = await notifications.put(f"/v1/contacts/learners/{learner_id}", json=body)
        return response.status_code == 200

    await eventually(accepted, timeout=60)


async def test_a_decided_determination_gives_bilingual_notices_once(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    suffix = uuid.uuid4().hex[:8]
    today = datetime.now(UTC).date()
    runtime = postgres_runtime.model_copy(update={"consumer_group_prefix": f"t{suffix}-"})
    await skip_history(runtime)
    async with AsyncExitStack() as stack:
        determination = await stack.enter_async_context(
            running(
                determination_app(
                    DeterminationSettings(runtime=postgres_runtime, postgres_schema=f"det_{suffix}")
                ),
                "determination",
            )
        )
        notifications_instance = notifications_app(
            notifications_settings(runtime, f"not_{suffix}", smtp_server)
        )
        notifications = await stack.enter_async_context(
            running(notifications_instance, "notifications")
        )
        for organisation, body in (
            (SCHOOL, {"name": "Ysgol Example", "email": "office@ysgol.example"}),
            (
                LA,
                {
                    "name": "Wrexham County Borough Council",
                    "name_cy": "Cyngor Bwrdeistref Sirol Wrecsam",
                    "email": "aln@wrexham.example",
                    "disagreement_resolution": "Ring 01978 000000 for disagreement resolution",
                },
            ),
        ):
            response = await notifications.put(
                f"/v1/contacts/organisations/{organisation}", json=body, auth=ActingAs(organisation)
            )
            assert response.status_code == 200, response.text

        learner_id = f"learner-{suffix}"
        raised = await determination.post(
            "/v1/determinations",
            json={
                "learner": {
                    "local_id": learner_id,
                    "given_name": "Cerys",
                    "family_name": "Jones",
                    "date_of_birth": "2017-05-02",
                    "setting": "maintained_school",
                    "setting_id": "6652001",
                    "local_authority": "665",
                },
                "raised_by": SCHOOL,
                "raised_with": SCHOOL,
                "came_to_attention_on": (today - timedelta(days=20)).isoformat(),
            },
        )
        assert raised.status_code == 201, raised.text
        case_id, learner_id = raised.json()["id"], raised.json()["learner_id"]
        await learner_known(
            notifications,
            learner_id,
            {
                "learner_name": "Cerys",
                "parties": [
                    {
                        "role": "parent",
                        "name": "Siân Jones",
                        "email": "sian@example.org",
                        "language": "cy",
                    },
                    {"role": "parent", "name": "Tom Jones", "email": "tom@example.org"},
                    {"role": "child", "name": "Cerys"},  # no address: told through her parents
                ],
            },
        )

        decided = await determination.post(
            f"/v1/determinations/{case_id}/decision",
            json={
                "has_aln": False,
                "reasons": "Good progress with universal provision",
                "decided_on": today.isoformat(),
                "decided_by": SCHOOL,
                "person": "ALNCo",
            },
        )
        assert decided.is_success, decided.text

        async def both_parents_emailed() -> bool:
            mailbox = smtp_server.mailbox
            return bool(mailbox.to("sian@example.org") and mailbox.to("tom@example.org"))

        await eventually(both_parents_emailed, timeout=60)

        # The same CloudEvent again, published to the real topic: nothing more is sent.
        events = await read_envelopes(kafka_bootstrap, DETERMINATION.name, {case_id}, 2, timeout=60)
        [decision] = [e for e in events if e.type == det.Decided.cloudevent_type()]
        publisher = KafkaPublisher(kafka_bootstrap, f"redelivery-{suffix}")
        await publisher.start()
        try:
            await publisher.publish([decision])
        finally:
            await publisher.stop()
        consumers = notifications_instance.state.consumers
        [consumer] = [c for c in consumers if c.name == "notifications.notices"]
        await eventually(lambda: consumer.duplicates >= 1, timeout=60)

        listed = (await notifications.get("/v1/notices", params={"learner_id": learner_id})).json()
        notices = listed["items"]
        by_role = sorted((n["recipient_role"], n["recipient_name"], n["status"]) for n in notices)
        assert by_role == [
            ("child", "Cerys", "escalated"),  # no email: listed for a person to act on
            ("issuer", "Ysgol Example", "given"),  # the school told so
            ("parent", "Siân Jones", "given"),
            ("parent", "Tom Jones", "given"),
        ]
        mailbox = smtp_server.mailbox
        # the two parents, and the school told that the child could not be reached
        await eventually(lambda: len(mailbox.to("office@ysgol.example")) >= 1, timeout=30)
        [welsh] = mailbox.to("sian@example.org")
        [bilingual] = mailbox.to("tom@example.org")
        # (the shared broker carries other runs' events too: only this learner's count here)
        [school] = [
            m for m in mailbox.to("office@ysgol.example") if "(Cerys)" in m.message["Subject"]
        ]
        assert "Cerys" in school.part("plain")

        assert welsh.message["Subject"] == ("Penderfyniad: dim anghenion dysgu ychwanegol (Cerys)")
        assert "Your right" not in welsh.part("plain")
        text = bilingual.part("plain")
        assert bilingual.message["Subject"] == (
            "Penderfyniad: dim anghenion dysgu ychwanegol (Cerys) / "
            "Decision: no additional learning needs (Cerys)"
        )
        assert text.index("Eich hawl i ofyn i\u2019r awdurdod lleol ailystyried") < text.index(
            "Your right to ask the local authority to reconsider"
        )
        assert "ask Wrexham County Borough Council to reconsider it" in text
        # the reasons as the school recorded them, through the public event (s.13(3), #18)
        assert text.count("Good progress with universal provision") == 2
        assert "Good progress with universal provision" in welsh.part("plain")
        assert "Ring 01978 000000 for disagreement resolution" in text
        assert bilingual.message["From"] == "Llwybr <notices@llwybr.example>"

        tom = next(n for n in notices if n["recipient_name"] == "Tom Jones")
        proof = (await notifications.get(f"/v1/notices/{tom['notice_id']}")).json()
        html = bilingual.part("html").replace("\r\n", "\n")
        assert proof["content_sha256"] == hashlib.sha256(html.encode()).hexdigest()
        assert (proof["channel"], proof["given_on"]) == ("email", today.isoformat())
        assert proof["delivered_at"] is not None
        assert proof["source_event_id"] == decision.id


async def publish(kafka: str, event: det.DeterminationEvent, version: int) -> None:
    envelope = Envelope.wrap(
        event,
        learner_id=event.learner_id,
        aggregate_id=event.determination_id,
        aggregate_version=version,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )
    publisher = KafkaPublisher(kafka, f"test-{uuid.uuid4().hex[:6]}")
    await publisher.start()
    try:
        await publisher.publish([envelope])
    finally:
        await publisher.stop()


def concern(learner_id: str, due: date) -> det.ConcernRaised:
    deadline = det.DeadlineFacts(
        rule_id=RuleId.D1,
        rule_table_version="2026.1",
        unit="school_days",
        length=35,
        trigger_date=due - timedelta(days=49),
        due_on=due,
        provisional=True,
        explanation="35 school days, counted as working days (no calendar)",
    )
    return det.ConcernRaised(
        determination_id=uuid.uuid4(),
        learner_id=learner_id,
        deciding_body="school",
        deciding_organisation=SCHOOL,
        local_authority="la:665",
        status="gathering_information",
        no_decision_reason=None,
        came_to_attention_on=due - timedelta(days=49),
        decision_deadline=deadline,
    )


def decision_given(raised: det.ConcernRaised, on: date) -> det.DecisionGiven:
    """The determination service's judgment: the no-ALN notice was given, the clock met."""
    return det.DecisionGiven(
        determination_id=raised.determination_id, learner_id=raised.learner_id,
        given_id=str(uuid.uuid4()), given_as="notice", given_on=on,
        deadline_keys=["decision"], clocks_met_on=on,
    )  # fmt: skip


def no_aln(raised: det.ConcernRaised, on: date) -> det.Decided:
    """The school decides the concern: no ALN (with ALN, an IDP service on the shared broker
    would open a plan)."""
    return det.Decided(
        determination_id=raised.determination_id,
        learner_id=raised.learner_id,
        has_aln=False,
        decided_on=on,
        decided_by=SCHOOL,
        deciding_body="school",
        local_authority="la:665",
        reconsidering_authority=None,
        within_time=True,
        young_person=False,
        looked_after=False,
        decision_deadline=raised.decision_deadline,
    )


async def test_a_reminder_before_and_an_alert_after_a_deadline_across_a_restart(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    schema = f"not_{uuid.uuid4().hex[:8]}"
    runtime = postgres_runtime.model_copy(update={"consumer_group_prefix": f"{schema}-"})
    await skip_history(runtime)
    learner_id = f"learner-{uuid.uuid4().hex[:8]}"
    due = date(2026, 12, 16)  # a Wednesday
    missed = concern(learner_id, due)
    met = concern(learner_id, due)
    before = working_days_before(due, 3)  # inside the 5-day lead: the reminder is due
    office = "office@ysgol.example"
    mailbox = smtp_server.mailbox

    def to_office() -> list[Received]:
        """The school's mail about this learner (the shared broker carries other runs' events,
        and the school's address is set here for all of them)."""
        return [r for r in mailbox.to(office) if learner_id in str(r.message["Subject"])]

    def settings(today: date) -> NotificationsSettings:
        return notifications_settings(runtime, schema, smtp_server, today=today)

    async with running(notifications_app(settings(before)), "notifications") as notifications:
        response = await notifications.put(
            f"/v1/contacts/organisations/{SCHOOL}",
            json={"name": "Ysgol Example", "email": office, "language": "en"},
        )
        assert response.status_code == 200, response.text
        await publish(kafka_bootstrap, missed, 1)
        await publish(kafka_bootstrap, met, 1)
        await eventually(lambda: len(to_office()) >= 2, timeout=60)
        reminders = [r for r in to_office() if "Reminder" in r.message["Subject"]]
        assert len(reminders) == 2
        assert "16 December 2026" in reminders[0].part("plain")
        # one of the two is met before it is due (decided, and its notice given, as the
        # determination service publishes it: s.4(6)): no alert will follow for it
        await publish(kafka_bootstrap, no_aln(met, before), 2)
        await publish(kafka_bootstrap, decision_given(met, before), 3)

        async def met_recorded() -> bool:
            page = await notifications.get("/v1/reminders", params={"status": "met"})
            return any(d["learner_id"] == learner_id for d in page.json()["items"])

        await eventually(met_recorded, timeout=60)

    # The service stops; it starts again the day after the deadline, on the same schema.
    async with running(
        notifications_app(settings(due + timedelta(days=1))), "notifications"
    ) as notifications:

        def alerted() -> bool:
            return any("missed" in r.message["Subject"] for r in to_office())

        await eventually(alerted, timeout=60)
        page = await notifications.get("/v1/reminders", params={"learner_id": learner_id})
        watched = {d["subject_id"]: d for d in page.json()["items"]}
        assert watched[str(missed.determination_id)]["alerted_at"] is not None
        assert watched[str(met.determination_id)]["alerted_at"] is None
        assert watched[str(met.determination_id)]["status"] == "met"
        # give the scheduler more rounds: still one reminder each and one alert
        await asyncio.sleep(1.0)
        listed = await notifications.get("/v1/notices", params={"learner_id": learner_id})
        cases = {str(missed.determination_id), str(met.determination_id)}
        kinds = sorted(
            n["kind"]
            for n in listed.json()["items"]
            if "deadline" in n["kind"] and n["subject_id"] in cases
        )
        assert kinds == ["deadline_missed", "deadline_reminder", "deadline_reminder"]

    subjects = sorted(
        str(r.message["Subject"]) for r in to_office() if "deadline" in r.message["Subject"]
    )
    learner = f"(the learner with reference {learner_id})"
    # the school's decision clock was counted without its term calendar: provisional (#17)
    assert subjects == [
        f"Reminder: statutory deadline on 16 December 2026 (provisional) {learner}",
        f"Reminder: statutory deadline on 16 December 2026 (provisional) {learner}",
        f"Statutory deadline missed on 16 December 2026 (provisional) {learner}",
    ]
    # the alert names the deadline as it was computed when its clock started
    [alert] = [r for r in to_office() if "missed" in r.message["Subject"]]
    assert "35 school days, counted as working days" in alert.part("plain")
