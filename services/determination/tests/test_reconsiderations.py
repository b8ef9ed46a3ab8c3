"""The consumer of the disputes service's public events: an LA's R1 outcome supersedes the
school's decision, read from the typed contract; anything else changes nothing."""

import dataclasses
import uuid
from datetime import UTC, date, datetime

from contracts import determination as public
from contracts.disputes import ReconsiderationDecided
from contracts.envelope import Envelope
from determination.application import DeterminationService
from determination.domain import Status
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

from .test_application import LA, decided_at_school, raise_at_school
from .test_given import notice_given


def reconsideration_decided(case_id: uuid.UUID, kind: str = "R1") -> Envelope:
    window = compute_deadline(DEFAULT_RULES, RuleId.D11, date(2026, 5, 1))
    event = ReconsiderationDecided.model_validate({
        "learner_id": "l-1", "reconsideration_id": uuid.uuid4(), "kind": kind,
        "subject_id": case_id, "school": "school:6652001", "local_authority": "la:665",
        "outcome": "has_aln", "decided_on": date(2026, 5, 1),
        "appeal_window": public.deadline_facts(window.as_dict()),
    })  # fmt: skip
    return Envelope.wrap(
        event, learner_id="l-1", aggregate_id=uuid.uuid4(), aggregate_version=1,
        time=datetime(2026, 5, 1, tzinfo=UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def test_an_r1_outcome_supersedes_the_schools_decision(service: DeterminationService) -> None:
    case_id = decided_at_school(service)
    given = notice_given(case_id, date(2026, 3, 23))  # the school's no-ALN notice (s.4(6))
    service.save(*service.on_public_event(given))
    envelope = reconsideration_decided(case_id)
    [case] = service.on_public_event(envelope)
    service.save(case)
    view = service.determination(LA, case_id)
    assert view.status == Status.DECIDED_ALN
    assert view.decision is not None
    assert (view.decision["decided_by"], str(view.decision["reconsideration_id"])) == (
        "la:665", envelope.data["reconsideration_id"],
    )  # fmt: skip
    assert view.superseded_decisions[0]["decided_by"] == "school:6652001"
    # the school's clock was met when its decision was given, not by the LA's later one
    assert view.stopped["decision"] == ("met", date(2026, 3, 23))


def test_other_public_events_change_nothing(service: DeterminationService) -> None:
    case_id = decided_at_school(service)
    r2 = reconsideration_decided(case_id, kind="R2")
    unknown = dataclasses.replace(r2, type="wales.aln.disputes.something-new.v1")
    no_case = reconsideration_decided(uuid.uuid4())
    assert [service.on_public_event(e) for e in (r2, unknown, no_case)] == [[], [], []]


def test_a_school_that_never_decided_missed_its_clock_though_the_la_decided(
    service: DeterminationService,
) -> None:
    """The LA's decision on reconsideration (a school's refusal to decide) is not the school's
    duty done: the school's clock stays unmet, as the reminders keep it."""
    case_id = raise_at_school(service, date(2026, 3, 2))
    [case] = service.on_public_event(reconsideration_decided(case_id))
    service.save(case)
    view = service.determination(LA, case_id)
    assert view.decision is not None
    assert "decision" not in view.stopped
