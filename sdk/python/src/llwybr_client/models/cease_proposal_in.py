from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CeaseProposalIn")


@_attrs_define
class CeaseProposalIn:
    """
    Attributes:
        proposed_on (datetime.date):
        reasons (str):
    """

    proposed_on: datetime.date
    reasons: str

    def to_dict(self) -> dict[str, Any]:
        proposed_on = self.proposed_on.isoformat()

        reasons = self.reasons

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "proposed_on": proposed_on,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        proposed_on = datetime.date.fromisoformat(d.pop("proposed_on"))

        reasons = d.pop("reasons")

        cease_proposal_in = cls(
            proposed_on=proposed_on,
            reasons=reasons,
        )

        return cease_proposal_in
