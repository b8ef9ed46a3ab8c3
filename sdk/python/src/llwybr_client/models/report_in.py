from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReportIn")


@_attrs_define
class ReportIn:
    """
    Attributes:
        report (str):
        reported_on (datetime.date):
    """

    report: str
    reported_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        report = self.report

        reported_on = self.reported_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "report": report,
                "reported_on": reported_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        report = d.pop("report")

        reported_on = datetime.date.fromisoformat(d.pop("reported_on"))

        report_in = cls(
            report=report,
            reported_on=reported_on,
        )

        return report_in
