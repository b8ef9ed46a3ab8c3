"""The rule table in force here: an administrator's correction, announced by the determination
service, changes every window this service computes from then on (ADR 0008), on SQLite and on
PostgreSQL."""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from contracts.determination import RuleTableCorrected
from contracts.envelope import Envelope
from disputes.application import DisputesService
from disputes.consumers import adopted_facts
from disputes.domain import (
    DecidingBodyKind,
    Party,
    Reconsideration,
    ReconsiderationKind,
)
from disputes.domain.learned import Decision, KnownDecision
from llwybr.clock import DEFAULT_RULES, RuleId, RuleTable, compute_deadline
from llwybr.consumer import ApplicationEffect
from llwybr.db import create_engine
from llwybr.principal import Principal
from llwybr.rule_table import RULE_TABLE_IN_FORCE_ID
from llwybr.settings import ServiceSettings

from .learners import adopted

#: The determination service's record of the rule table (the announcement's aggregate).
DETERMINATION_RULE_TABLE = uuid.UUID("5b0c7f0e-0d9a-5a55-8c2d-72756c657331")
LA = Principal("la-client", "la:665", frozenset())
SCHOOL = "school:6652001"
REQUESTED_ON = date(2026, 3, 2)
DECIDED_ON = date(2026, 4, 14)
#: D8 (the LA's clock for R1) and D18 (the appeal window) each 2 weeks longer.
CORRECTED = DEFAULT_RULES.corrected(
    "2026.2",
    replace(DEFAULT_RULES.rule(RuleId.D8), length=9),
    replace(DEFAULT_RULES.rule(RuleId.D18), length=10),
)


@pytest.fixture
def service(store_settings: ServiceSettings) -> Iterator[DisputesService]:
    create_engine(store_settings).dispose()
    app = DisputesService(store_settings.eventsourcing_env())
    adopted(app, "learner-1", LA.organisation, enrolled_at=(SCHOOL,))  # the registry's facts
    yield app
    app.close()


def nothing_learned(subject_id: uuid.UUID, decision: Decision) -> KnownDecision | None:
    return None


def announce(service: DisputesService, table: RuleTable, version: int = 2) -> bool:
    """The determination service's announcement of ``table``, applied as the consumer does."""
    correction = RuleTableCorrected(
        rule_table_version=table.version,
        rules=[rule.as_dict() for rule in table.rules.values()],
        corrected_by="system:admin",
    )
    envelope = Envelope.wrap(
        correction, learner_id="rule-table", aggregate_id=DETERMINATION_RULE_TABLE,
        aggregate_version=version, time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip
    effect = ApplicationEffect(service, "disputes.rules", adopted_facts(service))
    return effect.apply(envelope)


def requested(service: DisputesService, on: date = REQUESTED_ON) -> Reconsideration:
    case_id, _ = service.request_reconsideration(
        LA, nothing_learned, kind=ReconsiderationKind.R1, subject_id=uuid.uuid4(),
        school=SCHOOL, decided_by_kind=DecidingBodyKind.SCHOOL,
        requested_by_kind=Party.FAMILY, requested_on=on,
        cease_notice_given_on=None, learner_id="learner-1", requested_by="Parent of Cerys",
    )  # fmt: skip
    return service.reconsideration(LA, case_id)


def decided(
    service: DisputesService, on: date = DECIDED_ON, requested_on: date = REQUESTED_ON
) -> Reconsideration:
    case = requested(service, requested_on)
    service.invite_representations(
        LA, case.id, None, invited_on=requested_on, from_party="governing_body"
    )
    service.decide_reconsideration(
        LA, case.id, None, decided_on=on, outcome="no_aln", reasons="No ALN"
    )
    service.issue_reconsideration_notice(LA, case.id, None, issued_on=on, recipients=["family"])
    return service.reconsideration(LA, case.id)


def test_until_a_correction_arrives_the_default_table_is_in_force(
    service: DisputesService,
) -> None:
    assert service.rule_table() == DEFAULT_RULES
    case = requested(service)
    assert case.deadline == compute_deadline(DEFAULT_RULES, RuleId.D8, REQUESTED_ON)


def test_a_corrected_length_changes_the_next_deadline_disputes_computes(
    service: DisputesService,
) -> None:
    before = requested(service)
    assert announce(service, CORRECTED)
    after = decided(service)
    # the LA's clock and the appeal window follow the corrected table, and say so
    assert after.deadline == compute_deadline(CORRECTED, RuleId.D8, REQUESTED_ON)
    assert after.deadline.due_on > before.deadline.due_on
    assert after.appeal_window == compute_deadline(CORRECTED, RuleId.D18, DECIDED_ON)
    assert (after.deadline.rule_table_version, after.deadline.length) == ("2026.2", 9)
    # a deadline already computed keeps the table it was computed under
    assert service.reconsideration(LA, before.id).deadline.rule_table_version == "2026.1"


def test_the_table_in_force_is_kept_in_the_store(store_settings: ServiceSettings) -> None:
    create_engine(store_settings).dispose()
    first = DisputesService(store_settings.eventsourcing_env())
    announce(first, CORRECTED)
    first.close()
    again = DisputesService(store_settings.eventsourcing_env())
    try:
        assert again.rule_table() == CORRECTED
    finally:
        again.close()


def test_a_correction_announced_again_changes_nothing(service: DisputesService) -> None:
    assert announce(service, CORRECTED)
    assert not announce(service, CORRECTED)  # the same event again: already applied
    assert announce(service, CORRECTED, version=3)  # another event naming the same version
    assert len(list(service.recorded_events(RULE_TABLE_IN_FORCE_ID))) == 2


def test_disagreement_resolution_adds_exactly_8_weeks_whatever_the_table_gives_d18(
    service: DisputesService,
) -> None:
    """The law extends the appeal period by 8 weeks (ETW Regs reg 10); D18's own length is
    the table's. Counting the extension with D18's corrected length made the extended window
    10 weeks longer, which the reconsideration refused (422)."""
    announce(service, CORRECTED)
    case = decided(service)
    assert case.appeal_window is not None
    service.start_disagreement_resolution(LA, case.id, None, started_on=DECIDED_ON)
    extended = service.reconsideration(LA, case.id).appeal_window
    assert extended is not None
    assert extended.due_on == case.appeal_window.due_on + timedelta(weeks=8)


def test_disagreement_resolution_lengthens_the_period_not_the_rolled_date(
    service: DisputesService,
) -> None:
    """docs/domain.md section 3: the period is extended by 8 weeks, 16 weeks beginning with the
    notice, never 8 weeks after a due date already rolled past a holiday."""
    # 8 weeks beginning with Friday 6 February 2026 end on Thursday 2 April: due the first
    # working day after, Tuesday 7 April (Good Friday and Easter Monday in between)
    case = decided(service, on=date(2026, 2, 6), requested_on=date(2026, 1, 5))
    assert case.appeal_window is not None
    assert case.appeal_window.due_on == date(2026, 4, 7)
    service.start_disagreement_resolution(LA, case.id, None, started_on=date(2026, 3, 2))
    extended = service.reconsideration(LA, case.id).appeal_window
    assert extended is not None
    # 16 weeks end on Thursday 28 May: due Friday 29 May, not 8 weeks after 7 April (2 June)
    assert extended.due_on == date(2026, 5, 29)
    assert extended == compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 2, 6), extension=8)
