from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.set_calendar_json_calendar_in_term import SetCalendarJsonCalendarInTerm


T = TypeVar("T", bound="SetCalendarJsonCalendarIn")


@_attrs_define
class SetCalendarJsonCalendarIn:
    """
    Attributes:
        name (str):
        terms (list[SetCalendarJsonCalendarInTerm]):
        closures (list[datetime.date] | Unset):
    """

    name: str
    terms: list[SetCalendarJsonCalendarInTerm]
    closures: list[datetime.date] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        terms = []
        for terms_item_data in self.terms:
            terms_item = terms_item_data.to_dict()
            terms.append(terms_item)

        closures: list[str] | Unset = UNSET
        if not isinstance(self.closures, Unset):
            closures = []
            for closures_item_data in self.closures:
                closures_item = closures_item_data.isoformat()
                closures.append(closures_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "terms": terms,
            }
        )
        if closures is not UNSET:
            field_dict["closures"] = closures

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.set_calendar_json_calendar_in_term import SetCalendarJsonCalendarInTerm  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        terms = []
        _terms = d.pop("terms")
        for terms_item_data in _terms:
            terms_item = SetCalendarJsonCalendarInTerm.from_dict(terms_item_data)

            terms.append(terms_item)

        _closures = d.pop("closures", UNSET)
        closures: list[datetime.date] | Unset = UNSET
        if _closures is not UNSET:
            closures = []
            for closures_item_data in _closures:
                closures_item = datetime.date.fromisoformat(closures_item_data)

                closures.append(closures_item)

        set_calendar_json_calendar_in = cls(
            name=name,
            terms=terms,
            closures=closures,
        )

        return set_calendar_json_calendar_in
