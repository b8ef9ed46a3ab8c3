from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AlnDescriptionIn")


@_attrs_define
class AlnDescriptionIn:
    """
    Attributes:
        description (str):
        impact_on_learning (str):
        reasons_where_disputed (None | str | Unset):
    """

    description: str
    impact_on_learning: str
    reasons_where_disputed: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        impact_on_learning = self.impact_on_learning

        reasons_where_disputed: None | str | Unset
        if isinstance(self.reasons_where_disputed, Unset):
            reasons_where_disputed = UNSET
        else:
            reasons_where_disputed = self.reasons_where_disputed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "impact_on_learning": impact_on_learning,
            }
        )
        if reasons_where_disputed is not UNSET:
            field_dict["reasons_where_disputed"] = reasons_where_disputed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        impact_on_learning = d.pop("impact_on_learning")

        def _parse_reasons_where_disputed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reasons_where_disputed = _parse_reasons_where_disputed(
            d.pop("reasons_where_disputed", UNSET)
        )

        aln_description_in = cls(
            description=description,
            impact_on_learning=impact_on_learning,
            reasons_where_disputed=reasons_where_disputed,
        )

        return aln_description_in
