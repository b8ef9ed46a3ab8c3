from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.revision_reason import RevisionReason

T = TypeVar("T", bound="ReviseIn")


@_attrs_define
class ReviseIn:
    """
    Attributes:
        issued_by (str):
        issued_on (datetime.date):
        reason (RevisionReason): What calls for a new version of an issued plan.
    """

    issued_by: str
    issued_on: datetime.date
    reason: RevisionReason

    def to_dict(self) -> dict[str, Any]:
        issued_by = self.issued_by

        issued_on = self.issued_on.isoformat()

        reason = self.reason.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issued_by": issued_by,
                "issued_on": issued_on,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issued_by = d.pop("issued_by")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        reason = RevisionReason(d.pop("reason"))

        revise_in = cls(
            issued_by=issued_by,
            issued_on=issued_on,
            reason=reason,
        )

        return revise_in
