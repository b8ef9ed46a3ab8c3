from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Section1In")


@_attrs_define
class Section1In:
    """
    Attributes:
        consent_and_capacity (str):
        date_of_birth (datetime.date):
        home_language (str):
        learner_name (str):
    """

    consent_and_capacity: str
    date_of_birth: datetime.date
    home_language: str
    learner_name: str

    def to_dict(self) -> dict[str, Any]:
        consent_and_capacity = self.consent_and_capacity

        date_of_birth = self.date_of_birth.isoformat()

        home_language = self.home_language

        learner_name = self.learner_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "consent_and_capacity": consent_and_capacity,
                "date_of_birth": date_of_birth,
                "home_language": home_language,
                "learner_name": learner_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consent_and_capacity = d.pop("consent_and_capacity")

        date_of_birth = datetime.date.fromisoformat(d.pop("date_of_birth"))

        home_language = d.pop("home_language")

        learner_name = d.pop("learner_name")

        section_1_in = cls(
            consent_and_capacity=consent_and_capacity,
            date_of_birth=date_of_birth,
            home_language=home_language,
            learner_name=learner_name,
        )

        return section_1_in
