from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MinistersDeterminationIn")


@_attrs_define
class MinistersDeterminationIn:
    """
    Attributes:
        determined_on (datetime.date):
        fei_maintains (bool): The Welsh Ministers determined the FEI must
    """

    determined_on: datetime.date
    fei_maintains: bool

    def to_dict(self) -> dict[str, Any]:
        determined_on = self.determined_on.isoformat()

        fei_maintains = self.fei_maintains

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "determined_on": determined_on,
                "fei_maintains": fei_maintains,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        determined_on = datetime.date.fromisoformat(d.pop("determined_on"))

        fei_maintains = d.pop("fei_maintains")

        ministers_determination_in = cls(
            determined_on=determined_on,
            fei_maintains=fei_maintains,
        )

        return ministers_determination_in
