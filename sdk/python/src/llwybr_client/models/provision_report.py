from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provision_element import ProvisionElement


T = TypeVar("T", bound="ProvisionReport")


@_attrs_define
class ProvisionReport:
    """A plan's provision planned against delivered, per element, on a day.

    Attributes:
        as_of (datetime.date):
        elements (list[ProvisionElement]):
        id (str): The plan's id
        provisional (bool):
        calendar (None | str | Unset): The calendar counted on; None: none
        short (list[str] | Unset): The elements found short
    """

    as_of: datetime.date
    elements: list[ProvisionElement]
    id: str
    provisional: bool
    calendar: None | str | Unset = UNSET
    short: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        elements = []
        for elements_item_data in self.elements:
            elements_item = elements_item_data.to_dict()
            elements.append(elements_item)

        id = self.id

        provisional = self.provisional

        calendar: None | str | Unset
        if isinstance(self.calendar, Unset):
            calendar = UNSET
        else:
            calendar = self.calendar

        short: list[str] | Unset = UNSET
        if not isinstance(self.short, Unset):
            short = self.short

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "elements": elements,
                "id": id,
                "provisional": provisional,
            }
        )
        if calendar is not UNSET:
            field_dict["calendar"] = calendar
        if short is not UNSET:
            field_dict["short"] = short

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provision_element import ProvisionElement  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        elements = []
        _elements = d.pop("elements")
        for elements_item_data in _elements:
            elements_item = ProvisionElement.from_dict(elements_item_data)

            elements.append(elements_item)

        id = d.pop("id")

        provisional = d.pop("provisional")

        def _parse_calendar(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        calendar = _parse_calendar(d.pop("calendar", UNSET))

        short = cast(list[str], d.pop("short", UNSET))

        provision_report = cls(
            as_of=as_of,
            elements=elements,
            id=id,
            provisional=provisional,
            calendar=calendar,
            short=short,
        )

        provision_report.additional_properties = d
        return provision_report

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
