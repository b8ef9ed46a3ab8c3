from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.watched_deadline_status import WatchedDeadlineStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="WatchedDeadline")


@_attrs_define
class WatchedDeadline:
    """
    Attributes:
        alert_notice_id (None | str):
        alerted_at (datetime.datetime | None):
        calendar_id (None | str):
        deadline_id (str):
        due_on (datetime.date):
        exception_claimed_on (datetime.date | None):
        explanation (str):
        key (str):
        kind (str):
        learner_id (str):
        met_on (datetime.date | None):
        provisional (bool): Computed without the setting's term calendar: the date will change when the calendar is
            published
        remind_on (datetime.date):
        reminded_at (datetime.datetime | None):
        reminder_notice_id (None | str):
        responsible (str):
        rule_id (None | str):
        status (WatchedDeadlineStatus):
        subject_id (str):
        repeat_every_days (int | None | Unset): No statutory limit found: `due_on` is the next reminder, repeated every
            so many days until met; never alerted as missed
    """

    alert_notice_id: None | str
    alerted_at: datetime.datetime | None
    calendar_id: None | str
    deadline_id: str
    due_on: datetime.date
    exception_claimed_on: datetime.date | None
    explanation: str
    key: str
    kind: str
    learner_id: str
    met_on: datetime.date | None
    provisional: bool
    remind_on: datetime.date
    reminded_at: datetime.datetime | None
    reminder_notice_id: None | str
    responsible: str
    rule_id: None | str
    status: WatchedDeadlineStatus
    subject_id: str
    repeat_every_days: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alert_notice_id: None | str
        alert_notice_id = self.alert_notice_id

        alerted_at: None | str
        if isinstance(self.alerted_at, datetime.datetime):
            alerted_at = self.alerted_at.isoformat()
        else:
            alerted_at = self.alerted_at

        calendar_id: None | str
        calendar_id = self.calendar_id

        deadline_id = self.deadline_id

        due_on = self.due_on.isoformat()

        exception_claimed_on: None | str
        if isinstance(self.exception_claimed_on, datetime.date):
            exception_claimed_on = self.exception_claimed_on.isoformat()
        else:
            exception_claimed_on = self.exception_claimed_on

        explanation = self.explanation

        key = self.key

        kind = self.kind

        learner_id = self.learner_id

        met_on: None | str
        if isinstance(self.met_on, datetime.date):
            met_on = self.met_on.isoformat()
        else:
            met_on = self.met_on

        provisional = self.provisional

        remind_on = self.remind_on.isoformat()

        reminded_at: None | str
        if isinstance(self.reminded_at, datetime.datetime):
            reminded_at = self.reminded_at.isoformat()
        else:
            reminded_at = self.reminded_at

        reminder_notice_id: None | str
        reminder_notice_id = self.reminder_notice_id

        responsible = self.responsible

        rule_id: None | str
        rule_id = self.rule_id

        status = self.status.value

        subject_id = self.subject_id

        repeat_every_days: int | None | Unset
        if isinstance(self.repeat_every_days, Unset):
            repeat_every_days = UNSET
        else:
            repeat_every_days = self.repeat_every_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alert_notice_id": alert_notice_id,
                "alerted_at": alerted_at,
                "calendar_id": calendar_id,
                "deadline_id": deadline_id,
                "due_on": due_on,
                "exception_claimed_on": exception_claimed_on,
                "explanation": explanation,
                "key": key,
                "kind": kind,
                "learner_id": learner_id,
                "met_on": met_on,
                "provisional": provisional,
                "remind_on": remind_on,
                "reminded_at": reminded_at,
                "reminder_notice_id": reminder_notice_id,
                "responsible": responsible,
                "rule_id": rule_id,
                "status": status,
                "subject_id": subject_id,
            }
        )
        if repeat_every_days is not UNSET:
            field_dict["repeat_every_days"] = repeat_every_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_alert_notice_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        alert_notice_id = _parse_alert_notice_id(d.pop("alert_notice_id"))

        def _parse_alerted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                alerted_at_type_0 = datetime.datetime.fromisoformat(data)

                return alerted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        alerted_at = _parse_alerted_at(d.pop("alerted_at"))

        def _parse_calendar_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        deadline_id = d.pop("deadline_id")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        def _parse_exception_claimed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exception_claimed_on_type_0 = datetime.date.fromisoformat(data)

                return exception_claimed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        exception_claimed_on = _parse_exception_claimed_on(d.pop("exception_claimed_on"))

        explanation = d.pop("explanation")

        key = d.pop("key")

        kind = d.pop("kind")

        learner_id = d.pop("learner_id")

        def _parse_met_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                met_on_type_0 = datetime.date.fromisoformat(data)

                return met_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        met_on = _parse_met_on(d.pop("met_on"))

        provisional = d.pop("provisional")

        remind_on = datetime.date.fromisoformat(d.pop("remind_on"))

        def _parse_reminded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reminded_at_type_0 = datetime.datetime.fromisoformat(data)

                return reminded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reminded_at = _parse_reminded_at(d.pop("reminded_at"))

        def _parse_reminder_notice_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reminder_notice_id = _parse_reminder_notice_id(d.pop("reminder_notice_id"))

        responsible = d.pop("responsible")

        def _parse_rule_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        status = WatchedDeadlineStatus(d.pop("status"))

        subject_id = d.pop("subject_id")

        def _parse_repeat_every_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        repeat_every_days = _parse_repeat_every_days(d.pop("repeat_every_days", UNSET))

        watched_deadline = cls(
            alert_notice_id=alert_notice_id,
            alerted_at=alerted_at,
            calendar_id=calendar_id,
            deadline_id=deadline_id,
            due_on=due_on,
            exception_claimed_on=exception_claimed_on,
            explanation=explanation,
            key=key,
            kind=kind,
            learner_id=learner_id,
            met_on=met_on,
            provisional=provisional,
            remind_on=remind_on,
            reminded_at=reminded_at,
            reminder_notice_id=reminder_notice_id,
            responsible=responsible,
            rule_id=rule_id,
            status=status,
            subject_id=subject_id,
            repeat_every_days=repeat_every_days,
        )

        watched_deadline.additional_properties = d
        return watched_deadline

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
