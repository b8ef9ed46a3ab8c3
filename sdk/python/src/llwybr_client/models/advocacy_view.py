from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.advocacy_view_deadlines_type_0 import AdvocacyViewDeadlinesType0
    from ..models.advocacy_view_ending_type_0 import AdvocacyViewEndingType0
    from ..models.advocacy_view_provision_type_0 import AdvocacyViewProvisionType0


T = TypeVar("T", bound="AdvocacyView")


@_attrs_define
class AdvocacyView:
    """A request for independent advocacy (Act s.69) and its provision.

    Attributes:
        id (str): The case's id
        learner_id (str):
        local_authority (str): The LA asked, e.g. `la:665`
        requested_on (str):
        status (str): Where the case stands
        version (int): Its version, also the ETag; send it as If-Match
        created_on (None | str | Unset): When it was recorded
        deadlines (AdvocacyViewDeadlinesType0 | None | Unset): Its deadlines by name (null: a window not yet open);
            absent when none
        ending (AdvocacyViewEndingType0 | None | Unset): Once ended: day, reason
        modified_on (None | str | Unset): When it last changed
        provision (AdvocacyViewProvisionType0 | None | Unset): Once provided: the advocate and the day
    """

    id: str
    learner_id: str
    local_authority: str
    requested_on: str
    status: str
    version: int
    created_on: None | str | Unset = UNSET
    deadlines: AdvocacyViewDeadlinesType0 | None | Unset = UNSET
    ending: AdvocacyViewEndingType0 | None | Unset = UNSET
    modified_on: None | str | Unset = UNSET
    provision: AdvocacyViewProvisionType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.advocacy_view_deadlines_type_0 import AdvocacyViewDeadlinesType0  # noqa: PLC0415
        from ..models.advocacy_view_ending_type_0 import AdvocacyViewEndingType0  # noqa: PLC0415
        from ..models.advocacy_view_provision_type_0 import AdvocacyViewProvisionType0  # noqa: PLC0415

        id = self.id

        learner_id = self.learner_id

        local_authority = self.local_authority

        requested_on = self.requested_on

        status = self.status

        version = self.version

        created_on: None | str | Unset
        if isinstance(self.created_on, Unset):
            created_on = UNSET
        else:
            created_on = self.created_on

        deadlines: dict[str, Any] | None | Unset
        if isinstance(self.deadlines, Unset):
            deadlines = UNSET
        elif isinstance(self.deadlines, AdvocacyViewDeadlinesType0):
            deadlines = self.deadlines.to_dict()
        else:
            deadlines = self.deadlines

        ending: dict[str, Any] | None | Unset
        if isinstance(self.ending, Unset):
            ending = UNSET
        elif isinstance(self.ending, AdvocacyViewEndingType0):
            ending = self.ending.to_dict()
        else:
            ending = self.ending

        modified_on: None | str | Unset
        if isinstance(self.modified_on, Unset):
            modified_on = UNSET
        else:
            modified_on = self.modified_on

        provision: dict[str, Any] | None | Unset
        if isinstance(self.provision, Unset):
            provision = UNSET
        elif isinstance(self.provision, AdvocacyViewProvisionType0):
            provision = self.provision.to_dict()
        else:
            provision = self.provision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "learner_id": learner_id,
                "local_authority": local_authority,
                "requested_on": requested_on,
                "status": status,
                "version": version,
            }
        )
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if deadlines is not UNSET:
            field_dict["deadlines"] = deadlines
        if ending is not UNSET:
            field_dict["ending"] = ending
        if modified_on is not UNSET:
            field_dict["modified_on"] = modified_on
        if provision is not UNSET:
            field_dict["provision"] = provision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.advocacy_view_deadlines_type_0 import AdvocacyViewDeadlinesType0  # noqa: PLC0415
        from ..models.advocacy_view_ending_type_0 import AdvocacyViewEndingType0  # noqa: PLC0415
        from ..models.advocacy_view_provision_type_0 import AdvocacyViewProvisionType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        requested_on = d.pop("requested_on")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_created_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_on = _parse_created_on(d.pop("created_on", UNSET))

        def _parse_deadlines(data: object) -> AdvocacyViewDeadlinesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deadlines_type_0 = AdvocacyViewDeadlinesType0.from_dict(data)

                return deadlines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdvocacyViewDeadlinesType0 | None | Unset, data)

        deadlines = _parse_deadlines(d.pop("deadlines", UNSET))

        def _parse_ending(data: object) -> AdvocacyViewEndingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ending_type_0 = AdvocacyViewEndingType0.from_dict(data)

                return ending_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdvocacyViewEndingType0 | None | Unset, data)

        ending = _parse_ending(d.pop("ending", UNSET))

        def _parse_modified_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        modified_on = _parse_modified_on(d.pop("modified_on", UNSET))

        def _parse_provision(data: object) -> AdvocacyViewProvisionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                provision_type_0 = AdvocacyViewProvisionType0.from_dict(data)

                return provision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdvocacyViewProvisionType0 | None | Unset, data)

        provision = _parse_provision(d.pop("provision", UNSET))

        advocacy_view = cls(
            id=id,
            learner_id=learner_id,
            local_authority=local_authority,
            requested_on=requested_on,
            status=status,
            version=version,
            created_on=created_on,
            deadlines=deadlines,
            ending=ending,
            modified_on=modified_on,
            provision=provision,
        )

        advocacy_view.additional_properties = d
        return advocacy_view

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
