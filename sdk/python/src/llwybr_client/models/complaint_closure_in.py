from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ComplaintClosureIn")


@_attrs_define
class ComplaintClosureIn:
    """
    Attributes:
        closed_on (datetime.date):
        outcome (str): How the complaint ended (sealed)
    """

    closed_on: datetime.date
    outcome: str

    def to_dict(self) -> dict[str, Any]:
        closed_on = self.closed_on.isoformat()

        outcome = self.outcome

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closed_on": closed_on,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closed_on = datetime.date.fromisoformat(d.pop("closed_on"))

        outcome = d.pop("outcome")

        complaint_closure_in = cls(
            closed_on=closed_on,
            outcome=outcome,
        )

        return complaint_closure_in
