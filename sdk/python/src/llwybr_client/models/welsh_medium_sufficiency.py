from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WelshMediumSufficiency")


@_attrs_define
class WelshMediumSufficiency:
    """An LA's Welsh-medium ALP across the plans in force of the learners it is responsible
    for: what must be provided in Welsh, and what was.

        Attributes:
            alp_elements (int): Elements of ALP in the LA's learners' plans
            alp_elements_given_in_welsh (int): Of those elements, given in Welsh
            alp_elements_in_welsh (int): Elements of ALP to provide in Welsh
            learners_given_welsh (int): Of those learners, given some in Welsh
            learners_needing_welsh (int): Learners with ALP to provide in Welsh
            local_authority (str): The local authority's id, `la:` and its number
            plans_given_welsh (int): Of those plans, given some in Welsh
            plans_needing_welsh (int): Plans with ALP to provide in Welsh
            welsh_sessions_delivered (int): Their sessions given in Welsh
            welsh_sessions_given_in_english (int): Their sessions given in English (or another language) instead: not Welsh-
                medium provision delivered
            welsh_sessions_missed (int): Their sessions missed
    """

    alp_elements: int
    alp_elements_given_in_welsh: int
    alp_elements_in_welsh: int
    learners_given_welsh: int
    learners_needing_welsh: int
    local_authority: str
    plans_given_welsh: int
    plans_needing_welsh: int
    welsh_sessions_delivered: int
    welsh_sessions_given_in_english: int
    welsh_sessions_missed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alp_elements = self.alp_elements

        alp_elements_given_in_welsh = self.alp_elements_given_in_welsh

        alp_elements_in_welsh = self.alp_elements_in_welsh

        learners_given_welsh = self.learners_given_welsh

        learners_needing_welsh = self.learners_needing_welsh

        local_authority = self.local_authority

        plans_given_welsh = self.plans_given_welsh

        plans_needing_welsh = self.plans_needing_welsh

        welsh_sessions_delivered = self.welsh_sessions_delivered

        welsh_sessions_given_in_english = self.welsh_sessions_given_in_english

        welsh_sessions_missed = self.welsh_sessions_missed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alp_elements": alp_elements,
                "alp_elements_given_in_welsh": alp_elements_given_in_welsh,
                "alp_elements_in_welsh": alp_elements_in_welsh,
                "learners_given_welsh": learners_given_welsh,
                "learners_needing_welsh": learners_needing_welsh,
                "local_authority": local_authority,
                "plans_given_welsh": plans_given_welsh,
                "plans_needing_welsh": plans_needing_welsh,
                "welsh_sessions_delivered": welsh_sessions_delivered,
                "welsh_sessions_given_in_english": welsh_sessions_given_in_english,
                "welsh_sessions_missed": welsh_sessions_missed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alp_elements = d.pop("alp_elements")

        alp_elements_given_in_welsh = d.pop("alp_elements_given_in_welsh")

        alp_elements_in_welsh = d.pop("alp_elements_in_welsh")

        learners_given_welsh = d.pop("learners_given_welsh")

        learners_needing_welsh = d.pop("learners_needing_welsh")

        local_authority = d.pop("local_authority")

        plans_given_welsh = d.pop("plans_given_welsh")

        plans_needing_welsh = d.pop("plans_needing_welsh")

        welsh_sessions_delivered = d.pop("welsh_sessions_delivered")

        welsh_sessions_given_in_english = d.pop("welsh_sessions_given_in_english")

        welsh_sessions_missed = d.pop("welsh_sessions_missed")

        welsh_medium_sufficiency = cls(
            alp_elements=alp_elements,
            alp_elements_given_in_welsh=alp_elements_given_in_welsh,
            alp_elements_in_welsh=alp_elements_in_welsh,
            learners_given_welsh=learners_given_welsh,
            learners_needing_welsh=learners_needing_welsh,
            local_authority=local_authority,
            plans_given_welsh=plans_given_welsh,
            plans_needing_welsh=plans_needing_welsh,
            welsh_sessions_delivered=welsh_sessions_delivered,
            welsh_sessions_given_in_english=welsh_sessions_given_in_english,
            welsh_sessions_missed=welsh_sessions_missed,
        )

        welsh_medium_sufficiency.additional_properties = d
        return welsh_medium_sufficiency

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
