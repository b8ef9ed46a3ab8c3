from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.case_party import CaseParty

T = TypeVar("T", bound="CaseStatementIn")


@_attrs_define
class CaseStatementIn:
    """
    Attributes:
        filed_on (datetime.date):
        party (CaseParty): A party to an appeal, filing a case statement.
        summary (str):
    """

    filed_on: datetime.date
    party: CaseParty
    summary: str

    def to_dict(self) -> dict[str, Any]:
        filed_on = self.filed_on.isoformat()

        party = self.party.value

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "filed_on": filed_on,
                "party": party,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filed_on = datetime.date.fromisoformat(d.pop("filed_on"))

        party = CaseParty(d.pop("party"))

        summary = d.pop("summary")

        case_statement_in = cls(
            filed_on=filed_on,
            party=party,
            summary=summary,
        )

        return case_statement_in
