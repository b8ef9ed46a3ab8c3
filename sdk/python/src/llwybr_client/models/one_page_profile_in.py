from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OnePageProfileIn")


@_attrs_define
class OnePageProfileIn:
    """
    Attributes:
        how_best_to_support (str):
        what_is_important (str):
        what_people_like_and_admire (str):
    """

    how_best_to_support: str
    what_is_important: str
    what_people_like_and_admire: str

    def to_dict(self) -> dict[str, Any]:
        how_best_to_support = self.how_best_to_support

        what_is_important = self.what_is_important

        what_people_like_and_admire = self.what_people_like_and_admire

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "how_best_to_support": how_best_to_support,
                "what_is_important": what_is_important,
                "what_people_like_and_admire": what_people_like_and_admire,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        how_best_to_support = d.pop("how_best_to_support")

        what_is_important = d.pop("what_is_important")

        what_people_like_and_admire = d.pop("what_people_like_and_admire")

        one_page_profile_in = cls(
            how_best_to_support=how_best_to_support,
            what_is_important=what_is_important,
            what_people_like_and_admire=what_people_like_and_admire,
        )

        return one_page_profile_in
