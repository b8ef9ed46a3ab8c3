"""Bounces in stack mode: PostgreSQL, Kafka, a real SMTP sink for the notices, and the
service's own bounce listener on loopback receiving delivery reports over SMTP (aiosmtplib).

A notice is sent with a VERP envelope sender; a report mailed back to that address marks it
bounced, appends the bounce to its proof in the event store and tells the issuing school, once.
"""

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import aiosmtplib
import httpx
import pytest
from pydantic import SecretStr

from contracts.topics import NOTIFICATIONS
from llwybr.kafka import KafkaPublisher
from llwybr.settings import RuntimeSettings
from llwybr_testkit import ActingAs, eventually, read_envelopes
from notifications.main import create_app
from notifications.notices import verp
from notifications.settings import BounceSettings

from .learners import envelope, registered
from .mailserver import Received, SmtpServer, free_port, running_smtp_server
from .reports import delivery_report, plain_bounce
from .test_notices_stack import (
    concern,
    no_aln,
    notifications_settings,
    publish,
    running,
    skip_history,
)

pytestmark = pytest.mark.integration

SCHOOL, OFFICE, PARENT = "school:6652001", "office@ysgol.example", "gone@example.org"
DOMAIN, KEY = "bounces.llwybr.example", "a-bounce-key-of-at-least-32-characters"
TODAY = date(2026, 3, 3)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp_server() as server:
        yield server


@dataclass
class Sent:
    """A notice given to a parent, as the parent's mail server received it."""

    client: httpx.AsyncClient
    smtp: SmtpServer
    listener_port: int
    learner_id: str
    notice_id: str
    received: Received

    async def notice(self) -> dict[str, Any]:
        response = await self.client.get(f"/v1/notices/{self.notice_id}")
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found

    async def notices(self, **params: Any) -> list[dict[str, Any]]:
        response = await self.client.get(
            "/v1/notices", params={"learner_id": self.learner_id, **params}
        )
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def report(self, raw: bytes, to: str | None = None, sender: str = "") -> None:
        """Mail a report to the bounce listener as the parent's mail server would: null
        sender, to the envelope sender the notice went out with."""
        client = aiosmtplib.SMTP(hostname="127.0.0.1", port=self.listener_port, timeout=10)
        async with client:
            await client.sendmail(sender, [to or self.received.mail_from], raw)

    async def record(self) -> list[str]:
        """The notice's proof in the hash-chained event store: its events' names (none until
        the sender's evidence round has written it)."""
        response = await self.client.get(
            f"/internal/history/aggregates/{self.notice_id}", auth=ActingAs("auditor:665")
        )
        if response.status_code == 404:
            return []
        assert response.status_code == 200, response.text
        return [e["event"] for e in response.json()["events"]]

    def told_school(self) -> list[Received]:
        return [r for r in self.smtp.mailbox.to(OFFICE) if self.notice_id in r.part("plain")]


@asynccontextmanager
async def sent_notice(
    runtime: RuntimeSettings, kafka: str, smtp: SmtpServer
) -> AsyncIterator[Sent]:
    """The service with its bounce listener, and a no-ALN decision given to one parent."""
    suffix = uuid.uuid4().hex[:8]
    runtime = runtime.model_copy(update={"consumer_group_prefix": f"b{suffix}-"})
    await skip_history(runtime)
    port = free_port()
    bounces = BounceSettings(domain=DOMAIN, secret_keys=SecretStr(KEY), listen_port=port)
    settings = notifications_settings(runtime, f"bnc_{suffix}", smtp, bounces=bounces, today=TODAY)
    async with running(create_app(settings), "notifications") as client:
        response = await client.put(
            f"/v1/contacts/organisations/{SCHOOL}",
            json={"name": "Ysgol Example", "email": OFFICE, "language": "en"},
        )
        assert response.status_code == 200, response.text
        learner_id = f"learner-{suffix}"
        # The registry's facts first, as the determination service publishes them: the
        # learner is Wrexham's, so its auditor reads the notice's proof (ADR 0015).
        publisher = KafkaPublisher(kafka, f"test-{suffix}")
        try:
            await publisher.publish([envelope(registered(learner_id))])
        finally:
            await publisher.stop()
        raised = concern(learner_id, TODAY + timedelta(days=30))
        await publish(kafka, raised, 1)

        async def contacts_set() -> bool:
            response = await client.put(
                f"/v1/contacts/learners/{learner_id}",
                json={"parties": [{"role": "parent", "name": "Siân", "email": PARENT}]},
            )
            return response.status_code == 200

        await eventually(contacts_set, timeout=60)
        await publish(kafka, no_aln(raised, TODAY), 2)

        def received() -> list[Received]:
            return [r for r in smtp.mailbox.to(PARENT) if learner_id in str(r.message["Subject"])]

        await eventually(lambda: bool(received()), timeout=60)
        [message] = received()
        sent = Sent(
            client, smtp, port, learner_id, str(message.message["X-Llwybr-Notice"]), message
        )
        # given, and its proof recorded, before any report comes back
        await eventually(lambda: _recorded(sent, "NoticeGiven"), timeout=30)
        yield sent


async def _recorded(sent: Sent, event: str) -> bool:
    return event in await sent.record()


async def test_a_permanent_bounce_marks_the_notice_bounced_and_tells_the_school_once(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    async with sent_notice(postgres_runtime, kafka_bootstrap, smtp_server) as sent:
        # the envelope sender is the notice's signed VERP address; the From is unchanged
        assert verp.notice_of(sent.received.mail_from, "bounces", DOMAIN, [KEY.encode()]) == (
            sent.notice_id
        )
        assert sent.received.message["From"] == "Llwybr <notices@llwybr.example>"
        assert sent.received.message["Auto-Submitted"] == "auto-generated"
        before = await sent.notice()
        assert (before["status"], before["counts_as_given"]) == ("given", True)

        report = delivery_report(sent.received.mail_from, PARENT)
        await sent.report(report)
        bounced = await sent.notice()  # recorded before the listener answered 250
        assert (bounced["status"], bounced["counts_as_given"]) == ("bounced", False)
        assert bounced["bounce_status"] == "5.1.1"
        assert "User unknown" in bounced["bounce_diagnostic"]
        assert bounced["bounced_at"] is not None
        assert bounced["given_on"] == TODAY.isoformat()  # what it stated, kept as proof
        assert "does not count as given" in bounced["escalation_reason"]
        [kept] = bounced["reports"]
        assert (kept["bounce"], kept["status"], kept["action"]) == ("permanent", "5.1.1", "failed")
        listed = await sent.notices(status="bounced")
        assert [n["notice_id"] for n in listed] == [sent.notice_id]

        # the school is told, as for a notice refused outright
        await eventually(lambda: bool(sent.told_school()), timeout=30)
        [told] = sent.told_school()
        assert "could not be delivered" in told.part("plain")
        assert "5.1.1" in told.part("plain")

        # the proof: given, then bounced (so no longer given), then escalated; appended, the
        # chain still verifies
        await eventually(lambda: _recorded(sent, "NoticeEscalated"), timeout=30)
        assert await sent.record() == [
            "NoticeCreated",
            "NoticeGiven",
            "NoticeBounced",
            "NoticeNotGiven",
            "NoticeEscalated",
        ]
        verified = await sent.client.get(
            "/internal/history/verify",
            params={"aggregate_id": sent.notice_id},
            auth=ActingAs("auditor:665"),
        )
        assert verified.json()["ok"] is True
        published = await read_envelopes(
            kafka_bootstrap, NOTIFICATIONS.name, {sent.notice_id}, 3, timeout=60
        )
        assert [e.type.rsplit(".", 2)[-2] for e in published] == [
            "notice-given",
            "notice-bounced",
            "notice-escalated",
        ]

        # the same report again: accepted, and nothing more happens
        await sent.report(report)
        again = await sent.notice()
        assert len(again["reports"]) == 1
        assert again["escalated_at"] == bounced["escalated_at"]
        undeliverable = await sent.notices(kind="undeliverable")
        assert len(undeliverable) == 1
        assert await sent.record() == [
            "NoticeCreated",
            "NoticeGiven",
            "NoticeBounced",
            "NoticeNotGiven",
            "NoticeEscalated",
        ]


async def test_a_forged_or_unknown_bounce_address_is_refused_and_changes_nothing(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    async with sent_notice(postgres_runtime, kafka_bootstrap, smtp_server) as sent:
        notice = uuid.UUID(sent.notice_id)
        wrong_key = b"someone-else's-key-of-32-characters!"
        for address in (
            verp.bounce_address("bounces", DOMAIN, wrong_key, sent.notice_id),  # forged
            f"bounces+{notice.hex}.{'0' * 20}@{DOMAIN}",  # altered
            verp.bounce_address("bounces", DOMAIN, KEY.encode(), str(uuid.uuid4())),  # unknown
            f"postmaster@{DOMAIN}",
            "someone@example.org",  # no relaying
        ):
            with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
                await sent.report(delivery_report(address, PARENT), to=address)
            assert [r.code for r in refused.value.recipients] == [550], address
        after = await sent.notice()
        assert (after["status"], after["reports"], after["bounced_at"]) == ("given", [], None)
        assert await sent.notices(kind="undeliverable") == []


async def test_a_report_forged_by_a_recipient_is_kept_but_changes_nothing(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    async with sent_notice(postgres_runtime, kafka_bootstrap, smtp_server) as sent:
        # The parent, who has the bounce address from the Return-Path, writes the reports.
        await sent.report(delivery_report(sent.received.mail_from, PARENT), sender=PARENT)
        other = delivery_report(sent.received.mail_from, "someone-else@example.org")
        await sent.report(other)
        notice = await sent.notice()
        assert (notice["status"], notice["counts_as_given"], notice["bounced_at"]) == (
            "given",
            True,
            None,
        )
        assert [r["bounce"] for r in notice["reports"]] == ["permanent", "permanent"]
        assert await sent.notices(kind="undeliverable") == []


async def test_a_transient_bounce_is_recorded_without_escalating(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    async with sent_notice(postgres_runtime, kafka_bootstrap, smtp_server) as sent:
        delayed = delivery_report(
            sent.received.mail_from,
            PARENT,
            action="delayed",
            status="4.4.1",
            diagnostic="smtp; 451 4.4.1 connection timed out",
        )
        await sent.report(delayed)
        notice = await sent.notice()
        assert (notice["status"], notice["counts_as_given"], notice["bounced_at"]) == (
            "given",
            True,
            None,
        )
        [kept] = notice["reports"]
        assert (kept["bounce"], kept["status"], kept["action"]) == ("transient", "4.4.1", "delayed")
        await eventually(lambda: _recorded(sent, "NoticeBounced"), timeout=30)
        assert await sent.record() == ["NoticeCreated", "NoticeGiven", "NoticeBounced"]
        assert await sent.notices(kind="undeliverable") == []


async def test_a_bounce_in_no_standard_format_is_kept_unparsed(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    async with sent_notice(postgres_runtime, kafka_bootstrap, smtp_server) as sent:
        await sent.report(plain_bounce(sent.received.mail_from, PARENT))
        notice = await sent.notice()
        assert notice["status"] == "given"
        [kept] = notice["reports"]
        assert (kept["bounce"], kept["subject"]) == ("unparsed", "failure notice")
        assert len(kept["message_sha256"]) == 64
        assert [n["notice_id"] for n in await sent.notices(report="unparsed")] == [sent.notice_id]
        assert await sent.notices(report="permanent") == []
        assert await sent.notices(kind="undeliverable") == []


async def test_a_bounce_forwarded_over_http_is_recorded_as_by_the_listener(
    postgres_runtime: RuntimeSettings, kafka_bootstrap: str, smtp_server: SmtpServer
) -> None:
    async with sent_notice(postgres_runtime, kafka_bootstrap, smtp_server) as sent:
        relay = ActingAs("system:mail-relay", scopes=["bounces:report"])
        raw = delivery_report(sent.received.mail_from, PARENT)  # To: the bounce address

        async def forward(body: bytes, **options: Any) -> httpx.Response:
            headers = {"content-type": options.pop("content_type", "message/rfc822")}
            return await sent.client.post(
                "/v1/notices/bounces",
                content=body,
                headers=headers,
                auth=options.pop("auth", relay),
                **options,
            )

        refused = [
            (await forward(raw, auth=ActingAs(SCHOOL))).status_code,
            (await forward(raw, content_type="text/plain")).status_code,
            (await forward(delivery_report(f"bounces+x@{DOMAIN}", PARENT))).status_code,
            (await forward(raw + b"x" * (10 * 1024 * 1024))).status_code,
        ]
        assert refused == [403, 415, 404, 413]
        assert (await sent.notice())["status"] == "given"

        response = await forward(raw)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "notice_id": sent.notice_id,
            "bounce": "permanent",
            "recorded": True,
        }
        assert (await sent.notice())["status"] == "bounced"
        again = await forward(raw, params={"to": sent.received.mail_from})
        assert again.json()["recorded"] is False
        assert len((await sent.notice())["reports"]) == 1
        assert len(await sent.notices(kind="undeliverable")) == 1
