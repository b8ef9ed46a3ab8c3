from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProvisionElement")


@_attrs_define
class ProvisionElement:
    """One ALP element's provision to the day: expected (over the school-day calendar),
    delivered, missed and the gap, in sessions and minutes.

        Attributes:
            delivered_minutes (float | int):
            delivered_sessions (float | int):
            element_id (str):
            measurable (bool): False: the element has no schedule, nothing is due
            missed_sessions (float | int):
            provisional (bool): No calendar known: counted on working days
            expected_minutes (float | int | None | Unset):
            expected_sessions (float | int | None | Unset): None: unmeasurable
            gap_minutes (float | int | None | Unset): Expected less delivered
            missed_reasons (list[str] | Unset): Why, per miss
            provider_organisation (None | str | Unset):
            shortfalls (list[str] | Unset): The IDP_SHORTFALL_* met
            window_share (float | int | None | Unset):
    """

    delivered_minutes: float | int
    delivered_sessions: float | int
    element_id: str
    measurable: bool
    missed_sessions: float | int
    provisional: bool
    expected_minutes: float | int | None | Unset = UNSET
    expected_sessions: float | int | None | Unset = UNSET
    gap_minutes: float | int | None | Unset = UNSET
    missed_reasons: list[str] | Unset = UNSET
    provider_organisation: None | str | Unset = UNSET
    shortfalls: list[str] | Unset = UNSET
    window_share: float | int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivered_minutes: float | int
        delivered_minutes = self.delivered_minutes

        delivered_sessions: float | int
        delivered_sessions = self.delivered_sessions

        element_id = self.element_id

        measurable = self.measurable

        missed_sessions: float | int
        missed_sessions = self.missed_sessions

        provisional = self.provisional

        expected_minutes: float | int | None | Unset
        if isinstance(self.expected_minutes, Unset):
            expected_minutes = UNSET
        else:
            expected_minutes = self.expected_minutes

        expected_sessions: float | int | None | Unset
        if isinstance(self.expected_sessions, Unset):
            expected_sessions = UNSET
        else:
            expected_sessions = self.expected_sessions

        gap_minutes: float | int | None | Unset
        if isinstance(self.gap_minutes, Unset):
            gap_minutes = UNSET
        else:
            gap_minutes = self.gap_minutes

        missed_reasons: list[str] | Unset = UNSET
        if not isinstance(self.missed_reasons, Unset):
            missed_reasons = self.missed_reasons

        provider_organisation: None | str | Unset
        if isinstance(self.provider_organisation, Unset):
            provider_organisation = UNSET
        else:
            provider_organisation = self.provider_organisation

        shortfalls: list[str] | Unset = UNSET
        if not isinstance(self.shortfalls, Unset):
            shortfalls = self.shortfalls

        window_share: float | int | None | Unset
        if isinstance(self.window_share, Unset):
            window_share = UNSET
        else:
            window_share = self.window_share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivered_minutes": delivered_minutes,
                "delivered_sessions": delivered_sessions,
                "element_id": element_id,
                "measurable": measurable,
                "missed_sessions": missed_sessions,
                "provisional": provisional,
            }
        )
        if expected_minutes is not UNSET:
            field_dict["expected_minutes"] = expected_minutes
        if expected_sessions is not UNSET:
            field_dict["expected_sessions"] = expected_sessions
        if gap_minutes is not UNSET:
            field_dict["gap_minutes"] = gap_minutes
        if missed_reasons is not UNSET:
            field_dict["missed_reasons"] = missed_reasons
        if provider_organisation is not UNSET:
            field_dict["provider_organisation"] = provider_organisation
        if shortfalls is not UNSET:
            field_dict["shortfalls"] = shortfalls
        if window_share is not UNSET:
            field_dict["window_share"] = window_share

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_delivered_minutes(data: object) -> float | int:
            return cast(float | int, data)

        delivered_minutes = _parse_delivered_minutes(d.pop("delivered_minutes"))

        def _parse_delivered_sessions(data: object) -> float | int:
            return cast(float | int, data)

        delivered_sessions = _parse_delivered_sessions(d.pop("delivered_sessions"))

        element_id = d.pop("element_id")

        measurable = d.pop("measurable")

        def _parse_missed_sessions(data: object) -> float | int:
            return cast(float | int, data)

        missed_sessions = _parse_missed_sessions(d.pop("missed_sessions"))

        provisional = d.pop("provisional")

        def _parse_expected_minutes(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        expected_minutes = _parse_expected_minutes(d.pop("expected_minutes", UNSET))

        def _parse_expected_sessions(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        expected_sessions = _parse_expected_sessions(d.pop("expected_sessions", UNSET))

        def _parse_gap_minutes(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        gap_minutes = _parse_gap_minutes(d.pop("gap_minutes", UNSET))

        missed_reasons = cast(list[str], d.pop("missed_reasons", UNSET))

        def _parse_provider_organisation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        provider_organisation = _parse_provider_organisation(d.pop("provider_organisation", UNSET))

        shortfalls = cast(list[str], d.pop("shortfalls", UNSET))

        def _parse_window_share(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        window_share = _parse_window_share(d.pop("window_share", UNSET))

        provision_element = cls(
            delivered_minutes=delivered_minutes,
            delivered_sessions=delivered_sessions,
            element_id=element_id,
            measurable=measurable,
            missed_sessions=missed_sessions,
            provisional=provisional,
            expected_minutes=expected_minutes,
            expected_sessions=expected_sessions,
            gap_minutes=gap_minutes,
            missed_reasons=missed_reasons,
            provider_organisation=provider_organisation,
            shortfalls=shortfalls,
            window_share=window_share,
        )

        provision_element.additional_properties = d
        return provision_element

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
