from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChainReport")


@_attrs_define
class ChainReport:
    """One service's check of a chain, or of every chain in its store.

    Attributes:
        aggregates_checked (int):
        events_checked (int):
        ok (bool): Every hash recomputed matches
        service (str):
        breaks (list[Any] | Unset): Every break found
        broken (Any | Unset): The first break, if any
    """

    aggregates_checked: int
    events_checked: int
    ok: bool
    service: str
    breaks: list[Any] | Unset = UNSET
    broken: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aggregates_checked = self.aggregates_checked

        events_checked = self.events_checked

        ok = self.ok

        service = self.service

        breaks: list[Any] | Unset = UNSET
        if not isinstance(self.breaks, Unset):
            breaks = self.breaks

        broken = self.broken

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "aggregates_checked": aggregates_checked,
                "events_checked": events_checked,
                "ok": ok,
                "service": service,
            }
        )
        if breaks is not UNSET:
            field_dict["breaks"] = breaks
        if broken is not UNSET:
            field_dict["broken"] = broken

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        aggregates_checked = d.pop("aggregates_checked")

        events_checked = d.pop("events_checked")

        ok = d.pop("ok")

        service = d.pop("service")

        breaks = cast(list[Any], d.pop("breaks", UNSET))

        broken = d.pop("broken", UNSET)

        chain_report = cls(
            aggregates_checked=aggregates_checked,
            events_checked=events_checked,
            ok=ok,
            service=service,
            breaks=breaks,
            broken=broken,
        )

        chain_report.additional_properties = d
        return chain_report

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
