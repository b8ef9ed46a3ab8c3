from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organisation_contact_in_language_type_0 import OrganisationContactInLanguageType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationContactIn")


@_attrs_define
class OrganisationContactIn:
    """
    Attributes:
        email (str):
        name (str):
        address (None | str | Unset):
        disagreement_resolution (None | str | Unset):
        independent_advocacy (None | str | Unset):
        information_and_advice (None | str | Unset):
        language (None | OrganisationContactInLanguageType0 | Unset):
        name_cy (None | str | Unset):
        phone (None | str | Unset):
    """

    email: str
    name: str
    address: None | str | Unset = UNSET
    disagreement_resolution: None | str | Unset = UNSET
    independent_advocacy: None | str | Unset = UNSET
    information_and_advice: None | str | Unset = UNSET
    language: None | OrganisationContactInLanguageType0 | Unset = UNSET
    name_cy: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

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
        elif isinstance(self.language, OrganisationContactInLanguageType0):
            language = self.language.value
        else:
            language = self.language

        name_cy: None | str | Unset
        if isinstance(self.name_cy, Unset):
            name_cy = UNSET
        else:
            name_cy = self.name_cy

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
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
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

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

        def _parse_language(data: object) -> None | OrganisationContactInLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = OrganisationContactInLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganisationContactInLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_name_cy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name_cy = _parse_name_cy(d.pop("name_cy", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        organisation_contact_in = cls(
            email=email,
            name=name,
            address=address,
            disagreement_resolution=disagreement_resolution,
            independent_advocacy=independent_advocacy,
            information_and_advice=information_and_advice,
            language=language,
            name_cy=name_cy,
            phone=phone,
        )

        return organisation_contact_in
