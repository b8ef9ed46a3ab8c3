from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Section3In")


@_attrs_define
class Section3In:
    """
    Attributes:
        information_used (str):
        review_and_transition (str):
    """

    information_used: str
    review_and_transition: str

    def to_dict(self) -> dict[str, Any]:
        information_used = self.information_used

        review_and_transition = self.review_and_transition

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "information_used": information_used,
                "review_and_transition": review_and_transition,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        information_used = d.pop("information_used")

        review_and_transition = d.pop("review_and_transition")

        section_3_in = cls(
            information_used=information_used,
            review_and_transition=review_and_transition,
        )

        return section_3_in
