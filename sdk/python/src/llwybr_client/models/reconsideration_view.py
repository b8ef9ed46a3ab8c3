from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reconsideration_view_deadlines_type_0 import ReconsiderationViewDeadlinesType0


T = TypeVar("T", bound="ReconsiderationView")


@_attrs_define
class ReconsiderationView:
    """A reconsideration (an LA reconsidering a school's decision, R1, or its own, R2).

    Attributes:
        id (str): The case's id
        kind (str): R1 (a school's decision) or R2 (the LA's own)
        learner_id (str):
        local_authority (str): The reconsidering LA, e.g. `la:665`
        status (str): Where the case stands
        version (int): Its version, also the ETag; send it as If-Match
        created_on (None | str | Unset): When it was recorded
        deadlines (None | ReconsiderationViewDeadlinesType0 | Unset): Its deadlines by name (null: a window not yet
            open); absent when none
        modified_on (None | str | Unset): When it last changed
    """

    id: str
    kind: str
    learner_id: str
    local_authority: str
    status: str
    version: int
    created_on: None | str | Unset = UNSET
    deadlines: None | ReconsiderationViewDeadlinesType0 | Unset = UNSET
    modified_on: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reconsideration_view_deadlines_type_0 import ReconsiderationViewDeadlinesType0  # noqa: PLC0415

        id = self.id

        kind = self.kind

        learner_id = self.learner_id

        local_authority = self.local_authority

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
        elif isinstance(self.deadlines, ReconsiderationViewDeadlinesType0):
            deadlines = self.deadlines.to_dict()
        else:
            deadlines = self.deadlines

        modified_on: None | str | Unset
        if isinstance(self.modified_on, Unset):
            modified_on = UNSET
        else:
            modified_on = self.modified_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "learner_id": learner_id,
                "local_authority": local_authority,
                "status": status,
                "version": version,
            }
        )
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if deadlines is not UNSET:
            field_dict["deadlines"] = deadlines
        if modified_on is not UNSET:
            field_dict["modified_on"] = modified_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reconsideration_view_deadlines_type_0 import ReconsiderationViewDeadlinesType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = d.pop("kind")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_created_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_on = _parse_created_on(d.pop("created_on", UNSET))

        def _parse_deadlines(data: object) -> None | ReconsiderationViewDeadlinesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deadlines_type_0 = ReconsiderationViewDeadlinesType0.from_dict(data)

                return deadlines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReconsiderationViewDeadlinesType0 | Unset, data)

        deadlines = _parse_deadlines(d.pop("deadlines", UNSET))

        def _parse_modified_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        modified_on = _parse_modified_on(d.pop("modified_on", UNSET))

        reconsideration_view = cls(
            id=id,
            kind=kind,
            learner_id=learner_id,
            local_authority=local_authority,
            status=status,
            version=version,
            created_on=created_on,
            deadlines=deadlines,
            modified_on=modified_on,
        )

        reconsideration_view.additional_properties = d
        return reconsideration_view

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
