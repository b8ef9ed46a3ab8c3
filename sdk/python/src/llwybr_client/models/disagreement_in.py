from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.appeal_matter import AppealMatter
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.independent_in import IndependentIn
    from ..models.participant_in import ParticipantIn


T = TypeVar("T", bound="DisagreementIn")


@_attrs_define
class DisagreementIn:
    """
    Attributes:
        arrangements (str): The LA's arrangements this case runs under
        facilitator (IndependentIn):
        learner_id (str):
        opened_on (datetime.date):
        parties (list[ParticipantIn]):
        matter (AppealMatter | None | Unset): With subject_id: what about it (finds its notice)
        notice_given_on (datetime.date | None | Unset): With subject_id, when its notice is not known here
        reconsideration_id (None | Unset | UUID): The LA reconsideration disagreed about (its window extends)
        subject_id (None | Unset | UUID): Another body's decision disagreed about (determination, IDP)
    """

    arrangements: str
    facilitator: IndependentIn
    learner_id: str
    opened_on: datetime.date
    parties: list[ParticipantIn]
    matter: AppealMatter | None | Unset = UNSET
    notice_given_on: datetime.date | None | Unset = UNSET
    reconsideration_id: None | Unset | UUID = UNSET
    subject_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        arrangements = self.arrangements

        facilitator = self.facilitator.to_dict()

        learner_id = self.learner_id

        opened_on = self.opened_on.isoformat()

        parties = []
        for parties_item_data in self.parties:
            parties_item = parties_item_data.to_dict()
            parties.append(parties_item)

        matter: None | str | Unset
        if isinstance(self.matter, Unset):
            matter = UNSET
        elif isinstance(self.matter, AppealMatter):
            matter = self.matter.value
        else:
            matter = self.matter

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
                "arrangements": arrangements,
                "facilitator": facilitator,
                "learner_id": learner_id,
                "opened_on": opened_on,
                "parties": parties,
            }
        )
        if matter is not UNSET:
            field_dict["matter"] = matter
        if notice_given_on is not UNSET:
            field_dict["notice_given_on"] = notice_given_on
        if reconsideration_id is not UNSET:
            field_dict["reconsideration_id"] = reconsideration_id
        if subject_id is not UNSET:
            field_dict["subject_id"] = subject_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.independent_in import IndependentIn  # noqa: PLC0415
        from ..models.participant_in import ParticipantIn  # noqa: PLC0415

        d = dict(src_dict)
        arrangements = d.pop("arrangements")

        facilitator = IndependentIn.from_dict(d.pop("facilitator"))

        learner_id = d.pop("learner_id")

        opened_on = datetime.date.fromisoformat(d.pop("opened_on"))

        parties = []
        _parties = d.pop("parties")
        for parties_item_data in _parties:
            parties_item = ParticipantIn.from_dict(parties_item_data)

            parties.append(parties_item)

        def _parse_matter(data: object) -> AppealMatter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                matter_type_0 = AppealMatter(data)

                return matter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AppealMatter | None | Unset, data)

        matter = _parse_matter(d.pop("matter", UNSET))

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

        disagreement_in = cls(
            arrangements=arrangements,
            facilitator=facilitator,
            learner_id=learner_id,
            opened_on=opened_on,
            parties=parties,
            matter=matter,
            notice_given_on=notice_given_on,
            reconsideration_id=reconsideration_id,
            subject_id=subject_id,
        )

        return disagreement_in
