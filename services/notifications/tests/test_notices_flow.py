"""Notices end to end in embedded mode: events on the in-process bus, the contacts registry and
the notices API, delivery to a real SMTP server on loopback (aiosmtpd)."""

import email
import hashlib
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.policy import default
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts import determination as det
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent
from contracts.topics import NOTIFICATIONS
from llwybr.bus import InProcessBus
from llwybr.clock import RuleId
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually
from notifications.main import create_app
from notifications.settings import Settings

from .learners import registered
from .mailserver import Mailbox, SmtpServer, running_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp_server() as server:
        yield server


SCHOOL, LA = "school:6652001", "la:665"
TODAY = date(2026, 3, 3)
AS_SCHOOL = ActingAs(SCHOOL)  # the client's own caller


@dataclass
class Service:
    client: httpx.AsyncClient
    bus: InProcessBus
    smtp: SmtpServer

    async def publish(self, event: IntegrationEvent, aggregate: uuid.UUID, version: int) -> None:
        learner = getattr(event, "learner_id")  # noqa: B009 (every learner event has one)
        envelope = Envelope.wrap(
            event,
            learner_id=learner,
            aggregate_id=aggregate,
            aggregate_version=version,
            time=datetime.now(UTC),
            integrity_hash="0" * 64,
        )
        await self.bus.publisher().publish([envelope])

    async def notices(
        self, learner_id: str, *, auth: httpx.Auth = AS_SCHOOL, **params: Any
    ) -> list[dict[str, Any]]:
        response = await self.client.get(
            "/v1/notices", params={"learner_id": learner_id, **params}, auth=auth
        )
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items


@pytest.fixture
async def service(tmp_path: Path, smtp_server: SmtpServer) -> AsyncIterator[Service]:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET),
        email_transport="smtp",
        smtp_host=smtp_server.host,
        smtp_port=smtp_server.port,
        smtp_from="Llwybr <notices@llwybr.example>",
        delivery_poll_seconds=0.05,
        retry_base_seconds=0.05,
        retry_max_seconds=0.2,
        delivery_max_attempts=3,
        smtp_timeout_seconds=5,
        reminder_poll_seconds=0.1,
        today=TODAY,
    )
    bus = InProcessBus()
    app = create_app(settings, bus)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://notifications", auth=ActingAs(SCHOOL)
        ) as client:
            yield Service(client, bus, smtp_server)


def deadline(rule: str, due: date) -> det.DeadlineFacts:
    return det.DeadlineFacts(
        rule_id=rule,
        rule_table_version="2026.1",
        unit="school_days",
        length=35,
        trigger_date=due - timedelta(days=50),
        due_on=due,
        provisional=True,
        explanation=f"{rule}: due {due}",
    )


async def concern(
    service: Service, due: date = TODAY + timedelta(days=20)
) -> tuple[str, uuid.UUID]:
    learner_id, case = f"learner-{uuid.uuid4().hex[:8]}", uuid.uuid4()
    await service.publish(registered(learner_id), uuid.uuid4(), 1)  # the registry: la:665's
    await service.publish(
        det.ConcernRaised(
            determination_id=case,
            learner_id=learner_id,
            deciding_body="school",
            deciding_organisation=SCHOOL,
            local_authority="la:665",
            status="gathering_information",
            no_decision_reason=None,
            came_to_attention_on=TODAY - timedelta(days=30),
            decision_deadline=deadline(RuleId.D1, due),
        ),
        case,
        1,
    )
    return learner_id, case


async def decide(service: Service, learner_id: str, case: uuid.UUID, version: int = 2) -> None:
    await service.publish(
        det.Decided(
            determination_id=case,
            learner_id=learner_id,
            has_aln=False,
            decided_on=TODAY,
            decided_by=SCHOOL,
            deciding_body="school",
            local_authority="la:665",
            reconsidering_authority=None,
            within_time=True,
            young_person=False,
            looked_after=False,
            decision_deadline=deadline(RuleId.D1, TODAY + timedelta(days=20)),
        ),
        case,
        version,
    )


async def set_contacts(service: Service, learner_id: str, parties: list[dict[str, Any]]) -> Any:
    async def known() -> bool:
        response = await service.client.put(
            f"/v1/contacts/learners/{learner_id}",
            json={"learner_name": "Cerys", "parties": parties},
        )
        return response.status_code == 200

    await eventually(known, timeout=10)  # once the concern has been consumed
    return (await service.client.get(f"/v1/contacts/learners/{learner_id}")).json()


async def set_organisation(service: Service, organisation: str, email: str) -> None:
    response = await service.client.put(
        f"/v1/contacts/organisations/{organisation}",
        auth=ActingAs(organisation),
        json={
            "name": "Ysgol Example",
            "email": email,
            "language": "en",
            "disagreement_resolution": "Ring 01978 000000",
        },
    )
    assert response.status_code == 200, response.text


async def settled(
    service: Service, learner_id: str, count: int, auth: httpx.Auth = AS_SCHOOL
) -> list[dict[str, Any]]:
    async def done() -> bool:
        found = await service.notices(learner_id, auth=auth)
        return len(found) >= count and all(n["status"] != "pending" for n in found)

    await eventually(done, timeout=15)
    return await service.notices(learner_id, auth=auth)


async def test_a_decision_is_emailed_to_each_parent_in_their_language(service: Service) -> None:
    await set_organisation(service, SCHOOL, "office@ysgol.example")
    learner_id, case = await concern(service)
    await set_contacts(
        service,
        learner_id,
        [
            {"role": "parent", "name": "Siân Jones", "email": "sian@example.org", "language": "cy"},
            {"role": "parent", "name": "Tom Jones", "email": "tom@example.org"},
        ],
    )
    await decide(service, learner_id, case)
    given = await settled(service, learner_id, 2)
    assert {n["status"] for n in given} == {"given"}
    [welsh] = service.smtp.mailbox.to("sian@example.org")
    [both] = service.smtp.mailbox.to("tom@example.org")
    assert welsh.message["Content-Language"] == "cy"
    assert "Decision about" not in welsh.part("plain")
    assert both.message["Subject"].startswith("Penderfyniad")
    assert " / Decision: no additional learning needs (Cerys)" in both.message["Subject"]
    text = both.part("plain")
    assert text.index("Eich hawl i ofyn") < text.index("Your right to ask the local authority")
    # the proof is the content received
    notice = next(n for n in given if n["recipient_address"] == "tom@example.org")
    detail = (await service.client.get(f"/v1/notices/{notice['notice_id']}")).json()
    received_html = both.part("html").replace("\r\n", "\n")  # SMTP carries CRLF
    assert detail["content_sha256"] == hashlib.sha256(received_html.encode()).hexdigest()
    assert detail["given_on"] == TODAY.isoformat()
    assert detail["window"] is None  # a school's decision: ask the LA, no time limit
    assert [d["outcome"] for d in detail["deliveries"]] == ["accepted"]
    assert detail["deliveries"][0]["smtp_code"] == 250


async def test_an_las_idp_not_necessary_decision_is_emailed_to_the_young_person(
    service: Service,
) -> None:
    learner_id, case = f"learner-{uuid.uuid4().hex[:8]}", uuid.uuid4()
    await service.publish(
        det.ConcernRaised(
            determination_id=case, learner_id=learner_id, deciding_body="local_authority",
            deciding_organisation=LA, local_authority="la:665", status="awaiting_consent",
            no_decision_reason=None, came_to_attention_on=TODAY - timedelta(days=40),
            decision_deadline=None,
        ),
        case, 1,
    )  # fmt: skip
    la = ActingAs(LA)
    parties = [
        {"role": "young_person", "name": "Dylan Evans", "email": "dylan@example.org",
         "language": "en"},
        {"role": "parent", "name": "Rhiannon Evans", "email": "rhiannon@example.org"},
    ]  # fmt: skip

    async def known() -> bool:
        response = await service.client.put(
            f"/v1/contacts/learners/{learner_id}", auth=la,
            json={"learner_name": "Dylan", "parties": parties},
        )  # fmt: skip
        return response.status_code == 200

    await eventually(known, timeout=10)  # once the concern has been consumed
    await service.publish(
        det.Decided(
            determination_id=case, learner_id=learner_id, has_aln=True, idp_necessary=False,
            decided_on=TODAY, decided_by=LA, deciding_body="local_authority",
            local_authority="la:665", reconsidering_authority=None, within_time=True,
            young_person=True, looked_after=False,
            decision_deadline=deadline(RuleId.D5, TODAY + timedelta(days=40)),
        ),
        case, 3,
    )  # fmt: skip
    [notice] = await settled(service, learner_id, 1, auth=la)
    assert (notice["kind"], notice["status"]) == ("idp_not_necessary", "given")
    assert service.smtp.mailbox.to("rhiannon@example.org") == []  # a young person's own notice
    [mail] = service.smtp.mailbox.to("dylan@example.org")
    text = " ".join(mail.part("plain").split())
    assert "an individual development plan (IDP) is not necessary" in text
    assert "Your appeal must reach the Tribunal by 28 April 2026" in text
    detail = (await service.client.get(f"/v1/notices/{notice['notice_id']}", auth=la)).json()
    assert detail["window"]["rule_id"] == "D18"
    assert detail["window"]["until"] == "2026-04-28"


async def test_a_missing_parent_is_escalated_then_sent_once_registered(service: Service) -> None:
    learner_id, case = await concern(service)
    await set_contacts(service, learner_id, [])
    await decide(service, learner_id, case)
    [waiting] = await settled(service, learner_id, 1)
    assert waiting["status"] == "escalated"
    assert "no parent is registered" in waiting["escalation_reason"]
    escalated = await service.notices(learner_id, status="escalated")
    assert [n["notice_id"] for n in escalated] == [waiting["notice_id"]]

    response = await service.client.put(
        f"/v1/contacts/learners/{learner_id}",
        json={"parties": [{"role": "parent", "name": "Siân", "email": "sian@example.org"}]},
    )
    assert response.json()["notices_sent"]
    notices = await settled(service, learner_id, 2)
    statuses = sorted(n["status"] for n in notices)
    assert statuses == ["given", "superseded"]
    assert len(service.smtp.mailbox.to("sian@example.org")) == 1


async def rejected(service: Service) -> tuple[str, dict[str, Any]]:
    """A school's decision notice the parent's mail server refused: (learner, notice)."""
    await set_organisation(service, SCHOOL, "office@ysgol.example")
    service.smtp.mailbox.replies["gone@example.org"] = ["550 5.1.1 mailbox unavailable"]
    learner_id, case = await concern(service)
    await set_contacts(
        service, learner_id, [{"role": "parent", "name": "Siân", "email": "gone@example.org"}]
    )
    await decide(service, learner_id, case)
    notices = await settled(service, learner_id, 2)
    return learner_id, next(n for n in notices if n["kind"] == "decision_no_aln")


async def test_a_rejected_address_is_escalated_and_the_issuer_told(service: Service) -> None:
    learner_id, failed = await rejected(service)
    assert failed["status"] == "escalated"
    assert failed["bounced_at"] is not None
    assert (failed["bounce_status"], failed["counts_as_given"]) == ("5.1.1", False)
    assert "550" in failed["escalation_reason"]
    [told] = service.smtp.mailbox.to("office@ysgol.example")
    assert "could not be delivered" in told.part("plain")
    assert failed["notice_id"] in told.part("plain")

    # once the address is corrected, the school asks for the notice to be sent again
    await service.client.put(
        f"/v1/contacts/learners/{learner_id}",
        json={"parties": [{"role": "parent", "name": "Siân", "email": "sian@example.org"}]},
    )
    response = await service.client.post(f"/v1/notices/{failed['notice_id']}/redelivery")
    # the registry update already sent it: a notice never attempted is sent, one rejected
    # waits for a person to ask
    assert response.status_code == 201, response.text
    await settled(service, learner_id, 3)
    assert len(service.smtp.mailbox.to("sian@example.org")) == 1


async def test_temporary_failures_are_retried_with_a_record_per_attempt(service: Service) -> None:
    service.smtp.mailbox.replies["slow@example.org"] = ["451 4.3.0 try later"] * 2
    learner_id, case = await concern(service)
    await set_contacts(
        service, learner_id, [{"role": "parent", "name": "Siân", "email": "slow@example.org"}]
    )
    await decide(service, learner_id, case)
    [notice] = await settled(service, learner_id, 1)
    assert notice["status"] == "given"
    assert notice["attempts"] == 3
    detail = (await service.client.get(f"/v1/notices/{notice['notice_id']}")).json()
    assert [d["outcome"] for d in detail["deliveries"]] == [
        "temporary_failure",
        "temporary_failure",
        "accepted",
    ]
    assert detail["deliveries"][0]["smtp_code"] == 451


async def test_a_server_that_never_accepts_ends_in_escalation(service: Service) -> None:
    service.smtp.mailbox.replies["full@example.org"] = ["452 4.2.2 mailbox full"] * 5
    learner_id, case = await concern(service)
    await set_contacts(
        service, learner_id, [{"role": "parent", "name": "Siân", "email": "full@example.org"}]
    )
    await decide(service, learner_id, case)
    [notice] = await settled(service, learner_id, 1)
    assert notice["status"] == "escalated"
    assert notice["escalation_reason"].startswith("not accepted after 3 attempts")


async def test_another_organisation_cannot_see_or_set_a_learners_contacts(service: Service) -> None:
    learner_id, _ = await concern(service)
    await set_contacts(service, learner_id, [])
    other = ActingAs("school:6659999")
    response = await service.client.get(f"/v1/contacts/learners/{learner_id}", auth=other)
    assert response.status_code == 404
    response = await service.client.put(
        f"/v1/contacts/learners/{learner_id}", auth=other, json={"parties": []}
    )
    assert response.status_code == 404
    auditor = ActingAs("auditor:665")
    assert (
        await service.client.get(f"/v1/contacts/learners/{learner_id}", auth=auditor)
    ).status_code == 200
    response = await service.client.put(
        f"/v1/contacts/learners/{learner_id}", auth=auditor, json={"parties": []}
    )
    assert response.status_code == 403


async def test_a_bad_email_address_is_refused_and_nothing_is_stored(service: Service) -> None:
    learner_id, _ = await concern(service)
    await set_contacts(service, learner_id, [])
    response = await service.client.put(
        f"/v1/contacts/learners/{learner_id}",
        json={"parties": [{"role": "parent", "name": "Siân", "email": "not an address"}]},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    stored = (await service.client.get(f"/v1/contacts/learners/{learner_id}")).json()
    assert stored["parties"] == []


async def test_a_stale_if_match_is_refused(service: Service) -> None:
    learner_id, _ = await concern(service)
    await set_contacts(service, learner_id, [])
    response = await service.client.put(
        f"/v1/contacts/learners/{learner_id}", headers={"If-Match": '"0"'}, json={"parties": []}
    )
    assert response.status_code == 412


async def test_a_school_may_not_set_another_organisations_address(service: Service) -> None:
    response = await service.client.put(
        "/v1/contacts/organisations/la:665",
        json={"name": "Wrexham", "email": "aln@wrexham.example"},
    )
    assert response.status_code == 403
    response = await service.client.put(
        "/v1/contacts/organisations/school:6652001",
        auth=ActingAs(LA),
        json={"name": "Ysgol", "email": "office@ysgol.example"},
    )
    assert response.status_code == 200  # an LA sets its schools'


async def test_the_proof_of_notice_is_in_the_hash_chained_store(service: Service) -> None:
    learner_id, case = await concern(service)
    await set_contacts(
        service, learner_id, [{"role": "parent", "name": "Siân", "email": "sian@example.org"}]
    )
    await decide(service, learner_id, case)
    [notice] = await settled(service, learner_id, 1)
    auditor = ActingAs("auditor:665")

    async def recorded() -> list[dict[str, Any]]:
        response = await service.client.get(
            f"/internal/history/learners/{learner_id}", auth=auditor
        )
        events: list[dict[str, Any]] = response.json()["events"]
        return events

    await eventually(lambda: _has_given(recorded), timeout=10)
    events = await recorded()
    assert [e["event"] for e in events] == ["NoticeCreated", "NoticeGiven"]
    given = events[1]["data"]
    assert given["content_sha256"] == notice["content_sha256"]
    assert given["given_on"] == TODAY.isoformat()
    assert given["address_sha256"] == hashlib.sha256(b"sian@example.org").hexdigest()
    assert "sian@example.org" not in str(events)  # no address in the immutable log
    other_area = await service.client.get(
        f"/internal/history/learners/{learner_id}", auth=ActingAs("auditor:670")
    )
    assert other_area.status_code == 404  # an auditor reads its own jurisdiction's history
    verified = await service.client.get(
        "/internal/history/verify", auth=ActingAs("auditor:wales")
    )  # a whole store is the auditor for Wales's to check
    assert verified.json()["ok"] is True

    # and published: ids, dates and the hash, no address or content
    def published() -> list[Envelope]:
        return [e for e in service.bus.log(NOTIFICATIONS.name) if e.subject == learner_id]

    await eventually(lambda: bool(published()), timeout=10)
    [envelope] = published()
    assert envelope.type == "wales.aln.notifications.notice-given.v1"
    assert envelope.data["notice_id"] == notice["notice_id"]
    assert envelope.data["content_sha256"] == notice["content_sha256"]
    assert (envelope.data["given_on"], envelope.data["recipient_role"]) == (
        TODAY.isoformat(),
        "parent",
    )
    assert "sian@example.org" not in str(envelope.data)


async def _has_given(recorded: Any) -> bool:
    return any(e["event"] == "NoticeGiven" for e in await recorded())


async def test_embedded_mode_writes_each_email_to_the_outbox(tmp_path: Path) -> None:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET),
        delivery_poll_seconds=0.05,
        today=TODAY,
    )
    assert settings.transport == "file"  # the default without a mail server
    bus = InProcessBus()
    app = create_app(settings, bus)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://notifications", auth=ActingAs(SCHOOL)
        ) as client:
            service = Service(client, bus, SmtpServer("-", 0, Mailbox()))
            learner_id, case = await concern(service)
            await set_contacts(
                service,
                learner_id,
                [{"role": "parent", "name": "Siân", "email": "sian@example.org"}],
            )
            await decide(service, learner_id, case)
            [notice] = await settled(service, learner_id, 1)
    assert (notice["status"], notice["channel"]) == ("given", "file")
    [written] = (tmp_path / "notifications" / "outbox").glob("*.eml")
    message = email.message_from_bytes(written.read_bytes(), policy=default)
    assert message["To"] == "Siân <sian@example.org>"
    assert message["X-Llwybr-Notice"] == notice["notice_id"]
