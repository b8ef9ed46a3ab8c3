from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CapacityIn")


@_attrs_define
class CapacityIn:
    """
    Attributes:
        declared_on (datetime.date):
        has_capacity (bool):
        person (str):
    """

    declared_on: datetime.date
    has_capacity: bool
    person: str

    def to_dict(self) -> dict[str, Any]:
        declared_on = self.declared_on.isoformat()

        has_capacity = self.has_capacity

        person = self.person

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "declared_on": declared_on,
                "has_capacity": has_capacity,
                "person": person,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        declared_on = datetime.date.fromisoformat(d.pop("declared_on"))

        has_capacity = d.pop("has_capacity")

        person = d.pop("person")

        capacity_in = cls(
            declared_on=declared_on,
            has_capacity=has_capacity,
            person=person,
        )

        return capacity_in
