from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party_in import PartyIn


T = TypeVar("T", bound="LearnerContactsIn")


@_attrs_define
class LearnerContactsIn:
    """
    Attributes:
        parties (list[PartyIn]):
        learner_name (None | str | Unset):
    """

    parties: list[PartyIn]
    learner_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.to_dict()
            parties.append(parties_item)

        learner_name: None | str | Unset
        if isinstance(self.learner_name, Unset):
            learner_name = UNSET
        else:
            learner_name = self.learner_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "parties": parties,
            }
        )
        if learner_name is not UNSET:
            field_dict["learner_name"] = learner_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.party_in import PartyIn  # noqa: PLC0415

        d = dict(src_dict)
        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = PartyIn.from_dict(parties_item_data)

            parties.append(parties_item)

        def _parse_learner_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        learner_name = _parse_learner_name(d.pop("learner_name", UNSET))

        learner_contacts_in = cls(
            parties=parties,
            learner_name=learner_name,
        )

        return learner_contacts_in
