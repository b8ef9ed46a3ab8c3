from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.independent_in import IndependentIn


T = TypeVar("T", bound="ProvisionIn")


@_attrs_define
class ProvisionIn:
    """
    Attributes:
        advocate (IndependentIn):
        provided_on (datetime.date):
    """

    advocate: IndependentIn
    provided_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        advocate = self.advocate.to_dict()

        provided_on = self.provided_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "advocate": advocate,
                "provided_on": provided_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.independent_in import IndependentIn  # noqa: PLC0415

        d = dict(src_dict)
        advocate = IndependentIn.from_dict(d.pop("advocate"))

        provided_on = datetime.date.fromisoformat(d.pop("provided_on"))

        provision_in = cls(
            advocate=advocate,
            provided_on=provided_on,
        )

        return provision_in
