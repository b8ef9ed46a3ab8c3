from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organisation_contact_out_language_type_0 import OrganisationContactOutLanguageType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationContactOut")


@_attrs_define
class OrganisationContactOut:
    """
    Attributes:
        email (str):
        name (str):
        organisation (str):
        updated_at (datetime.datetime):
        updated_by (str):
        version (int):
        address (None | str | Unset):
        disagreement_resolution (None | str | Unset):
        independent_advocacy (None | str | Unset):
        information_and_advice (None | str | Unset):
        language (None | OrganisationContactOutLanguageType0 | Unset):
        name_cy (None | str | Unset):
        notices_sent (list[str] | Unset):
        phone (None | str | Unset):
    """

    email: str
    name: str
    organisation: str
    updated_at: datetime.datetime
    updated_by: str
    version: int
    address: None | str | Unset = UNSET
    disagreement_resolution: None | str | Unset = UNSET
    independent_advocacy: None | str | Unset = UNSET
    information_and_advice: None | str | Unset = UNSET
    language: None | OrganisationContactOutLanguageType0 | Unset = UNSET
    name_cy: None | str | Unset = UNSET
    notices_sent: list[str] | Unset = UNSET
    phone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        organisation = self.organisation

        updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        version = self.version

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        disagreement_resolution: None | str | Unset
        if isinstance(self.disagreement_resolution, Unset):
            disagreement_resolution = UNSET
        else:
            disagreement_resolution = self.disagreement_resolution

        independent_advocacy: None | str | Unset
        if isinstance(self.independent_advocacy, Unset):
            independent_advocacy = UNSET
        else:
            independent_advocacy = self.independent_advocacy

        information_and_advice: None | str | Unset
        if isinstance(self.information_and_advice, Unset):
            information_and_advice = UNSET
        else:
            information_and_advice = self.information_and_advice

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, OrganisationContactOutLanguageType0):
            language = self.language.value
        else:
            language = self.language

        name_cy: None | str | Unset
        if isinstance(self.name_cy, Unset):
            name_cy = UNSET
        else:
            name_cy = self.name_cy

        notices_sent: list[str] | Unset = UNSET
        if not isinstance(self.notices_sent, Unset):
            notices_sent = self.notices_sent

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "name": name,
                "organisation": organisation,
                "updated_at": updated_at,
                "updated_by": updated_by,
                "version": version,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if disagreement_resolution is not UNSET:
            field_dict["disagreement_resolution"] = disagreement_resolution
        if independent_advocacy is not UNSET:
            field_dict["independent_advocacy"] = independent_advocacy
        if information_and_advice is not UNSET:
            field_dict["information_and_advice"] = information_and_advice
        if language is not UNSET:
            field_dict["language"] = language
        if name_cy is not UNSET:
            field_dict["name_cy"] = name_cy
        if notices_sent is not UNSET:
            field_dict["notices_sent"] = notices_sent
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        organisation = d.pop("organisation")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        updated_by = d.pop("updated_by")

        version = d.pop("version")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_disagreement_resolution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        disagreement_resolution = _parse_disagreement_resolution(
            d.pop("disagreement_resolution", UNSET)
        )

        def _parse_independent_advocacy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        independent_advocacy = _parse_independent_advocacy(d.pop("independent_advocacy", UNSET))

        def _parse_information_and_advice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        information_and_advice = _parse_information_and_advice(
            d.pop("information_and_advice", UNSET)
        )

        def _parse_language(data: object) -> None | OrganisationContactOutLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = OrganisationContactOutLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganisationContactOutLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_name_cy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_cy = _parse_name_cy(d.pop("name_cy", UNSET))

        notices_sent = cast(list[str], d.pop("notices_sent", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        organisation_contact_out = cls(
            email=email,
            name=name,
            organisation=organisation,
            updated_at=updated_at,
            updated_by=updated_by,
            version=version,
            address=address,
            disagreement_resolution=disagreement_resolution,
            independent_advocacy=independent_advocacy,
            information_and_advice=information_and_advice,
            language=language,
            name_cy=name_cy,
            notices_sent=notices_sent,
            phone=phone,
        )

        organisation_contact_out.additional_properties = d
        return organisation_contact_out

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
