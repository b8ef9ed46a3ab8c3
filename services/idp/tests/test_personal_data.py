"""The plan's content about the learner (section 1's name and date of birth, the one-page
profile, the description of their ALN, the Welsh language decision, section 3, the LAC
details, and the free text of every ALP element: what is done, by whom, how often and for how
long, its intended outcome and rationale) is sealed with the learner's key in the stored
events, the draft's and the issued version's alike (issue 23, ADR 0023); an element's id,
provider, language, dates and schedule stay in clear (the provision is judged against them).
Plaintext to a reader; None once the key is destroyed, the plan still renders, its provision
is still judged and the chain verifies. SQLite and PostgreSQL, a real vault."""

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from idp.application import IdpService
from idp.domain import Idp, OpeningReason
from idp.rendering import render_idp
from idp.views import document_of, plan_view
from llwybr.db import create_engine
from llwybr.personal_data.settings import open_vault
from llwybr.principal import Principal
from llwybr.settings import ServiceSettings

from .plans import (
    ELEMENT,
    ISSUED_ON,
    NHS_ELEMENT,
    OPENED_ON,
    SCHOOL,
    filled,
    preparation_deadline,
    review_clock,
)

SECRETS = ("Cerys Jones", "Kind, funny", "My dog, Mam", "Slow reading in all subjects")
#: An ALP element's free text (the test plans' element; the NHS one's differs in part).
ALP_SECRETS = (
    ELEMENT.intended_outcome, ELEMENT.provision, ELEMENT.delivered_by, ELEMENT.rationale,
    NHS_ELEMENT.provision, NHS_ELEMENT.delivered_by,
)  # fmt: skip


@pytest.fixture
def sealing(store_settings: ServiceSettings) -> Iterator[IdpService]:
    create_engine(store_settings).dispose()  # the schema, on PostgreSQL
    app = IdpService(store_settings.eventsourcing_env())
    app.use_vault(open_vault(store_settings.runtime))  # as build_service does
    yield app
    app.close()


def issued_plan(service: IdpService) -> Idp:
    plan = filled(Idp.open(
        learner_id=f"l-{uuid.uuid4().hex[:8]}", maintainer=SCHOOL, opened_on=OPENED_ON,
        determination_id=uuid.uuid4(), preparation_deadline=preparation_deadline(),
        looked_after=False, reason=OpeningReason.ALN_DECISION,
    ))  # fmt: skip
    plan.add_nhs_alp(NHS_ELEMENT, nhs_answer_reference="nhs-answer-9", added_on=OPENED_ON)
    plan.issue(issued_on=ISSUED_ON, review_by=review_clock(ISSUED_ON), issued_by="ALNCo")
    service.save(plan)
    return plan


def raw(service: IdpService, plan_id: uuid.UUID) -> str:
    return "".join(bytes(s.state).decode() for s in service.recorder.select_events(plan_id))


def test_the_plans_content_is_ciphertext_stored_and_plain_to_a_reader(
    sealing: IdpService,
) -> None:
    plan = issued_plan(sealing)
    stored = raw(sealing, plan.id)
    assert [s for s in (*SECRETS, *ALP_SECRETS) if s in stored] == []
    assert "pd1:" in stored
    assert '"provider_organisation":"school:6652001"' in stored  # facts judged on: in clear
    read: Idp = sealing.repository.get(plan.id)
    document = document_of(read, read.versions[-1])
    assert document.learner_name == "Cerys Jones"
    assert document.aln_description == "Dyslexia"
    issued = {e.element_id: e for e in document.alp}
    assert issued["e1"].provision == ELEMENT.provision
    assert issued["e1"].intended_outcome == ELEMENT.intended_outcome
    assert issued["nhs1"].delivered_by == NHS_ELEMENT.delivered_by
    assert read.draft["alp"][0]["rationale"] == ELEMENT.rationale


def test_once_the_key_is_destroyed_the_content_reads_as_none_and_the_plan_still_renders(
    sealing: IdpService,
) -> None:
    plan, other = issued_plan(sealing), issued_plan(sealing)
    assert sealing.vault is not None
    sealing.vault.shred(
        plan.learner_id, erased_on=date(2051, 1, 1), erased_by="la:665", schedule="S1"
    )
    read: Idp = sealing.repository.get(plan.id)
    assert read.versions[-1]["content"]["section_1"] is None
    assert read.draft["one_page_profile"] is None
    document = document_of(read, read.versions[-1])
    assert document.learner_name == ""
    element = read.versions[-1]["content"]["alp"][0]
    assert (element["provision"], element["delivered_by"], element["rationale"]) == (
        None, None, None,
    )  # fmt: skip
    assert (element["provider_organisation"], element["in_welsh"]) == ("school:6652001", True)
    assert {e.provision for e in document.alp} == {""}
    assert render_idp(document, created_at=read.modified_on).startswith(b"%PDF")
    view = plan_view(read, date(2026, 4, 1))  # what the API answers: no error
    nhs = Principal("declo", NHS_ELEMENT.provider_organisation, frozenset())
    for reader in (Principal("alnco", SCHOOL.organisation, frozenset()), nhs):  # a provider too
        version = sealing.issued_version(reader, plan.id, 1)
        assert [e["provision"] for e in version["content"]["alp"]] == [None, None]
    assert view.draft["one_page_profile"] is None
    assert sealing.verify(plan.id).ok
    kept: Idp = sealing.repository.get(other.id)
    assert document_of(kept, kept.versions[-1]).learner_name == "Cerys Jones"
