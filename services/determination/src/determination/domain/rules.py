"""Corrections to the statutory rule table, made by an administrator without a release.

The table's history is an aggregate: each correction is a new version, and deadlines computed
under an earlier version are recalculated by explicit events.
"""

import uuid
from typing import Any

from eventsourcing.domain import Aggregate, event

from llwybr.clock import DEFAULT_RULES, Rule, RuleTable

RULE_TABLE_ID = uuid.UUID("5b0c7f0e-0d9a-5a55-8c2d-72756c657331")


class RuleTableRecord(Aggregate):
    """The corrections made to the default rule table, in order."""

    @staticmethod
    def create_id() -> uuid.UUID:
        return RULE_TABLE_ID

    class Started(Aggregate.Created):
        """The table's history started from the default rules."""

    @event(Started)
    def __init__(self) -> None:
        self.table: dict[str, Any] = DEFAULT_RULES.as_dict()
        self.corrections: list[dict[str, Any]] = []

    def rule_table(self) -> RuleTable:
        return RuleTable.from_dict(self.table)

    def correct(
        self, version: str, rules: list[Rule], *, corrected_by: str, reason: str
    ) -> RuleTable:
        """A new version with these rules replaced or added (validated before it is recorded)."""
        table = self.rule_table().corrected(version, *rules)
        self._correct(table=table.as_dict(), corrected_by=corrected_by, reason=reason)
        return table

    class Corrected(Aggregate.Event):
        """A new version of the table, with who corrected it and why."""

        table: dict[str, Any]
        corrected_by: str
        reason: str

    @event(Corrected)
    def _correct(self, table: dict[str, Any], corrected_by: str, reason: str) -> None:
        self.table = table
        self.corrections.append(
            {"version": table["version"], "corrected_by": corrected_by, "reason": reason}
        )
