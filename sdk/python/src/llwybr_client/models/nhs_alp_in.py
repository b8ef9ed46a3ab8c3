from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.alp_element_in import AlpElementIn


T = TypeVar("T", bound="NhsAlpIn")


@_attrs_define
class NhsAlpIn:
    """
    Attributes:
        added_on (datetime.date):
        element (AlpElementIn):
        nhs_answer_reference (str):
    """

    added_on: datetime.date
    element: AlpElementIn
    nhs_answer_reference: str

    def to_dict(self) -> dict[str, Any]:
        added_on = self.added_on.isoformat()

        element = self.element.to_dict()

        nhs_answer_reference = self.nhs_answer_reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "added_on": added_on,
                "element": element,
                "nhs_answer_reference": nhs_answer_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.alp_element_in import AlpElementIn  # noqa: PLC0415

        d = dict(src_dict)
        added_on = datetime.date.fromisoformat(d.pop("added_on"))

        element = AlpElementIn.from_dict(d.pop("element"))

        nhs_answer_reference = d.pop("nhs_answer_reference")

        nhs_alp_in = cls(
            added_on=added_on,
            element=element,
            nhs_answer_reference=nhs_answer_reference,
        )

        return nhs_alp_in
