from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecommendationIn")


@_attrs_define
class RecommendationIn:
    """
    Attributes:
        nhs_body (str):
        recommendation_id (str):
        wording (str):
        report_by (datetime.date | None | Unset):
    """

    nhs_body: str
    recommendation_id: str
    wording: str
    report_by: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        nhs_body = self.nhs_body

        recommendation_id = self.recommendation_id

        wording = self.wording

        report_by: None | str | Unset
        if isinstance(self.report_by, Unset):
            report_by = UNSET
        elif isinstance(self.report_by, datetime.date):
            report_by = self.report_by.isoformat()
        else:
            report_by = self.report_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "nhs_body": nhs_body,
                "recommendation_id": recommendation_id,
                "wording": wording,
            }
        )
        if report_by is not UNSET:
            field_dict["report_by"] = report_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nhs_body = d.pop("nhs_body")

        recommendation_id = d.pop("recommendation_id")

        wording = d.pop("wording")

        def _parse_report_by(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                report_by_type_0 = datetime.date.fromisoformat(data)

                return report_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        report_by = _parse_report_by(d.pop("report_by", UNSET))

        recommendation_in = cls(
            nhs_body=nhs_body,
            recommendation_id=recommendation_id,
            wording=wording,
            report_by=report_by,
        )

        return recommendation_in
