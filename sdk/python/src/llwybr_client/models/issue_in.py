from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="IssueIn")


@_attrs_define
class IssueIn:
    """
    Attributes:
        issued_by (str):
        issued_on (datetime.date):
    """

    issued_by: str
    issued_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        issued_by = self.issued_by

        issued_on = self.issued_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issued_by": issued_by,
                "issued_on": issued_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issued_by = d.pop("issued_by")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        issue_in = cls(
            issued_by=issued_by,
            issued_on=issued_on,
        )

        return issue_in
