from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LearnerOut")


@_attrs_define
class LearnerOut:
    """
    Attributes:
        compulsory_school_age_on (datetime.date):
        date_of_birth (datetime.date):
        enrolled_at (list[str]):
        family_name (str):
        given_name (str):
        learner_id (str):
        looking_after_authority (None | str):
        merged_into (None | str):
        responsible_authority (str):
        upn (None | str):
        version (int):
        young_person_on (datetime.date):
    """

    compulsory_school_age_on: datetime.date
    date_of_birth: datetime.date
    enrolled_at: list[str]
    family_name: str
    given_name: str
    learner_id: str
    looking_after_authority: None | str
    merged_into: None | str
    responsible_authority: str
    upn: None | str
    version: int
    young_person_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compulsory_school_age_on = self.compulsory_school_age_on.isoformat()

        date_of_birth = self.date_of_birth.isoformat()

        enrolled_at = self.enrolled_at

        family_name = self.family_name

        given_name = self.given_name

        learner_id = self.learner_id

        looking_after_authority: None | str
        looking_after_authority = self.looking_after_authority

        merged_into: None | str
        merged_into = self.merged_into

        responsible_authority = self.responsible_authority

        upn: None | str
        upn = self.upn

        version = self.version

        young_person_on = self.young_person_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compulsory_school_age_on": compulsory_school_age_on,
                "date_of_birth": date_of_birth,
                "enrolled_at": enrolled_at,
                "family_name": family_name,
                "given_name": given_name,
                "learner_id": learner_id,
                "looking_after_authority": looking_after_authority,
                "merged_into": merged_into,
                "responsible_authority": responsible_authority,
                "upn": upn,
                "version": version,
                "young_person_on": young_person_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compulsory_school_age_on = datetime.date.fromisoformat(d.pop("compulsory_school_age_on"))

        date_of_birth = datetime.date.fromisoformat(d.pop("date_of_birth"))

        enrolled_at = cast(list[str], d.pop("enrolled_at"))

        family_name = d.pop("family_name")

        given_name = d.pop("given_name")

        learner_id = d.pop("learner_id")

        def _parse_looking_after_authority(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        looking_after_authority = _parse_looking_after_authority(d.pop("looking_after_authority"))

        def _parse_merged_into(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merged_into = _parse_merged_into(d.pop("merged_into"))

        responsible_authority = d.pop("responsible_authority")

        def _parse_upn(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        upn = _parse_upn(d.pop("upn"))

        version = d.pop("version")

        young_person_on = datetime.date.fromisoformat(d.pop("young_person_on"))

        learner_out = cls(
            compulsory_school_age_on=compulsory_school_age_on,
            date_of_birth=date_of_birth,
            enrolled_at=enrolled_at,
            family_name=family_name,
            given_name=given_name,
            learner_id=learner_id,
            looking_after_authority=looking_after_authority,
            merged_into=merged_into,
            responsible_authority=responsible_authority,
            upn=upn,
            version=version,
            young_person_on=young_person_on,
        )

        learner_out.additional_properties = d
        return learner_out

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
