"""Who may read and write a learner's contacts and notices (issue 16, ADR 0015), through the
API in embedded mode: relationships come from the learner registry's facts and from the events,
never from a write; every refusal to see is the one 404."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from contracts import determination as det
from contracts import disputes as dis
from contracts.events import IntegrationEvent
from llwybr.access import not_found
from llwybr.bus import InProcessBus
from llwybr.clock import RuleId
from llwybr.consumer import processed_events
from llwybr.problems import NOT_FOUND_DETAIL
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs, eventually
from notifications.main import create_app
from notifications.settings import Settings

from .learners import envelope, new_learner, registered

LA, OTHER_LA, SCHOOL, OTHER_SCHOOL = "la:665", "la:666", "school:6652001", "school:6659999"
LHB = "lhb:7A1"
TODAY = date(2026, 3, 3)
PARENT = {"role": "parent", "name": "Siân Jones", "email": "sian@example.org"}


@dataclass
class Service:
    client: httpx.AsyncClient
    bus: InProcessBus
    engine: sa.Engine

    async def publish(self, event: IntegrationEvent, *, wait: bool = True) -> None:
        """Publish, and (``wait``) return once the notices consumer has applied it."""
        sent = envelope(event)
        await self.bus.publisher().publish([sent])

        async def applied() -> bool:
            with self.engine.connect() as conn:
                found = conn.execute(
                    sa.select(processed_events.c.event_id).where(
                        processed_events.c.consumer == "notifications.notices",
                        processed_events.c.event_id == sent.id,
                    )
                )
                return found.first() is not None

        if wait:
            await eventually(applied, timeout=20)

    async def contacts(self, learner_id: str, as_: str) -> httpx.Response:
        url = f"/v1/contacts/learners/{learner_id}"
        return await self.client.get(url, auth=ActingAs(as_))

    async def set_contacts(
        self, learner_id: str, as_: str, parties: list[dict[str, Any]] | None = None
    ) -> httpx.Response:
        url = f"/v1/contacts/learners/{learner_id}"
        body = {"learner_name": "Cerys", "parties": [PARENT] if parties is None else parties}
        return await self.client.put(url, json=body, auth=ActingAs(as_))

    async def notices(self, learner_id: str, as_: str) -> list[dict[str, Any]]:
        response = await self.client.get(
            "/v1/notices", params={"learner_id": learner_id}, auth=ActingAs(as_)
        )
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items


@pytest.fixture
def wait_seconds() -> float:
    """How long a caller not yet related waits for the consumer (short: most tests' 404s)."""
    return 0.3


@pytest.fixture
async def service(tmp_path: Path, wait_seconds: float) -> AsyncIterator[Service]:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET),
        delivery_poll_seconds=0.05,
        contacts_wait_seconds=wait_seconds,
        today=TODAY,
    )
    bus = InProcessBus()
    app = create_app(settings, bus)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as c:
            yield Service(c, bus, app.state.engine)


def concern_raised(learner_id: str, school: str = SCHOOL) -> det.ConcernRaised:
    return det.ConcernRaised(
        determination_id=uuid.uuid4(), learner_id=learner_id, deciding_body="school",
        deciding_organisation=school, local_authority="la:665", status="gathering_information",
        no_decision_reason=None, came_to_attention_on=TODAY - timedelta(days=3),
        decision_deadline=None,
    )  # fmt: skip


async def learner_of_la_665(service: Service) -> str:
    """A learner the registry says is la:665's, whose concern school:6652001 decides, with a
    parent registered by the school and a decision notice given about them."""
    learner_id = new_learner()
    await service.publish(registered(learner_id, enrolled_at=(SCHOOL,)))
    concern = concern_raised(learner_id)
    await service.publish(concern)
    response = await service.set_contacts(learner_id, SCHOOL)
    assert response.status_code == 200, response.text
    await service.publish(
        det.Decided(
            determination_id=concern.determination_id, learner_id=learner_id, has_aln=False,
            decided_on=TODAY, decided_by=SCHOOL, deciding_body="school", local_authority="la:665",
            reconsidering_authority=None, within_time=True, young_person=False,
            looked_after=False, decision_deadline=None,
        )
    )  # fmt: skip

    async def noticed() -> bool:
        return bool(await service.notices(learner_id, SCHOOL))

    await eventually(noticed, timeout=10)
    return learner_id


def assert_the_one_not_found(response: httpx.Response, *, retry: bool = False) -> None:
    assert response.status_code == 404, response.text
    expected = not_found()
    body = response.json()
    assert (body["title"], body["detail"]) == (expected.title, NOT_FOUND_DETAIL)
    assert body["type"].endswith("/not-found")
    assert set(body) <= {"type", "title", "status", "detail", "instance", "request_id"}
    assert (response.headers.get("retry-after") == "1") is retry


async def test_those_who_must_send_the_learner_notices_read_and_set_the_contacts(
    service: Service,
) -> None:
    learner_id = await learner_of_la_665(service)
    await service.publish(registered(learner_id, looking_after="la:512", enrolled_at=(SCHOOL,)))
    for organisation in (SCHOOL, LA, "la:512"):  # deciding body, responsible LA, looking after
        read = await service.contacts(learner_id, organisation)
        assert read.status_code == 200, organisation
        assert read.json()["parties"][0]["email"] == PARENT["email"]
        assert (await service.set_contacts(learner_id, organisation)).status_code == 200
        assert await service.notices(learner_id, organisation), organisation


async def test_an_la_no_longer_looking_after_the_learner_loses_the_contacts(
    service: Service,
) -> None:
    learner_id = await learner_of_la_665(service)
    await service.publish(registered(learner_id, looking_after="la:512", enrolled_at=(SCHOOL,)))
    assert (await service.contacts(learner_id, "la:512")).status_code == 200
    await service.publish(registered(learner_id, enrolled_at=(SCHOOL,)))  # no longer looked after
    assert_the_one_not_found(await service.contacts(learner_id, "la:512"), retry=True)
    assert await service.notices(learner_id, "la:512") == []
    assert (await service.contacts(learner_id, LA)).status_code == 200


async def test_an_la_that_opens_a_case_for_another_las_learner_gains_nothing(
    service: Service,
) -> None:
    learner_id = await learner_of_la_665(service)
    await service.publish(
        dis.DisagreementResolutionOpened(
            learner_id=learner_id, case_id=uuid.uuid4(), local_authority="666", subject_id=None,
            opened_on=TODAY,
        )
    )  # fmt: skip
    assert_the_one_not_found(await service.contacts(learner_id, OTHER_LA), retry=True)
    replaced = await service.set_contacts(
        learner_id, OTHER_LA, [{"role": "parent", "name": "Impostor", "email": "x@evil.example"}]
    )
    assert_the_one_not_found(replaced, retry=True)
    assert await service.notices(learner_id, OTHER_LA) == []
    [notice] = await service.notices(learner_id, SCHOOL)
    read = await service.client.get(f"/v1/notices/{notice['notice_id']}", auth=ActingAs(OTHER_LA))
    assert_the_one_not_found(read)
    again = await service.client.post(
        f"/v1/notices/{notice['notice_id']}/redelivery", auth=ActingAs(OTHER_LA)
    )
    assert_the_one_not_found(again)
    # the family's contact is as the school set it
    stored = (await service.contacts(learner_id, SCHOOL)).json()
    assert [p["email"] for p in stored["parties"]] == [PARENT["email"]]


async def test_a_second_school_naming_the_learner_learns_nothing(service: Service) -> None:
    learner_id = await learner_of_la_665(service)
    unknown = new_learner()
    for learner in (learner_id, unknown):  # another's learner, and one that never existed
        assert_the_one_not_found(await service.contacts(learner, OTHER_SCHOOL), retry=True)
        assert_the_one_not_found(await service.set_contacts(learner, OTHER_SCHOOL), retry=True)
        assert await service.notices(learner, OTHER_SCHOOL) == []
    # its write related it to nobody: still nothing
    assert_the_one_not_found(await service.contacts(unknown, OTHER_SCHOOL), retry=True)
    missing = await service.client.get(f"/v1/notices/{uuid.uuid4()}", auth=ActingAs(SCHOOL))
    assert_the_one_not_found(missing)


async def test_a_setting_enrolling_the_learner_does_not_read_the_family_contacts(
    service: Service,
) -> None:
    learner_id = await learner_of_la_665(service)
    await service.publish(registered(learner_id, enrolled_at=(SCHOOL, OTHER_SCHOOL)))
    assert_the_one_not_found(await service.contacts(learner_id, OTHER_SCHOOL), retry=True)
    assert await service.notices(learner_id, OTHER_SCHOOL) == []


async def test_a_health_body_referred_to_acts_on_the_referral_but_never_sees_the_contacts(
    service: Service,
) -> None:
    learner_id = await learner_of_la_665(service)
    due = TODAY + timedelta(days=42)
    await service.publish(
        det.NhsReferralReceived(
            determination_id=uuid.uuid4(), learner_id=learner_id, referral_id="r1", nhs_body=LHB,
            received_on=TODAY,
            answer_deadline=det.DeadlineFacts(
                rule_id=RuleId.D7, rule_table_version="2026.1", unit="weeks", length=6,
                trigger_date=TODAY, due_on=due, provisional=False, explanation="D7",
            ),
        )
    )  # fmt: skip
    read = await service.contacts(learner_id, LHB)
    assert read.status_code == 403  # related to the learner, not one who sends them notices
    assert read.json()["type"].endswith("/no-relationship")
    assert (await service.set_contacts(learner_id, LHB)).status_code == 403
    assert "sian@example.org" not in read.text


async def test_auditors_read_the_contacts_of_their_jurisdiction_and_write_nothing(
    service: Service,
) -> None:
    learner_id = await learner_of_la_665(service)
    for auditor in ("auditor:665", "auditor:wales"):
        assert (await service.contacts(learner_id, auditor)).status_code == 200, auditor
        assert await service.notices(learner_id, auditor), auditor
        written = await service.set_contacts(learner_id, auditor)
        assert written.status_code == 403
        assert written.json()["type"].endswith("/read-only")
    assert_the_one_not_found(await service.contacts(learner_id, "auditor:666"), retry=True)
    assert await service.notices(learner_id, "auditor:666") == []


@pytest.mark.parametrize("wait_seconds", [5.0])
async def test_contacts_are_registrable_as_soon_as_the_concern_is_acknowledged(
    service: Service,
) -> None:
    learner_id = new_learner()
    await service.publish(registered(learner_id))

    async def acknowledged_then_consumed() -> None:
        await asyncio.sleep(0.2)  # the concern's event reaches this service a moment later
        await service.publish(concern_raised(learner_id), wait=False)

    registering = service.set_contacts(learner_id, SCHOOL)
    response, _ = await asyncio.gather(registering, acknowledged_then_consumed())
    assert response.status_code == 200, response.text
    assert response.json()["parties"][0]["name"] == PARENT["name"]
