"""The statutory rule table this service computes its windows and deadlines with (ADR 0008).

An administrator corrects the table through the determination service, which announces each
new version (``RuleTableCorrected``); this service adopts the latest, so a corrected length
applies to every window it computes from then on (deadlines already computed keep the version
they cite). Until a correction arrives, the defaults apply.
"""

import uuid
from typing import Any

from eventsourcing.domain import Aggregate, event

from llwybr.clock import DEFAULT_RULES, RuleTable

#: The one record of the table in force here.
RULES_IN_FORCE_ID = uuid.UUID("9d3c1a2e-6b7f-5e40-8c1d-72756c657364")


class RulesInForce(Aggregate):
    """The rule table in force here: the default one, then each correction adopted in turn."""

    class Started(Aggregate.Created):
        """The record was made, with the default table in force."""

    class Adopted(Aggregate.Event):
        """A corrected table announced by the determination service is in force here."""

        table: dict[str, Any]
        corrected_by: str

    @staticmethod
    def create_id() -> uuid.UUID:
        return RULES_IN_FORCE_ID

    @event(Started)
    def __init__(self) -> None:
        self.table: dict[str, Any] = DEFAULT_RULES.as_dict()
        self.corrected_by: str | None = None

    @property
    def rule_table(self) -> RuleTable:
        """The table in force."""
        return RuleTable.from_dict(self.table)

    def adopt(self, table: RuleTable, *, corrected_by: str) -> None:
        """Put ``table`` in force (a version already in force changes nothing)."""
        if table.version != self.rule_table.version:
            self._adopt(table=table.as_dict(), corrected_by=corrected_by)

    @event(Adopted)
    def _adopt(self, table: dict[str, Any], corrected_by: str) -> None:
        self.table = table
        self.corrected_by = corrected_by
