from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ExceptionClaimIn")


@_attrs_define
class ExceptionClaimIn:
    """
    Attributes:
        claimed_by (str):
        claimed_on (datetime.date):
        deadline_key (str):
        evidence (str):
        reason (str):
    """

    claimed_by: str
    claimed_on: datetime.date
    deadline_key: str
    evidence: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        claimed_by = self.claimed_by

        claimed_on = self.claimed_on.isoformat()

        deadline_key = self.deadline_key

        evidence = self.evidence

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claimed_by": claimed_by,
                "claimed_on": claimed_on,
                "deadline_key": deadline_key,
                "evidence": evidence,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claimed_by = d.pop("claimed_by")

        claimed_on = datetime.date.fromisoformat(d.pop("claimed_on"))

        deadline_key = d.pop("deadline_key")

        evidence = d.pop("evidence")

        reason = d.pop("reason")

        exception_claim_in = cls(
            claimed_by=claimed_by,
            claimed_on=claimed_on,
            deadline_key=deadline_key,
            evidence=evidence,
            reason=reason,
        )

        return exception_claim_in
