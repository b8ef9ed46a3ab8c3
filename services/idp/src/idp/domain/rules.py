"""The statutory rule table this service computes deadlines with (ADR 0008).

An administrator corrects the table in the determination service, which publishes each new
version (``RuleTableCorrected``). The IDP service keeps the latest it received in its own event
store, so every deadline it computes (D11, D13, D14, D15) follows the table in force, and a
replay gives the same table.
"""

import uuid
from typing import Any

from eventsourcing.domain import Aggregate, event

from llwybr.clock import DEFAULT_RULES, RuleTable

RULE_TABLE_ID = uuid.UUID("0e5a3f1c-5b7d-5e0a-9c1b-69647072756c")


class RuleTableInForce(Aggregate):
    """The released default table until a correction arrives, then the latest correction."""

    @staticmethod
    def create_id() -> uuid.UUID:
        return RULE_TABLE_ID

    class Started(Aggregate.Created):
        """The service began following corrections of the rule table."""

    @event(Started)
    def __init__(self) -> None:
        self.table: dict[str, Any] | None = None  # None: the released default
        self.corrections: list[dict[str, Any]] = []

    def rule_table(self) -> RuleTable:
        """The table in force."""
        return RuleTable.from_dict(self.table) if self.table is not None else DEFAULT_RULES

    class Corrected(Aggregate.Event):
        table: dict[str, Any]
        corrected_by: str

    def correct(self, table: RuleTable, *, corrected_by: str) -> None:
        """Follow ``table``, a corrected version; nothing changes if it is in force already
        (the same correction received again)."""
        if table.version == self.rule_table().version:
            return
        self._correct(table=table.as_dict(), corrected_by=corrected_by)

    @event(Corrected)
    def _correct(self, table: dict[str, Any], corrected_by: str) -> None:
        self.table = table
        self.corrections.append({"version": table["version"], "corrected_by": corrected_by})
