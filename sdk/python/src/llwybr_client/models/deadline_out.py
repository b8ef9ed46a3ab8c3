from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deadline_out_state import DeadlineOutState
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeadlineOut")


@_attrs_define
class DeadlineOut:
    """
    Attributes:
        calendar_id (None | str):
        calendar_version (int | None):
        days_left (int):
        due_on (datetime.date):
        explanation (str):
        length (int):
        overdue (bool):
        provisional (bool):
        rule_id (str):
        rule_table_version (str):
        state (DeadlineOutState): As `/v1/reminders` says: open (running), met (done: never overdue, and `days_left` is
            what was left that day, never below 0), missed (past its due date and not done: overdue) or cancelled (no longer
            runs: withdrawn, consent refused)
        trigger_date (datetime.date):
        unit (str):
        met_on (datetime.date | None | Unset): The day it was met, as `/v1/reminders` says: for a decision clock the day
            the decision was given (its notice, or the IDP; s.4(6)), not the day it was made
    """

    calendar_id: None | str
    calendar_version: int | None
    days_left: int
    due_on: datetime.date
    explanation: str
    length: int
    overdue: bool
    provisional: bool
    rule_id: str
    rule_table_version: str
    state: DeadlineOutState
    trigger_date: datetime.date
    unit: str
    met_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendar_id: None | str
        calendar_id = self.calendar_id

        calendar_version: int | None
        calendar_version = self.calendar_version

        days_left = self.days_left

        due_on = self.due_on.isoformat()

        explanation = self.explanation

        length = self.length

        overdue = self.overdue

        provisional = self.provisional

        rule_id = self.rule_id

        rule_table_version = self.rule_table_version

        state = self.state.value

        trigger_date = self.trigger_date.isoformat()

        unit = self.unit

        met_on: None | str | Unset
        if isinstance(self.met_on, Unset):
            met_on = UNSET
        elif isinstance(self.met_on, datetime.date):
            met_on = self.met_on.isoformat()
        else:
            met_on = self.met_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendar_id": calendar_id,
                "calendar_version": calendar_version,
                "days_left": days_left,
                "due_on": due_on,
                "explanation": explanation,
                "length": length,
                "overdue": overdue,
                "provisional": provisional,
                "rule_id": rule_id,
                "rule_table_version": rule_table_version,
                "state": state,
                "trigger_date": trigger_date,
                "unit": unit,
            }
        )
        if met_on is not UNSET:
            field_dict["met_on"] = met_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_calendar_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        calendar_id = _parse_calendar_id(d.pop("calendar_id"))

        def _parse_calendar_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        calendar_version = _parse_calendar_version(d.pop("calendar_version"))

        days_left = d.pop("days_left")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        explanation = d.pop("explanation")

        length = d.pop("length")

        overdue = d.pop("overdue")

        provisional = d.pop("provisional")

        rule_id = d.pop("rule_id")

        rule_table_version = d.pop("rule_table_version")

        state = DeadlineOutState(d.pop("state"))

        trigger_date = datetime.date.fromisoformat(d.pop("trigger_date"))

        unit = d.pop("unit")

        def _parse_met_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                met_on_type_0 = datetime.date.fromisoformat(data)

                return met_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        met_on = _parse_met_on(d.pop("met_on", UNSET))

        deadline_out = cls(
            calendar_id=calendar_id,
            calendar_version=calendar_version,
            days_left=days_left,
            due_on=due_on,
            explanation=explanation,
            length=length,
            overdue=overdue,
            provisional=provisional,
            rule_id=rule_id,
            rule_table_version=rule_table_version,
            state=state,
            trigger_date=trigger_date,
            unit=unit,
            met_on=met_on,
        )

        deadline_out.additional_properties = d
        return deadline_out

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
