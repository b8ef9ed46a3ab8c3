from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.language import Language
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryIn")


@_attrs_define
class DeliveryIn:
    """One session, or one period's sessions, delivered or missed; ``key`` tells apart two
    records of one element on one day ("am", "pm"): a repeat of a record counts once.

        Attributes:
            delivered (bool):
            element_id (str):
            on (datetime.date):
            recorded_by (str):
            key (str | Unset):  Default: ''.
            language (Language | None | Unset): The language it was given in
            minutes (int | None | Unset):
            missed_reason (None | str | Unset):
            sessions (int | Unset):  Default: 1.
    """

    delivered: bool
    element_id: str
    on: datetime.date
    recorded_by: str
    key: str | Unset = ""
    language: Language | None | Unset = UNSET
    minutes: int | None | Unset = UNSET
    missed_reason: None | str | Unset = UNSET
    sessions: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        delivered = self.delivered

        element_id = self.element_id

        on = self.on.isoformat()

        recorded_by = self.recorded_by

        key = self.key

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, Language):
            language = self.language.value
        else:
            language = self.language

        minutes: int | None | Unset
        if isinstance(self.minutes, Unset):
            minutes = UNSET
        else:
            minutes = self.minutes

        missed_reason: None | str | Unset
        if isinstance(self.missed_reason, Unset):
            missed_reason = UNSET
        else:
            missed_reason = self.missed_reason

        sessions = self.sessions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "delivered": delivered,
                "element_id": element_id,
                "on": on,
                "recorded_by": recorded_by,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if language is not UNSET:
            field_dict["language"] = language
        if minutes is not UNSET:
            field_dict["minutes"] = minutes
        if missed_reason is not UNSET:
            field_dict["missed_reason"] = missed_reason
        if sessions is not UNSET:
            field_dict["sessions"] = sessions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivered = d.pop("delivered")

        element_id = d.pop("element_id")

        on = datetime.date.fromisoformat(d.pop("on"))

        recorded_by = d.pop("recorded_by")

        key = d.pop("key", UNSET)

        def _parse_language(data: object) -> Language | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = Language(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Language | None | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        minutes = _parse_minutes(d.pop("minutes", UNSET))

        def _parse_missed_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        missed_reason = _parse_missed_reason(d.pop("missed_reason", UNSET))

        sessions = d.pop("sessions", UNSET)

        delivery_in = cls(
            delivered=delivered,
            element_id=element_id,
            on=on,
            recorded_by=recorded_by,
            key=key,
            language=language,
            minutes=minutes,
            missed_reason=missed_reason,
            sessions=sessions,
        )

        return delivery_in
