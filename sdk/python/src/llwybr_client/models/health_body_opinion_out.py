from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.notice_out import NoticeOut
    from ..models.officer_model import OfficerModel


T = TypeVar("T", bound="HealthBodyOpinionOut")


@_attrs_define
class HealthBodyOpinionOut:
    """
    Attributes:
        discussed_on (datetime.date | None):
        formed_on (datetime.date):
        health_body (str):
        learner_id (str):
        local_authority (str):
        local_authority_told_at (datetime.datetime | None):
        notices (list[NoticeOut]): The parents' notices (an escalated one waits for a contact), then the LA's
        officer (OfficerModel): The officer of the health body the parent may discuss the opinion with.
        opinion_id (str):
        parent_informed_on (datetime.date | None): The day a parent's notice was given (set when the LA is told)
        recorded_at (datetime.datetime):
        recorded_by (str):
    """

    discussed_on: datetime.date | None
    formed_on: datetime.date
    health_body: str
    learner_id: str
    local_authority: str
    local_authority_told_at: datetime.datetime | None
    notices: list[NoticeOut]
    officer: OfficerModel
    opinion_id: str
    parent_informed_on: datetime.date | None
    recorded_at: datetime.datetime
    recorded_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        discussed_on: None | str
        if isinstance(self.discussed_on, datetime.date):
            discussed_on = self.discussed_on.isoformat()
        else:
            discussed_on = self.discussed_on

        formed_on = self.formed_on.isoformat()

        health_body = self.health_body

        learner_id = self.learner_id

        local_authority = self.local_authority

        local_authority_told_at: None | str
        if isinstance(self.local_authority_told_at, datetime.datetime):
            local_authority_told_at = self.local_authority_told_at.isoformat()
        else:
            local_authority_told_at = self.local_authority_told_at

        notices = []
        for notices_item_data in self.notices:
            notices_item = notices_item_data.to_dict()
            notices.append(notices_item)

        officer = self.officer.to_dict()

        opinion_id = self.opinion_id

        parent_informed_on: None | str
        if isinstance(self.parent_informed_on, datetime.date):
            parent_informed_on = self.parent_informed_on.isoformat()
        else:
            parent_informed_on = self.parent_informed_on

        recorded_at = self.recorded_at.isoformat()

        recorded_by = self.recorded_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "discussed_on": discussed_on,
                "formed_on": formed_on,
                "health_body": health_body,
                "learner_id": learner_id,
                "local_authority": local_authority,
                "local_authority_told_at": local_authority_told_at,
                "notices": notices,
                "officer": officer,
                "opinion_id": opinion_id,
                "parent_informed_on": parent_informed_on,
                "recorded_at": recorded_at,
                "recorded_by": recorded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notice_out import NoticeOut  # noqa: PLC0415
        from ..models.officer_model import OfficerModel  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_discussed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discussed_on_type_0 = datetime.date.fromisoformat(data)

                return discussed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        discussed_on = _parse_discussed_on(d.pop("discussed_on"))

        formed_on = datetime.date.fromisoformat(d.pop("formed_on"))

        health_body = d.pop("health_body")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        def _parse_local_authority_told_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                local_authority_told_at_type_0 = datetime.datetime.fromisoformat(data)

                return local_authority_told_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        local_authority_told_at = _parse_local_authority_told_at(d.pop("local_authority_told_at"))

        notices = []
        _notices = d.pop("notices")
        for notices_item_data in _notices:
            notices_item = NoticeOut.from_dict(notices_item_data)

            notices.append(notices_item)

        officer = OfficerModel.from_dict(d.pop("officer"))

        opinion_id = d.pop("opinion_id")

        def _parse_parent_informed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_informed_on_type_0 = datetime.date.fromisoformat(data)

                return parent_informed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        parent_informed_on = _parse_parent_informed_on(d.pop("parent_informed_on"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        recorded_by = d.pop("recorded_by")

        health_body_opinion_out = cls(
            discussed_on=discussed_on,
            formed_on=formed_on,
            health_body=health_body,
            learner_id=learner_id,
            local_authority=local_authority,
            local_authority_told_at=local_authority_told_at,
            notices=notices,
            officer=officer,
            opinion_id=opinion_id,
            parent_informed_on=parent_informed_on,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
        )

        health_body_opinion_out.additional_properties = d
        return health_body_opinion_out

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
