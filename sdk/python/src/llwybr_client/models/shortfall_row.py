from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ShortfallRow")


@_attrs_define
class ShortfallRow:
    """An element of ALP in force found short of its schedule, not yet delivered again.

    Attributes:
        element_id (str):
        found_on (datetime.date):
        idp_id (str):
        kinds (list[str]): The shortfalls found (IDP_SHORTFALL_*)
        learner_id (str):
        maintaining_organisation (str):
        provider_organisation (str): The body that must act
        since (datetime.date): The day the shortfall began
        window_share (float | None | Unset):
    """

    element_id: str
    found_on: datetime.date
    idp_id: str
    kinds: list[str]
    learner_id: str
    maintaining_organisation: str
    provider_organisation: str
    since: datetime.date
    window_share: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        element_id = self.element_id

        found_on = self.found_on.isoformat()

        idp_id = self.idp_id

        kinds = self.kinds

        learner_id = self.learner_id

        maintaining_organisation = self.maintaining_organisation

        provider_organisation = self.provider_organisation

        since = self.since.isoformat()

        window_share: float | None | Unset
        if isinstance(self.window_share, Unset):
            window_share = UNSET
        else:
            window_share = self.window_share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "element_id": element_id,
                "found_on": found_on,
                "idp_id": idp_id,
                "kinds": kinds,
                "learner_id": learner_id,
                "maintaining_organisation": maintaining_organisation,
                "provider_organisation": provider_organisation,
                "since": since,
            }
        )
        if window_share is not UNSET:
            field_dict["window_share"] = window_share

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        element_id = d.pop("element_id")

        found_on = datetime.date.fromisoformat(d.pop("found_on"))

        idp_id = d.pop("idp_id")

        kinds = cast(list[str], d.pop("kinds"))

        learner_id = d.pop("learner_id")

        maintaining_organisation = d.pop("maintaining_organisation")

        provider_organisation = d.pop("provider_organisation")

        since = datetime.date.fromisoformat(d.pop("since"))

        def _parse_window_share(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        window_share = _parse_window_share(d.pop("window_share", UNSET))

        shortfall_row = cls(
            element_id=element_id,
            found_on=found_on,
            idp_id=idp_id,
            kinds=kinds,
            learner_id=learner_id,
            maintaining_organisation=maintaining_organisation,
            provider_organisation=provider_organisation,
            since=since,
            window_share=window_share,
        )

        shortfall_row.additional_properties = d
        return shortfall_row

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
