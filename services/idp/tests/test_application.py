"""The IDP service layer on SQLite and PostgreSQL: one command shape (one read, access checked
on it, then the version), and every deadline computed from the rule table in force."""

import uuid
from datetime import UTC, date, datetime

import pytest

from contracts.determination import RuleTableCorrected
from contracts.envelope import Envelope
from idp.application import IdpService
from idp.domain import REVIEW, Idp, Section3
from llwybr.clock import DEFAULT_RULES, Rule, RuleId, RuleTable, compute_deadline
from llwybr.eventstore import StaleVersionError
from llwybr.principal import Principal
from llwybr.problems import ProblemError
from llwybr.settings import ServiceSettings
from llwybr_testkit import CountingRecorder

from .plans import ISSUED_ON, SCHOOL, drafted, issued

MAINTAINER = Principal("alnco", SCHOOL.organisation, frozenset())
STRANGER = Principal("alnco", "school:6652999", frozenset())
DETERMINATION_RULE_TABLE = uuid.UUID("5b0c7f0e-0d9a-5a55-8c2d-72756c657331")


def corrected(rule_id: RuleId, length: int, version: str = "2026.2") -> RuleTable:
    rule = Rule.from_dict({**DEFAULT_RULES.rule(rule_id).as_dict(), "length": length})
    return DEFAULT_RULES.corrected(version, rule)


def published(table: RuleTable, record_version: int = 2) -> Envelope:
    """The determination service's public event of an administrator's correction."""
    rules = [rule.as_dict() for rule in table.rules.values()]
    event = RuleTableCorrected(
        rule_table_version=table.version, rules=rules, corrected_by="system:admin"
    )
    return Envelope.wrap(
        event, learner_id="rule-table", aggregate_id=DETERMINATION_RULE_TABLE,
        aggregate_version=record_version, time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def receive(service: IdpService, envelope: Envelope) -> None:
    """What the consumer does with a public event: save what it changed."""
    service.save(*service.on_public_event(envelope))


# -- the rule table in force --------------------------------------------------------------


def test_a_correction_to_d14s_length_changes_the_next_review_a_plan_gets(
    service: IdpService,
) -> None:
    plan = drafted()
    service.save(plan)
    table = corrected(RuleId.D14, 6)
    receive(service, published(table))
    service.issue(
        MAINTAINER, plan.id, issued_on=ISSUED_ON, issued_by=SCHOOL.organisation,
        expected_version=None,
    )  # fmt: skip
    review = service.load(plan.id, Idp).deadline(REVIEW)
    assert review == compute_deadline(table, RuleId.D14, ISSUED_ON)
    assert (review.rule_table_version, review.length, review.due_on) == (
        "2026.2",
        6,
        date(2026, 9, 18),
    )
    assert compute_deadline(DEFAULT_RULES, RuleId.D14, ISSUED_ON).due_on == date(2027, 3, 18)


def test_a_correction_to_d11_changes_the_window_after_a_schools_cease_decision(
    service: IdpService,
) -> None:
    plan = issued()
    plan.propose_cease(proposed_on=date(2026, 5, 1), reasons="Needs met")
    service.save(plan)
    receive(service, published(corrected(RuleId.D11, 6)))
    service.decide_cease(
        MAINTAINER, plan.id, decided_on=date(2026, 5, 15), reasons="Needs met",
        expected_version=None,
    )  # fmt: skip
    cease = service.load(plan.id, Idp).cease
    assert cease is not None
    assert cease["reconsideration_window_until"] == date(2026, 6, 26)  # 6 weeks, not 4


def test_the_table_in_force_is_kept_in_the_services_own_store(
    service: IdpService, store_settings: ServiceSettings
) -> None:
    receive(service, published(corrected(RuleId.D14, 6)))
    restarted = IdpService(store_settings.eventsourcing_env())
    try:
        assert restarted.rule_table().version == "2026.2"
        assert restarted.rule_table().rule(RuleId.D14).length == 6
    finally:
        restarted.close()


def test_the_same_correction_received_again_changes_nothing(service: IdpService) -> None:
    table = corrected(RuleId.D14, 6)
    receive(service, published(table))
    version = service.rule_table_in_force().version
    receive(service, published(table, record_version=3))
    assert service.rule_table_in_force().version == version


def test_until_a_correction_arrives_the_released_table_is_in_force(service: IdpService) -> None:
    assert service.rule_table() == DEFAULT_RULES


# -- one command shape --------------------------------------------------------------------


def test_a_command_reads_its_plan_once(service: IdpService) -> None:
    plan = drafted()
    service.save(plan)
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    section = Section3("Reports", "Yearly")
    version = service.set_section_3(MAINTAINER, plan.id, section, expected_version=plan.version)
    assert version == plan.version + 1
    assert counting.reads == 2  # the plan, and the registry's facts about its learner


def test_a_caller_who_may_not_read_the_plan_learns_nothing_from_if_match(
    service: IdpService,
) -> None:
    plan = drafted()
    service.save(plan)
    section = Section3("Reports", "Yearly")
    with pytest.raises(ProblemError) as caught:
        service.set_section_3(STRANGER, plan.id, section, expected_version=1)
    assert caught.value.status == 404
    with pytest.raises(StaleVersionError):
        service.set_section_3(MAINTAINER, plan.id, section, expected_version=1)
    assert service.load(plan.id, Idp).version == plan.version
