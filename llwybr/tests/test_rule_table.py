"""The rule table in force in a service that follows its owner's corrections (ADR 0008)."""

from dataclasses import replace

from eventsourcing.utils import get_topic

from contracts.determination import RuleTableCorrected
from llwybr.clock import DEFAULT_RULES, RuleId
from llwybr.db import create_engine
from llwybr.rule_table import RULE_TABLE_IN_FORCE_ID, FollowsRuleTable, RuleTableInForce
from llwybr.settings import ServiceSettings

CORRECTED = DEFAULT_RULES.corrected("2026.2", replace(DEFAULT_RULES.rule(RuleId.D14), length=6))


def test_the_released_table_is_in_force_until_a_correction_is_adopted() -> None:
    record = RuleTableInForce()
    assert record.id == RULE_TABLE_IN_FORCE_ID
    assert record.rule_table() == DEFAULT_RULES
    record.adopt(CORRECTED, corrected_by="system:admin")
    assert record.rule_table().rule(RuleId.D14).length == 6


def test_a_correction_received_again_changes_nothing() -> None:
    record = RuleTableInForce()
    record.adopt(CORRECTED, corrected_by="system:admin")
    record.adopt(CORRECTED, corrected_by="system:admin")
    assert [type(e).__name__ for e in record.collect_events()] == ["Started", "Adopted"]


def test_a_replay_gives_the_same_table() -> None:
    record = RuleTableInForce()
    record.adopt(CORRECTED, corrected_by="system:admin")
    replayed: RuleTableInForce | None = None
    for stored in record.collect_events():
        replayed = stored.mutate(replayed)
    assert isinstance(replayed, RuleTableInForce)
    assert replayed.rule_table() == CORRECTED


def test_its_events_are_stored_under_the_shared_topics() -> None:
    assert get_topic(RuleTableInForce.Adopted) == "llwybr.rule_table:RuleTableInForce.Adopted"


class Follower(FollowsRuleTable):
    name = "follower"


def test_a_service_adopts_its_owners_correction_and_keeps_it_across_a_restart(
    sqlite_settings: ServiceSettings,
) -> None:
    announced = RuleTableCorrected(
        rule_table_version=CORRECTED.version,
        rules=[rule.as_dict() for rule in CORRECTED.rules.values()],
        corrected_by="system:admin",
    )
    env = sqlite_settings.eventsourcing_env()
    create_engine(sqlite_settings).dispose()
    app = Follower(env)
    assert app.rule_table() == DEFAULT_RULES
    app.save(*app.adopt_rule_table(announced))
    app.save(*app.adopt_rule_table(announced))  # delivered twice: nothing more recorded
    app.close()
    again = Follower(env)
    assert again.rule_table() == CORRECTED
    assert len(list(again.recorded_events(RULE_TABLE_IN_FORCE_ID))) == 2
    again.close()
