"""The statutory rule table in force in a service that computes deadlines but does not own the
table (ADR 0008): one owner, the determination service, corrects it and publishes each version
(``RuleTableCorrected``); every other service that computes a deadline adopts the latest it
received, keeps it in its own event store (so a restart or a replay gives the same table) and
computes from it. Deadlines already computed keep the table version they cite.
"""

import uuid
from typing import Any

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, event

from contracts.determination import RuleTableCorrected
from llwybr.clock import DEFAULT_RULES, RuleTable
from llwybr.eventstore import ChainedApplication

#: The one record of the table in force, in each service's own store.
RULE_TABLE_IN_FORCE_ID = uuid.UUID("9d3c1a2e-6b7f-5e40-8c1d-72756c657364")


class RuleTableInForce(Aggregate):
    """The released default table until a correction is adopted, then the latest one."""

    class Started(Aggregate.Created):
        """The record was made, with the default table in force."""

    class Adopted(Aggregate.Event):
        """A corrected table announced by its owner is in force here."""

        table: dict[str, Any]
        corrected_by: str

    @staticmethod
    def create_id() -> uuid.UUID:
        return RULE_TABLE_IN_FORCE_ID

    @event(Started)
    def __init__(self) -> None:
        self.table: dict[str, Any] | None = None  # None: the released default
        self.adopted: list[dict[str, str]] = []

    def rule_table(self) -> RuleTable:
        """The table in force."""
        return RuleTable.from_dict(self.table) if self.table is not None else DEFAULT_RULES

    def adopt(self, table: RuleTable, *, corrected_by: str) -> None:
        """Put ``table`` in force (a version already in force, received again, changes
        nothing)."""
        if table.version != self.rule_table().version:
            self._adopt(table=table.as_dict(), corrected_by=corrected_by)

    @event(Adopted)
    def _adopt(self, table: dict[str, Any], corrected_by: str) -> None:
        self.table = table
        self.adopted.append({"version": str(table["version"]), "corrected_by": corrected_by})


class FollowsRuleTable(ChainedApplication):
    """An Application that computes deadlines from the rule table in force here."""

    def rule_table(self) -> RuleTable:
        """The released default table, or the latest correction adopted."""
        return self.rule_table_in_force().rule_table()

    def rule_table_in_force(self) -> RuleTableInForce:
        """The record of the table in force (a new one before the first correction)."""
        try:
            return self.get_as(RULE_TABLE_IN_FORCE_ID, RuleTableInForce)
        except AggregateNotFoundError:
            return RuleTableInForce()

    def adopt_rule_table(self, corrected: RuleTableCorrected) -> list[Aggregate]:
        """A consumer's effect of the owner's correction: the record to save (with the
        consumer's tracking record)."""
        record = self.rule_table_in_force()
        table = RuleTable.from_dict(
            {"version": corrected.rule_table_version, "rules": corrected.rules}
        )
        record.adopt(table, corrected_by=corrected.corrected_by)
        return [record]
