from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.party_in_language_type_0 import PartyInLanguageType0
from ..models.party_in_role import PartyInRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartyIn")


@_attrs_define
class PartyIn:
    """
    Attributes:
        name (str):
        role (PartyInRole):
        email (None | str | Unset):
        language (None | PartyInLanguageType0 | Unset): Notices in this language only; none: Welsh and English
        party_id (None | str | Unset): Keep a party's id
    """

    name: str
    role: PartyInRole
    email: None | str | Unset = UNSET
    language: None | PartyInLanguageType0 | Unset = UNSET
    party_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, PartyInLanguageType0):
            language = self.language.value
        else:
            language = self.language

        party_id: None | str | Unset
        if isinstance(self.party_id, Unset):
            party_id = UNSET
        else:
            party_id = self.party_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if language is not UNSET:
            field_dict["language"] = language
        if party_id is not UNSET:
            field_dict["party_id"] = party_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = PartyInRole(d.pop("role"))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_language(data: object) -> None | PartyInLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = PartyInLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartyInLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_party_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        party_id = _parse_party_id(d.pop("party_id", UNSET))

        party_in = cls(
            name=name,
            role=role,
            email=email,
            language=language,
            party_id=party_id,
        )

        return party_in
