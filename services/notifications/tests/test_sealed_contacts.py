"""The contacts registry's names and email addresses are sealed with the learner's data key
(issue 23, ADR 0023); after the learner's erasure they read as erased, no notice is sent to
the family (each is listed as not deliverable), new contacts are refused, and another
learner's contacts are untouched. Embedded mode, the vault the service itself holds."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from llwybr.bus import InProcessBus
from llwybr.personal_data.bound import vault_of
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET, ActingAs
from notifications.main import create_app
from notifications.settings import Settings
from notifications.tables import contact_learners, contact_parties

from .mailserver import running_smtp_server
from .test_notices_flow import SCHOOL, TODAY, Service, concern, decide, set_contacts, settled

SIAN = {"role": "parent", "name": "Siân Jones", "email": "sian@example.org"}
TOM = {"role": "parent", "name": "Tom Pritchard", "email": "tom@example.org"}


@dataclass
class Sealed:
    service: Service
    engine: sa.Engine


@pytest.fixture
async def sealed(tmp_path: Path) -> AsyncIterator[Sealed]:
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET),
        delivery_poll_seconds=0.05,
        reminder_poll_seconds=0.1,
        today=TODAY,
    )
    bus = InProcessBus()
    app: FastAPI = create_app(settings, bus)
    with running_smtp_server() as smtp:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://notifications", auth=ActingAs(SCHOOL)
            ) as client:
                yield Sealed(Service(client, bus, smtp), app.state.engine)


def stored(engine: sa.Engine, learner_id: str) -> list[str | None]:
    with engine.connect() as conn:
        name = conn.execute(
            sa.select(contact_learners.c.learner_name).where(
                contact_learners.c.learner_id == learner_id
            )
        ).scalar_one()
        rows = conn.execute(
            sa.select(contact_parties.c.name, contact_parties.c.email).where(
                contact_parties.c.learner_id == learner_id
            )
        ).all()
    return [name, *(value for row in rows for value in row)]


async def test_contacts_are_sealed_and_read_as_erased_after_the_shred(sealed: Sealed) -> None:
    service = sealed.service
    learner_id, case = await concern(service)
    other_id, _ = await concern(service)
    read = await set_contacts(service, learner_id, [SIAN])
    await set_contacts(service, other_id, [TOM])
    assert read["learner_name"] == "Cerys"
    assert [(p["name"], p["email"]) for p in read["parties"]] == [("Siân Jones", SIAN["email"])]
    assert read["personal_data_erased"] is None
    at_rest = stored(sealed.engine, learner_id)
    assert len(at_rest) == 3
    assert all(value is not None and value.startswith("pd1:") for value in at_rest)
    assert not any("Siân" in str(v) or "sian@" in str(v) or "Cerys" in str(v) for v in at_rest)

    vault = vault_of(sealed.engine)
    assert vault is not None
    vault.shred(learner_id, erased_on=TODAY, erased_by="la:665", schedule="aln-file-25")

    erased = (await service.client.get(f"/v1/contacts/learners/{learner_id}")).json()
    assert erased["learner_name"] is None
    assert erased["parties"] == []
    assert erased["personal_data_erased"] == (
        f"personal data erased on {TODAY.isoformat()} under schedule aln-file-25"
    )
    await decide(service, learner_id, case)
    [notice] = await settled(service, learner_id, 1)
    assert notice["status"] == "escalated"
    assert notice["escalation_reason"].startswith("not deliverable: personal data erased on")
    assert service.smtp.mailbox.to(SIAN["email"]) == []

    again = await service.client.put(
        f"/v1/contacts/learners/{learner_id}", json={"parties": [SIAN]}
    )
    assert again.status_code == 422, again.text
    assert again.headers["content-type"].startswith("application/problem+json")
    assert stored(sealed.engine, learner_id) == at_rest  # the refusal changed nothing

    untouched = (await service.client.get(f"/v1/contacts/learners/{other_id}")).json()
    assert [(p["name"], p["email"]) for p in untouched["parties"]] == [
        ("Tom Pritchard", TOM["email"])
    ]
