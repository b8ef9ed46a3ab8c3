from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.setting import Setting
from ..types import UNSET, Unset

T = TypeVar("T", bound="LearnerIn")


@_attrs_define
class LearnerIn:
    """
    Attributes:
        date_of_birth (datetime.date):
        family_name (str):
        given_name (str):
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare number `665` is
            deprecated: the `Deprecation` header says since when)
        setting (Setting): Where the learner is educated, as the routing rule (docs/domain.md section 2) needs it.
        dual_registered (bool | Unset):  Default: False.
        home_language (str | Unset):  Default: 'en'.
        learner_id (None | str | Unset): The learner registry's id (from an earlier answer): names a learner already
            known; an id the registry never gave is not found. Omit for a new learner.
        local_id (None | str | Unset): The raising setting's own id for the learner (its MIS id), used to find them
            while there is no UPN yet
        looked_after (bool | Unset):  Default: False.
        looking_after_authority (None | str | Unset): The LA looking after a looked-after child (`la:665`; the bare
            number is deprecated), or `ENG` for an authority in England
        resident_in_england (bool | Unset):  Default: False.
        setting_id (None | str | Unset): The school or FEI the learner is at: `school:6652001` (a maintained school or
            pupil referral unit) or `fei:10001234` (a further education institution), of the kind `setting` names; the bare
            establishment number is deprecated (made whole from `setting`, with a `Deprecation` header)
        upn (None | str | Unset):
        welsh_medium (bool | Unset):  Default: False.
        young_person (bool | None | Unset): Derived from the date of birth and the concern's date (over compulsory
            school age); a flag that contradicts it is refused (young-person-conflict)
    """

    date_of_birth: datetime.date
    family_name: str
    given_name: str
    local_authority: str
    setting: Setting
    dual_registered: bool | Unset = False
    home_language: str | Unset = "en"
    learner_id: None | str | Unset = UNSET
    local_id: None | str | Unset = UNSET
    looked_after: bool | Unset = False
    looking_after_authority: None | str | Unset = UNSET
    resident_in_england: bool | Unset = False
    setting_id: None | str | Unset = UNSET
    upn: None | str | Unset = UNSET
    welsh_medium: bool | Unset = False
    young_person: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        date_of_birth = self.date_of_birth.isoformat()

        family_name = self.family_name

        given_name = self.given_name

        local_authority = self.local_authority

        setting = self.setting.value

        dual_registered = self.dual_registered

        home_language = self.home_language

        learner_id: None | str | Unset
        if isinstance(self.learner_id, Unset):
            learner_id = UNSET
        else:
            learner_id = self.learner_id

        local_id: None | str | Unset
        if isinstance(self.local_id, Unset):
            local_id = UNSET
        else:
            local_id = self.local_id

        looked_after = self.looked_after

        looking_after_authority: None | str | Unset
        if isinstance(self.looking_after_authority, Unset):
            looking_after_authority = UNSET
        else:
            looking_after_authority = self.looking_after_authority

        resident_in_england = self.resident_in_england

        setting_id: None | str | Unset
        if isinstance(self.setting_id, Unset):
            setting_id = UNSET
        else:
            setting_id = self.setting_id

        upn: None | str | Unset
        if isinstance(self.upn, Unset):
            upn = UNSET
        else:
            upn = self.upn

        welsh_medium = self.welsh_medium

        young_person: bool | None | Unset
        if isinstance(self.young_person, Unset):
            young_person = UNSET
        else:
            young_person = self.young_person

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date_of_birth": date_of_birth,
                "family_name": family_name,
                "given_name": given_name,
                "local_authority": local_authority,
                "setting": setting,
            }
        )
        if dual_registered is not UNSET:
            field_dict["dual_registered"] = dual_registered
        if home_language is not UNSET:
            field_dict["home_language"] = home_language
        if learner_id is not UNSET:
            field_dict["learner_id"] = learner_id
        if local_id is not UNSET:
            field_dict["local_id"] = local_id
        if looked_after is not UNSET:
            field_dict["looked_after"] = looked_after
        if looking_after_authority is not UNSET:
            field_dict["looking_after_authority"] = looking_after_authority
        if resident_in_england is not UNSET:
            field_dict["resident_in_england"] = resident_in_england
        if setting_id is not UNSET:
            field_dict["setting_id"] = setting_id
        if upn is not UNSET:
            field_dict["upn"] = upn
        if welsh_medium is not UNSET:
            field_dict["welsh_medium"] = welsh_medium
        if young_person is not UNSET:
            field_dict["young_person"] = young_person

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date_of_birth = datetime.date.fromisoformat(d.pop("date_of_birth"))

        family_name = d.pop("family_name")

        given_name = d.pop("given_name")

        local_authority = d.pop("local_authority")

        setting = Setting(d.pop("setting"))

        dual_registered = d.pop("dual_registered", UNSET)

        home_language = d.pop("home_language", UNSET)

        def _parse_learner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        learner_id = _parse_learner_id(d.pop("learner_id", UNSET))

        def _parse_local_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        local_id = _parse_local_id(d.pop("local_id", UNSET))

        looked_after = d.pop("looked_after", UNSET)

        def _parse_looking_after_authority(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        looking_after_authority = _parse_looking_after_authority(
            d.pop("looking_after_authority", UNSET)
        )

        resident_in_england = d.pop("resident_in_england", UNSET)

        def _parse_setting_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        setting_id = _parse_setting_id(d.pop("setting_id", UNSET))

        def _parse_upn(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        upn = _parse_upn(d.pop("upn", UNSET))

        welsh_medium = d.pop("welsh_medium", UNSET)

        def _parse_young_person(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        young_person = _parse_young_person(d.pop("young_person", UNSET))

        learner_in = cls(
            date_of_birth=date_of_birth,
            family_name=family_name,
            given_name=given_name,
            local_authority=local_authority,
            setting=setting,
            dual_registered=dual_registered,
            home_language=home_language,
            learner_id=learner_id,
            local_id=local_id,
            looked_after=looked_after,
            looking_after_authority=looking_after_authority,
            resident_in_england=resident_in_england,
            setting_id=setting_id,
            upn=upn,
            welsh_medium=welsh_medium,
            young_person=young_person,
        )

        return learner_in
