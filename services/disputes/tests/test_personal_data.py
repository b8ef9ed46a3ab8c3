"""Free text about a learner in the disputes' events (the LA's reasons for a reconsideration
decision, a disagreement resolution's summary, why advocacy ended) is sealed with the
learner's key (issue 23, ADR 0023): ciphertext in the store, plaintext to a reader, None once
the key is destroyed, and the chain still verifies. SQLite and PostgreSQL, a real vault."""

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from contracts.determination import LearnerRelationsRecorded
from disputes.application import DisputesService
from disputes.domain import (
    AdvocacyFor,
    CaseParticipant,
    DecidingBodyKind,
    Party,
    PartyRole,
    ReconsiderationKind,
)
from llwybr.db import create_engine
from llwybr.personal_data.settings import open_vault
from llwybr.settings import ServiceSettings

from .test_publisher import LA, nothing_learned

SECRETS = ("Dyslexia assessed in 2025", "Parents reconciled", "Moved to Ceredigion")


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[DisputesService]:
    create_engine(store_settings).dispose()  # the schema, on PostgreSQL
    app = DisputesService(store_settings.eventsourcing_env())
    app.use_vault(open_vault(store_settings.runtime))  # as build_service does (ADR 0023)
    yield app
    app.close()


def cases_with_free_text(service: DisputesService, learner: str) -> tuple[uuid.UUID, ...]:
    service.save(*service.adopt_learner(LearnerRelationsRecorded(
        learner_id=learner, responsible_authority="la:665", enrolled_at=["school:6652001"],
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1),
    )))  # fmt: skip
    case_id, _ = service.request_reconsideration(
        LA, nothing_learned, kind=ReconsiderationKind.R1, subject_id=uuid.uuid4(),
        school="school:6652001", decided_by_kind=DecidingBodyKind.SCHOOL,
        requested_by_kind=Party.FAMILY, requested_on=date(2026, 3, 2),
        cease_notice_given_on=None, learner_id=learner, requested_by="Parent of Cerys",
    )  # fmt: skip
    service.invite_representations(LA, case_id, None, invited_on=date(2026, 3, 3),
                                   from_party=Party.GOVERNING_BODY)  # fmt: skip
    service.decide_reconsideration(LA, case_id, None, decided_on=date(2026, 4, 14),
                                   outcome="no_aln", reasons=SECRETS[0])  # fmt: skip
    mediator = CaseParticipant("A. Mediator", None, "Mediation Cymru")
    family = CaseParticipant("Parent", PartyRole.FAMILY, None)
    school = CaseParticipant("Head", PartyRole.SCHOOL, "school:6652001")
    resolution, _ = service.open_disagreement_resolution(
        LA, nothing_learned, reconsideration_id=case_id, subject_id=None, matter=None,
        notice_given_on=None, learner_id=learner, opened_on=date(2026, 4, 20),
        arrangements="Mediation", facilitator=mediator, parties=[family, school],
    )  # fmt: skip
    service.conclude_disagreement_resolution(
        LA, resolution, None, concluded_on=date(2026, 5, 1), outcome="not_resolved",
        summary=SECRETS[1],
    )  # fmt: skip
    advocacy, _ = service.request_advocacy(
        LA, learner_id=learner, for_person=AdvocacyFor.CHILD, requested_by="Parent",
        requested_on=date(2026, 4, 21), related_case_id=resolution,
    )  # fmt: skip
    service.provide_advocacy(LA, advocacy, None, advocate=mediator, provided_on=date(2026, 4, 24))
    service.end_advocacy(LA, advocacy, None, ended_on=date(2026, 6, 1), reason=SECRETS[2])
    return case_id, resolution, advocacy


def raw(service: DisputesService, *ids: uuid.UUID) -> str:
    return "".join(bytes(s.state).decode() for i in ids for s in service.recorder.select_events(i))


def test_the_free_text_is_ciphertext_stored_and_plain_to_a_reader(
    service: DisputesService,
) -> None:
    case_id, resolution, advocacy = cases_with_free_text(service, f"l-{uuid.uuid4().hex[:8]}")
    stored = raw(service, case_id, resolution, advocacy)
    assert [s for s in SECRETS if s in stored] == []
    # the reasons, the summary, the end reason, and both requesters' names (sealed since)
    assert stored.count("pd1:") == 5
    decision = service.reconsideration(LA, case_id).decision
    assert decision is not None
    assert decision.reasons == SECRETS[0]
    conclusion = service.disagreement_resolution(LA, resolution).conclusion
    assert conclusion is not None
    assert conclusion["summary"] == SECRETS[1]


def test_once_the_key_is_destroyed_the_text_reads_as_none_and_the_chains_verify(
    service: DisputesService,
) -> None:
    learner, other = f"l-{uuid.uuid4().hex[:8]}", f"l-{uuid.uuid4().hex[:8]}"
    case_id, resolution, advocacy = cases_with_free_text(service, learner)
    other_case, _, _ = cases_with_free_text(service, other)
    assert service.vault is not None
    service.vault.shred(learner, erased_on=date(2051, 1, 1), erased_by="la:665", schedule="S1")
    decision = service.reconsideration(LA, case_id).decision
    assert decision is not None
    reasons: str | None = decision.reasons  # typed str: read as None once erased
    assert reasons is None
    assert decision.outcome.value == "no_aln"  # the facts that are not personal stay
    conclusion = service.disagreement_resolution(LA, resolution).conclusion
    assert conclusion is not None
    assert conclusion["summary"] is None
    for aggregate in (case_id, resolution, advocacy):
        assert service.verify(aggregate).ok
    kept = service.reconsideration(LA, other_case).decision
    assert kept is not None
    assert kept.reasons == SECRETS[0]
