from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecommendationRow")


@_attrs_define
class RecommendationRow:
    """A Tribunal recommendation to an NHS body, not yet reported on.

    Attributes:
        appeal_id (str):
        nhs_body (str): The NHS body it is made to, e.g. `lhb:7A1`
        recommendation_id (str):
        report_by (datetime.date | None | Unset): The day to report by (D20)
        reported_on (datetime.date | None | Unset):
    """

    appeal_id: str
    nhs_body: str
    recommendation_id: str
    report_by: datetime.date | None | Unset = UNSET
    reported_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        appeal_id = self.appeal_id

        nhs_body = self.nhs_body

        recommendation_id = self.recommendation_id

        report_by: None | str | Unset
        if isinstance(self.report_by, Unset):
            report_by = UNSET
        elif isinstance(self.report_by, datetime.date):
            report_by = self.report_by.isoformat()
        else:
            report_by = self.report_by

        reported_on: None | str | Unset
        if isinstance(self.reported_on, Unset):
            reported_on = UNSET
        elif isinstance(self.reported_on, datetime.date):
            reported_on = self.reported_on.isoformat()
        else:
            reported_on = self.reported_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "appeal_id": appeal_id,
                "nhs_body": nhs_body,
                "recommendation_id": recommendation_id,
            }
        )
        if report_by is not UNSET:
            field_dict["report_by"] = report_by
        if reported_on is not UNSET:
            field_dict["reported_on"] = reported_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        appeal_id = d.pop("appeal_id")

        nhs_body = d.pop("nhs_body")

        recommendation_id = d.pop("recommendation_id")

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

        def _parse_reported_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_on_type_0 = datetime.date.fromisoformat(data)

                return reported_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        reported_on = _parse_reported_on(d.pop("reported_on", UNSET))

        recommendation_row = cls(
            appeal_id=appeal_id,
            nhs_body=nhs_body,
            recommendation_id=recommendation_id,
            report_by=report_by,
            reported_on=reported_on,
        )

        recommendation_row.additional_properties = d
        return recommendation_row

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
