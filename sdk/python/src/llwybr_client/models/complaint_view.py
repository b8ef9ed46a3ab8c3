from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.complaint_view_deadlines_type_0 import ComplaintViewDeadlinesType0


T = TypeVar("T", bound="ComplaintView")


@_attrs_define
class ComplaintView:
    """A complaint about a learner's case, kept by the LA responsible for them; while it is
    open the learner's personal data is on legal hold. Its text reads null once erased.

        Attributes:
            id (str): The case's id
            learner_id (str):
            local_authority (str): The LA that keeps it, e.g. `la:665`
            opened_on (str):
            status (str): Where the case stands
            version (int): Its version, also the ETag; send it as If-Match
            closed_on (None | str | Unset): Once closed: the day
            created_on (None | str | Unset): When it was recorded
            deadlines (ComplaintViewDeadlinesType0 | None | Unset): Its deadlines by name (null: a window not yet open);
                absent when none
            modified_on (None | str | Unset): When it last changed
    """

    id: str
    learner_id: str
    local_authority: str
    opened_on: str
    status: str
    version: int
    closed_on: None | str | Unset = UNSET
    created_on: None | str | Unset = UNSET
    deadlines: ComplaintViewDeadlinesType0 | None | Unset = UNSET
    modified_on: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.complaint_view_deadlines_type_0 import ComplaintViewDeadlinesType0  # noqa: PLC0415

        id = self.id

        learner_id = self.learner_id

        local_authority = self.local_authority

        opened_on = self.opened_on

        status = self.status

        version = self.version

        closed_on: None | str | Unset
        if isinstance(self.closed_on, Unset):
            closed_on = UNSET
        else:
            closed_on = self.closed_on

        created_on: None | str | Unset
        if isinstance(self.created_on, Unset):
            created_on = UNSET
        else:
            created_on = self.created_on

        deadlines: dict[str, Any] | None | Unset
        if isinstance(self.deadlines, Unset):
            deadlines = UNSET
        elif isinstance(self.deadlines, ComplaintViewDeadlinesType0):
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
                "learner_id": learner_id,
                "local_authority": local_authority,
                "opened_on": opened_on,
                "status": status,
                "version": version,
            }
        )
        if closed_on is not UNSET:
            field_dict["closed_on"] = closed_on
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if deadlines is not UNSET:
            field_dict["deadlines"] = deadlines
        if modified_on is not UNSET:
            field_dict["modified_on"] = modified_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.complaint_view_deadlines_type_0 import ComplaintViewDeadlinesType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        opened_on = d.pop("opened_on")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_closed_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closed_on = _parse_closed_on(d.pop("closed_on", UNSET))

        def _parse_created_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_on = _parse_created_on(d.pop("created_on", UNSET))

        def _parse_deadlines(data: object) -> ComplaintViewDeadlinesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deadlines_type_0 = ComplaintViewDeadlinesType0.from_dict(data)

                return deadlines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ComplaintViewDeadlinesType0 | None | Unset, data)

        deadlines = _parse_deadlines(d.pop("deadlines", UNSET))

        def _parse_modified_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        modified_on = _parse_modified_on(d.pop("modified_on", UNSET))

        complaint_view = cls(
            id=id,
            learner_id=learner_id,
            local_authority=local_authority,
            opened_on=opened_on,
            status=status,
            version=version,
            closed_on=closed_on,
            created_on=created_on,
            deadlines=deadlines,
            modified_on=modified_on,
        )

        complaint_view.additional_properties = d
        return complaint_view

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
