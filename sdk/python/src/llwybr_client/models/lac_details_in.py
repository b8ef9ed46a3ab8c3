from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LacDetailsIn")


@_attrs_define
class LacDetailsIn:
    """
    Attributes:
        independent_reviewing_officer (str):
        looking_after_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare number `665`
            is deprecated: the `Deprecation` header says since when)
        personal_education_plan_reference (str):
    """

    independent_reviewing_officer: str
    looking_after_authority: str
    personal_education_plan_reference: str

    def to_dict(self) -> dict[str, Any]:
        independent_reviewing_officer = self.independent_reviewing_officer

        looking_after_authority = self.looking_after_authority

        personal_education_plan_reference = self.personal_education_plan_reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "independent_reviewing_officer": independent_reviewing_officer,
                "looking_after_authority": looking_after_authority,
                "personal_education_plan_reference": personal_education_plan_reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        independent_reviewing_officer = d.pop("independent_reviewing_officer")

        looking_after_authority = d.pop("looking_after_authority")

        personal_education_plan_reference = d.pop("personal_education_plan_reference")

        lac_details_in = cls(
            independent_reviewing_officer=independent_reviewing_officer,
            looking_after_authority=looking_after_authority,
            personal_education_plan_reference=personal_education_plan_reference,
        )

        return lac_details_in
