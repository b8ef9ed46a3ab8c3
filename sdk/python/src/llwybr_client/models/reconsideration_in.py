from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.deciding_body_kind import DecidingBodyKind
from ..models.party import Party
from ..models.reconsideration_kind import ReconsiderationKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReconsiderationIn")


@_attrs_define
class ReconsiderationIn:
    """
    Attributes:
        decided_by_kind (DecidingBodyKind): The kind of body whose decision is challenged; only a school's goes to the
            LA.
        kind (ReconsiderationKind): What the LA is asked to reconsider: always a school's decision.
        learner_id (str):
        requested_by (str):
        requested_by_kind (Party): A side of a reconsideration: who asks, and who is invited to make representations.
        requested_on (datetime.date):
        school (str): The school or FEI whose decision is challenged (`school:6652001`, `fei:10001234`)
        subject_id (UUID): The determination (R1) or the IDP (R2-R4)
        cease_notice_given_on (datetime.date | None | Unset): R4 only
    """

    decided_by_kind: DecidingBodyKind
    kind: ReconsiderationKind
    learner_id: str
    requested_by: str
    requested_by_kind: Party
    requested_on: datetime.date
    school: str
    subject_id: UUID
    cease_notice_given_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decided_by_kind = self.decided_by_kind.value

        kind = self.kind.value

        learner_id = self.learner_id

        requested_by = self.requested_by

        requested_by_kind = self.requested_by_kind.value

        requested_on = self.requested_on.isoformat()

        school = self.school

        subject_id = str(self.subject_id)

        cease_notice_given_on: None | str | Unset
        if isinstance(self.cease_notice_given_on, Unset):
            cease_notice_given_on = UNSET
        elif isinstance(self.cease_notice_given_on, datetime.date):
            cease_notice_given_on = self.cease_notice_given_on.isoformat()
        else:
            cease_notice_given_on = self.cease_notice_given_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decided_by_kind": decided_by_kind,
                "kind": kind,
                "learner_id": learner_id,
                "requested_by": requested_by,
                "requested_by_kind": requested_by_kind,
                "requested_on": requested_on,
                "school": school,
                "subject_id": subject_id,
            }
        )
        if cease_notice_given_on is not UNSET:
            field_dict["cease_notice_given_on"] = cease_notice_given_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided_by_kind = DecidingBodyKind(d.pop("decided_by_kind"))

        kind = ReconsiderationKind(d.pop("kind"))

        learner_id = d.pop("learner_id")

        requested_by = d.pop("requested_by")

        requested_by_kind = Party(d.pop("requested_by_kind"))

        requested_on = datetime.date.fromisoformat(d.pop("requested_on"))

        school = d.pop("school")

        subject_id = UUID(d.pop("subject_id"))

        def _parse_cease_notice_given_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cease_notice_given_on_type_0 = datetime.date.fromisoformat(data)

                return cease_notice_given_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        cease_notice_given_on = _parse_cease_notice_given_on(d.pop("cease_notice_given_on", UNSET))

        reconsideration_in = cls(
            decided_by_kind=decided_by_kind,
            kind=kind,
            learner_id=learner_id,
            requested_by=requested_by,
            requested_by_kind=requested_by_kind,
            requested_on=requested_on,
            school=school,
            subject_id=subject_id,
            cease_notice_given_on=cease_notice_given_on,
        )

        return reconsideration_in
