from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_out_terms_item import CalendarOutTermsItem


T = TypeVar("T", bound="CalendarOut")


@_attrs_define
class CalendarOut:
    """
    Attributes:
        calendar_id (str):
        closures (list[datetime.date]):
        name (str):
        terms (list[CalendarOutTermsItem]):
        version (int):
        recalculated (list[UUID] | Unset):
    """

    calendar_id: str
    closures: list[datetime.date]
    name: str
    terms: list[CalendarOutTermsItem]
    version: int
    recalculated: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendar_id = self.calendar_id

        closures = []
        for closures_item_data in self.closures:
            closures_item = closures_item_data.isoformat()
            closures.append(closures_item)

        name = self.name

        terms = []
        for terms_item_data in self.terms:
            terms_item = terms_item_data.to_dict()
            terms.append(terms_item)

        version = self.version

        recalculated: list[str] | Unset = UNSET
        if not isinstance(self.recalculated, Unset):
            recalculated = []
            for recalculated_item_data in self.recalculated:
                recalculated_item = str(recalculated_item_data)
                recalculated.append(recalculated_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendar_id": calendar_id,
                "closures": closures,
                "name": name,
                "terms": terms,
                "version": version,
            }
        )
        if recalculated is not UNSET:
            field_dict["recalculated"] = recalculated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_out_terms_item import CalendarOutTermsItem  # noqa: PLC0415

        d = dict(src_dict)
        calendar_id = d.pop("calendar_id")

        closures = []
        _closures = d.pop("closures")
        for closures_item_data in _closures:
            closures_item = datetime.date.fromisoformat(closures_item_data)

            closures.append(closures_item)

        name = d.pop("name")

        terms = []
        _terms = d.pop("terms")
        for terms_item_data in _terms:
            terms_item = CalendarOutTermsItem.from_dict(terms_item_data)

            terms.append(terms_item)

        version = d.pop("version")

        _recalculated = d.pop("recalculated", UNSET)
        recalculated: list[UUID] | Unset = UNSET
        if _recalculated is not UNSET:
            recalculated = []
            for recalculated_item_data in _recalculated:
                recalculated_item = UUID(recalculated_item_data)

                recalculated.append(recalculated_item)

        calendar_out = cls(
            calendar_id=calendar_id,
            closures=closures,
            name=name,
            terms=terms,
            version=version,
            recalculated=recalculated,
        )

        calendar_out.additional_properties = d
        return calendar_out

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
