from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LearnerOut")


@_attrs_define
class LearnerOut:
    """
    Attributes:
        compulsory_school_age_on (datetime.date):
        date_of_birth (datetime.date | None):
        enrolled_at (list[str]):
        family_name (None | str):
        given_name (None | str):
        learner_id (str):
        looking_after_authority (None | str):
        merged_into (None | str):
        responsible_authority (str):
        upn (None | str):
        version (int):
        young_person_on (datetime.date):
        legal_holds (list[str] | Unset): The open cases holding the learner's personal data (an appeal lodged and not
            yet decided, as the disputes service published it): no erasure while any stands (409 `legal-hold`)
        personal_data_erased (None | str | Unset): Once the learner's personal data is erased (the names and date of
            birth are then null): 'personal data erased on DATE under schedule X'.
    """

    compulsory_school_age_on: datetime.date
    date_of_birth: datetime.date | None
    enrolled_at: list[str]
    family_name: None | str
    given_name: None | str
    learner_id: str
    looking_after_authority: None | str
    merged_into: None | str
    responsible_authority: str
    upn: None | str
    version: int
    young_person_on: datetime.date
    legal_holds: list[str] | Unset = UNSET
    personal_data_erased: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        compulsory_school_age_on = self.compulsory_school_age_on.isoformat()

        date_of_birth: None | str
        if isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        enrolled_at = self.enrolled_at

        family_name: None | str
        family_name = self.family_name

        given_name: None | str
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

        legal_holds: list[str] | Unset = UNSET
        if not isinstance(self.legal_holds, Unset):
            legal_holds = self.legal_holds

        personal_data_erased: None | str | Unset
        if isinstance(self.personal_data_erased, Unset):
            personal_data_erased = UNSET
        else:
            personal_data_erased = self.personal_data_erased

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
        if legal_holds is not UNSET:
            field_dict["legal_holds"] = legal_holds
        if personal_data_erased is not UNSET:
            field_dict["personal_data_erased"] = personal_data_erased

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        compulsory_school_age_on = datetime.date.fromisoformat(d.pop("compulsory_school_age_on"))

        def _parse_date_of_birth(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        date_of_birth = _parse_date_of_birth(d.pop("date_of_birth"))

        enrolled_at = cast(list[str], d.pop("enrolled_at"))

        def _parse_family_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        family_name = _parse_family_name(d.pop("family_name"))

        def _parse_given_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        given_name = _parse_given_name(d.pop("given_name"))

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

        legal_holds = cast(list[str], d.pop("legal_holds", UNSET))

        def _parse_personal_data_erased(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        personal_data_erased = _parse_personal_data_erased(d.pop("personal_data_erased", UNSET))

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
            legal_holds=legal_holds,
            personal_data_erased=personal_data_erased,
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
