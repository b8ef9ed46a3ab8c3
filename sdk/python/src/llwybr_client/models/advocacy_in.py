from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.advocacy_for import AdvocacyFor
from ..types import UNSET, Unset

T = TypeVar("T", bound="AdvocacyIn")


@_attrs_define
class AdvocacyIn:
    """
    Attributes:
        for_person (AdvocacyFor): Whom independent advocacy is for (s.69).
        learner_id (str):
        requested_by (str):
        requested_on (datetime.date):
        related_case_id (None | Unset | UUID): A reconsideration, appeal or disagreement resolution case
    """

    for_person: AdvocacyFor
    learner_id: str
    requested_by: str
    requested_on: datetime.date
    related_case_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        for_person = self.for_person.value

        learner_id = self.learner_id

        requested_by = self.requested_by

        requested_on = self.requested_on.isoformat()

        related_case_id: None | str | Unset
        if isinstance(self.related_case_id, Unset):
            related_case_id = UNSET
        elif isinstance(self.related_case_id, UUID):
            related_case_id = str(self.related_case_id)
        else:
            related_case_id = self.related_case_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "for_person": for_person,
                "learner_id": learner_id,
                "requested_by": requested_by,
                "requested_on": requested_on,
            }
        )
        if related_case_id is not UNSET:
            field_dict["related_case_id"] = related_case_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        for_person = AdvocacyFor(d.pop("for_person"))

        learner_id = d.pop("learner_id")

        requested_by = d.pop("requested_by")

        requested_on = datetime.date.fromisoformat(d.pop("requested_on"))

        def _parse_related_case_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                related_case_id_type_0 = UUID(data)

                return related_case_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        related_case_id = _parse_related_case_id(d.pop("related_case_id", UNSET))

        advocacy_in = cls(
            for_person=for_person,
            learner_id=learner_id,
            requested_by=requested_by,
            requested_on=requested_on,
            related_case_id=related_case_id,
        )

        return advocacy_in
