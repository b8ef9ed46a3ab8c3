from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.disagreement_resolution_view_conclusion_type_0 import (
        DisagreementResolutionViewConclusionType0,
    )
    from ..models.disagreement_resolution_view_deadlines_type_0 import (
        DisagreementResolutionViewDeadlinesType0,
    )
    from ..models.disagreement_resolution_view_parties_item import (
        DisagreementResolutionViewPartiesItem,
    )


T = TypeVar("T", bound="DisagreementResolutionView")


@_attrs_define
class DisagreementResolutionView:
    """A disagreement resolution case an LA arranged (Act s.68).

    Attributes:
        id (str): The case's id
        learner_id (str):
        local_authority (str): The LA that keeps the case, e.g. `la:665`
        opened_on (str):
        parties (list[DisagreementResolutionViewPartiesItem]): Each party: name, role, organisation
        status (str): Where the case stands
        version (int): Its version, also the ETag; send it as If-Match
        conclusion (DisagreementResolutionViewConclusionType0 | None | Unset): Once concluded: the day, the outcome and
            a summary
        created_on (None | str | Unset): When it was recorded
        deadlines (DisagreementResolutionViewDeadlinesType0 | None | Unset): Its deadlines by name (null: a window not
            yet open); absent when none
        modified_on (None | str | Unset): When it last changed
    """

    id: str
    learner_id: str
    local_authority: str
    opened_on: str
    parties: list[DisagreementResolutionViewPartiesItem]
    status: str
    version: int
    conclusion: DisagreementResolutionViewConclusionType0 | None | Unset = UNSET
    created_on: None | str | Unset = UNSET
    deadlines: DisagreementResolutionViewDeadlinesType0 | None | Unset = UNSET
    modified_on: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.disagreement_resolution_view_conclusion_type_0 import (
            DisagreementResolutionViewConclusionType0,  # noqa: PLC0415
        )
        from ..models.disagreement_resolution_view_deadlines_type_0 import (
            DisagreementResolutionViewDeadlinesType0,  # noqa: PLC0415
        )

        id = self.id

        learner_id = self.learner_id

        local_authority = self.local_authority

        opened_on = self.opened_on

        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.to_dict()
            parties.append(parties_item)

        status = self.status

        version = self.version

        conclusion: dict[str, Any] | None | Unset
        if isinstance(self.conclusion, Unset):
            conclusion = UNSET
        elif isinstance(self.conclusion, DisagreementResolutionViewConclusionType0):
            conclusion = self.conclusion.to_dict()
        else:
            conclusion = self.conclusion

        created_on: None | str | Unset
        if isinstance(self.created_on, Unset):
            created_on = UNSET
        else:
            created_on = self.created_on

        deadlines: dict[str, Any] | None | Unset
        if isinstance(self.deadlines, Unset):
            deadlines = UNSET
        elif isinstance(self.deadlines, DisagreementResolutionViewDeadlinesType0):
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
                "parties": parties,
                "status": status,
                "version": version,
            }
        )
        if conclusion is not UNSET:
            field_dict["conclusion"] = conclusion
        if created_on is not UNSET:
            field_dict["created_on"] = created_on
        if deadlines is not UNSET:
            field_dict["deadlines"] = deadlines
        if modified_on is not UNSET:
            field_dict["modified_on"] = modified_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.disagreement_resolution_view_conclusion_type_0 import (
            DisagreementResolutionViewConclusionType0,  # noqa: PLC0415
        )
        from ..models.disagreement_resolution_view_deadlines_type_0 import (
            DisagreementResolutionViewDeadlinesType0,  # noqa: PLC0415
        )
        from ..models.disagreement_resolution_view_parties_item import (
            DisagreementResolutionViewPartiesItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = d.pop("id")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        opened_on = d.pop("opened_on")

        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = DisagreementResolutionViewPartiesItem.from_dict(parties_item_data)

            parties.append(parties_item)

        status = d.pop("status")

        version = d.pop("version")

        def _parse_conclusion(
            data: object,
        ) -> DisagreementResolutionViewConclusionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conclusion_type_0 = DisagreementResolutionViewConclusionType0.from_dict(data)

                return conclusion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DisagreementResolutionViewConclusionType0 | None | Unset, data)

        conclusion = _parse_conclusion(d.pop("conclusion", UNSET))

        def _parse_created_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_on = _parse_created_on(d.pop("created_on", UNSET))

        def _parse_deadlines(
            data: object,
        ) -> DisagreementResolutionViewDeadlinesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deadlines_type_0 = DisagreementResolutionViewDeadlinesType0.from_dict(data)

                return deadlines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DisagreementResolutionViewDeadlinesType0 | None | Unset, data)

        deadlines = _parse_deadlines(d.pop("deadlines", UNSET))

        def _parse_modified_on(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        modified_on = _parse_modified_on(d.pop("modified_on", UNSET))

        disagreement_resolution_view = cls(
            id=id,
            learner_id=learner_id,
            local_authority=local_authority,
            opened_on=opened_on,
            parties=parties,
            status=status,
            version=version,
            conclusion=conclusion,
            created_on=created_on,
            deadlines=deadlines,
            modified_on=modified_on,
        )

        disagreement_resolution_view.additional_properties = d
        return disagreement_resolution_view

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
