from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provision_element import ProvisionElement


T = TypeVar("T", bound="ProvidedAlpRow")


@_attrs_define
class ProvidedAlpRow:
    """An element of ALP in force that one organisation provides, with its figures to date.

    Attributes:
        element_id (str):
        idp_id (str):
        maintaining_organisation (str):
        plan_version (int): The issued version the element is in force from
        provider_kind (str):
        provider_organisation (str):
        sessions_delivered (int):
        sessions_missed (int):
        in_welsh (bool | None | Unset):
        to_date (None | ProvisionElement | Unset): Planned against delivered on `as_of` (with its `calendar`)
    """

    element_id: str
    idp_id: str
    maintaining_organisation: str
    plan_version: int
    provider_kind: str
    provider_organisation: str
    sessions_delivered: int
    sessions_missed: int
    in_welsh: bool | None | Unset = UNSET
    to_date: None | ProvisionElement | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.provision_element import ProvisionElement  # noqa: PLC0415

        element_id = self.element_id

        idp_id = self.idp_id

        maintaining_organisation = self.maintaining_organisation

        plan_version = self.plan_version

        provider_kind = self.provider_kind

        provider_organisation = self.provider_organisation

        sessions_delivered = self.sessions_delivered

        sessions_missed = self.sessions_missed

        in_welsh: bool | None | Unset
        if isinstance(self.in_welsh, Unset):
            in_welsh = UNSET
        else:
            in_welsh = self.in_welsh

        to_date: dict[str, Any] | None | Unset
        if isinstance(self.to_date, Unset):
            to_date = UNSET
        elif isinstance(self.to_date, ProvisionElement):
            to_date = self.to_date.to_dict()
        else:
            to_date = self.to_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "element_id": element_id,
                "idp_id": idp_id,
                "maintaining_organisation": maintaining_organisation,
                "plan_version": plan_version,
                "provider_kind": provider_kind,
                "provider_organisation": provider_organisation,
                "sessions_delivered": sessions_delivered,
                "sessions_missed": sessions_missed,
            }
        )
        if in_welsh is not UNSET:
            field_dict["in_welsh"] = in_welsh
        if to_date is not UNSET:
            field_dict["to_date"] = to_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provision_element import ProvisionElement  # noqa: PLC0415

        d = dict(src_dict)
        element_id = d.pop("element_id")

        idp_id = d.pop("idp_id")

        maintaining_organisation = d.pop("maintaining_organisation")

        plan_version = d.pop("plan_version")

        provider_kind = d.pop("provider_kind")

        provider_organisation = d.pop("provider_organisation")

        sessions_delivered = d.pop("sessions_delivered")

        sessions_missed = d.pop("sessions_missed")

        def _parse_in_welsh(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        in_welsh = _parse_in_welsh(d.pop("in_welsh", UNSET))

        def _parse_to_date(data: object) -> None | ProvisionElement | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_date_type_0 = ProvisionElement.from_dict(data)

                return to_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProvisionElement | Unset, data)

        to_date = _parse_to_date(d.pop("to_date", UNSET))

        provided_alp_row = cls(
            element_id=element_id,
            idp_id=idp_id,
            maintaining_organisation=maintaining_organisation,
            plan_version=plan_version,
            provider_kind=provider_kind,
            provider_organisation=provider_organisation,
            sessions_delivered=sessions_delivered,
            sessions_missed=sessions_missed,
            in_welsh=in_welsh,
            to_date=to_date,
        )

        provided_alp_row.additional_properties = d
        return provided_alp_row

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
