from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CircumstancesIn")


@_attrs_define
class CircumstancesIn:
    """
    Attributes:
        idp_maintained (bool | Unset):  Default: False.
        material_change (bool | Unset):  Default: True.
        previously_decided_by (None | str | Unset):
        referred_by (None | str | Unset):
        school_already_deciding (bool | Unset):  Default: False.
        young_person_consents (bool | None | Unset):
    """

    idp_maintained: bool | Unset = False
    material_change: bool | Unset = True
    previously_decided_by: None | str | Unset = UNSET
    referred_by: None | str | Unset = UNSET
    school_already_deciding: bool | Unset = False
    young_person_consents: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        idp_maintained = self.idp_maintained

        material_change = self.material_change

        previously_decided_by: None | str | Unset
        if isinstance(self.previously_decided_by, Unset):
            previously_decided_by = UNSET
        else:
            previously_decided_by = self.previously_decided_by

        referred_by: None | str | Unset
        if isinstance(self.referred_by, Unset):
            referred_by = UNSET
        else:
            referred_by = self.referred_by

        school_already_deciding = self.school_already_deciding

        young_person_consents: bool | None | Unset
        if isinstance(self.young_person_consents, Unset):
            young_person_consents = UNSET
        else:
            young_person_consents = self.young_person_consents

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if idp_maintained is not UNSET:
            field_dict["idp_maintained"] = idp_maintained
        if material_change is not UNSET:
            field_dict["material_change"] = material_change
        if previously_decided_by is not UNSET:
            field_dict["previously_decided_by"] = previously_decided_by
        if referred_by is not UNSET:
            field_dict["referred_by"] = referred_by
        if school_already_deciding is not UNSET:
            field_dict["school_already_deciding"] = school_already_deciding
        if young_person_consents is not UNSET:
            field_dict["young_person_consents"] = young_person_consents

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idp_maintained = d.pop("idp_maintained", UNSET)

        material_change = d.pop("material_change", UNSET)

        def _parse_previously_decided_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previously_decided_by = _parse_previously_decided_by(d.pop("previously_decided_by", UNSET))

        def _parse_referred_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referred_by = _parse_referred_by(d.pop("referred_by", UNSET))

        school_already_deciding = d.pop("school_already_deciding", UNSET)

        def _parse_young_person_consents(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        young_person_consents = _parse_young_person_consents(d.pop("young_person_consents", UNSET))

        circumstances_in = cls(
            idp_maintained=idp_maintained,
            material_change=material_change,
            previously_decided_by=previously_decided_by,
            referred_by=referred_by,
            school_already_deciding=school_already_deciding,
            young_person_consents=young_person_consents,
        )

        return circumstances_in
