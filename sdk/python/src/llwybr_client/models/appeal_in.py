from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.appeal_matter import AppealMatter
from ..models.appellant_kind import AppellantKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="AppealIn")


@_attrs_define
class AppealIn:
    """
    Attributes:
        appellant (str):
        appellant_kind (AppellantKind): Who appeals: for a child, the child (or a case friend) or a parent; else the
            young
            person.
        learner_id (str):
        learner_is_young_person (bool):
        lodged_on (datetime.date):
        matter (AppealMatter): What is appealed against (section 7).
        respondent (str): The LA or FEI (never a school)
        admission_reference (None | str | Unset):
        late_admitted_by_president (bool | Unset):  Default: False.
        notice_given_on (datetime.date | None | Unset): When the notice of the decision was given; not needed when the
            body that decided announced it (its date is used, and a different one is refused)
        reconsideration_id (None | Unset | UUID): The LA reconsideration appealed, if any (its window applies)
        subject_id (None | Unset | UUID):
    """

    appellant: str
    appellant_kind: AppellantKind
    learner_id: str
    learner_is_young_person: bool
    lodged_on: datetime.date
    matter: AppealMatter
    respondent: str
    admission_reference: None | str | Unset = UNSET
    late_admitted_by_president: bool | Unset = False
    notice_given_on: datetime.date | None | Unset = UNSET
    reconsideration_id: None | Unset | UUID = UNSET
    subject_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        appellant = self.appellant

        appellant_kind = self.appellant_kind.value

        learner_id = self.learner_id

        learner_is_young_person = self.learner_is_young_person

        lodged_on = self.lodged_on.isoformat()

        matter = self.matter.value

        respondent = self.respondent

        admission_reference: None | str | Unset
        if isinstance(self.admission_reference, Unset):
            admission_reference = UNSET
        else:
            admission_reference = self.admission_reference

        late_admitted_by_president = self.late_admitted_by_president

        notice_given_on: None | str | Unset
        if isinstance(self.notice_given_on, Unset):
            notice_given_on = UNSET
        elif isinstance(self.notice_given_on, datetime.date):
            notice_given_on = self.notice_given_on.isoformat()
        else:
            notice_given_on = self.notice_given_on

        reconsideration_id: None | str | Unset
        if isinstance(self.reconsideration_id, Unset):
            reconsideration_id = UNSET
        elif isinstance(self.reconsideration_id, UUID):
            reconsideration_id = str(self.reconsideration_id)
        else:
            reconsideration_id = self.reconsideration_id

        subject_id: None | str | Unset
        if isinstance(self.subject_id, Unset):
            subject_id = UNSET
        elif isinstance(self.subject_id, UUID):
            subject_id = str(self.subject_id)
        else:
            subject_id = self.subject_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "appellant": appellant,
                "appellant_kind": appellant_kind,
                "learner_id": learner_id,
                "learner_is_young_person": learner_is_young_person,
                "lodged_on": lodged_on,
                "matter": matter,
                "respondent": respondent,
            }
        )
        if admission_reference is not UNSET:
            field_dict["admission_reference"] = admission_reference
        if late_admitted_by_president is not UNSET:
            field_dict["late_admitted_by_president"] = late_admitted_by_president
        if notice_given_on is not UNSET:
            field_dict["notice_given_on"] = notice_given_on
        if reconsideration_id is not UNSET:
            field_dict["reconsideration_id"] = reconsideration_id
        if subject_id is not UNSET:
            field_dict["subject_id"] = subject_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        appellant = d.pop("appellant")

        appellant_kind = AppellantKind(d.pop("appellant_kind"))

        learner_id = d.pop("learner_id")

        learner_is_young_person = d.pop("learner_is_young_person")

        lodged_on = datetime.date.fromisoformat(d.pop("lodged_on"))

        matter = AppealMatter(d.pop("matter"))

        respondent = d.pop("respondent")

        def _parse_admission_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        admission_reference = _parse_admission_reference(d.pop("admission_reference", UNSET))

        late_admitted_by_president = d.pop("late_admitted_by_president", UNSET)

        def _parse_notice_given_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notice_given_on_type_0 = datetime.date.fromisoformat(data)

                return notice_given_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        notice_given_on = _parse_notice_given_on(d.pop("notice_given_on", UNSET))

        def _parse_reconsideration_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reconsideration_id_type_0 = UUID(data)

                return reconsideration_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        reconsideration_id = _parse_reconsideration_id(d.pop("reconsideration_id", UNSET))

        def _parse_subject_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                subject_id_type_0 = UUID(data)

                return subject_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        subject_id = _parse_subject_id(d.pop("subject_id", UNSET))

        appeal_in = cls(
            appellant=appellant,
            appellant_kind=appellant_kind,
            learner_id=learner_id,
            learner_is_young_person=learner_is_young_person,
            lodged_on=lodged_on,
            matter=matter,
            respondent=respondent,
            admission_reference=admission_reference,
            late_admitted_by_president=late_admitted_by_president,
            notice_given_on=notice_given_on,
            reconsideration_id=reconsideration_id,
            subject_id=subject_id,
        )

        return appeal_in
