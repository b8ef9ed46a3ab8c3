from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.learner_contacts_out_parties_item import LearnerContactsOutPartiesItem


T = TypeVar("T", bound="LearnerContactsOut")


@_attrs_define
class LearnerContactsOut:
    """
    Attributes:
        learner_id (str):
        learner_name (None | str):
        parties (list[LearnerContactsOutPartiesItem]):
        updated_at (datetime.datetime):
        updated_by (str):
        version (int):
        notices_sent (list[str] | Unset): Notices that were waiting for these
        personal_data_erased (None | str | Unset): When and under which schedule the contacts were erased
    """

    learner_id: str
    learner_name: None | str
    parties: list[LearnerContactsOutPartiesItem]
    updated_at: datetime.datetime
    updated_by: str
    version: int
    notices_sent: list[str] | Unset = UNSET
    personal_data_erased: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        learner_id = self.learner_id

        learner_name: None | str
        learner_name = self.learner_name

        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.to_dict()
            parties.append(parties_item)

        updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        version = self.version

        notices_sent: list[str] | Unset = UNSET
        if not isinstance(self.notices_sent, Unset):
            notices_sent = self.notices_sent

        personal_data_erased: None | str | Unset
        if isinstance(self.personal_data_erased, Unset):
            personal_data_erased = UNSET
        else:
            personal_data_erased = self.personal_data_erased

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "learner_id": learner_id,
                "learner_name": learner_name,
                "parties": parties,
                "updated_at": updated_at,
                "updated_by": updated_by,
                "version": version,
            }
        )
        if notices_sent is not UNSET:
            field_dict["notices_sent"] = notices_sent
        if personal_data_erased is not UNSET:
            field_dict["personal_data_erased"] = personal_data_erased

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.learner_contacts_out_parties_item import LearnerContactsOutPartiesItem  # noqa: PLC0415

        d = dict(src_dict)
        learner_id = d.pop("learner_id")

        def _parse_learner_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        learner_name = _parse_learner_name(d.pop("learner_name"))

        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = LearnerContactsOutPartiesItem.from_dict(parties_item_data)

            parties.append(parties_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        updated_by = d.pop("updated_by")

        version = d.pop("version")

        notices_sent = cast(list[str], d.pop("notices_sent", UNSET))

        def _parse_personal_data_erased(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        personal_data_erased = _parse_personal_data_erased(d.pop("personal_data_erased", UNSET))

        learner_contacts_out = cls(
            learner_id=learner_id,
            learner_name=learner_name,
            parties=parties,
            updated_at=updated_at,
            updated_by=updated_by,
            version=version,
            notices_sent=notices_sent,
            personal_data_erased=personal_data_erased,
        )

        learner_contacts_out.additional_properties = d
        return learner_contacts_out

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
