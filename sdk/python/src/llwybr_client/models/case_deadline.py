from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_deadline_state_type_0 import CaseDeadlineStateType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="CaseDeadline")


@_attrs_define
class CaseDeadline:
    """A deadline of a dispute case, as the statutory clock computed it; a judged one (the
    clock a party must act by) also has ``state``, ``overdue`` and ``days_left`` as
    `/v1/reminders` judges it.

        Attributes:
            due_on (str): The day it falls due (ISO 8601 date)
            days_left (int | None | Unset):
            explanation (None | str | Unset): How it was computed, in words
            overdue (bool | None | Unset):
            provisional (bool | None | Unset): True while a calendar it needs is not yet published
            rule_id (None | str | Unset): The rule in the rule table, e.g. D8
            state (CaseDeadlineStateType0 | None | Unset):
    """

    due_on: str
    days_left: int | None | Unset = UNSET
    explanation: None | str | Unset = UNSET
    overdue: bool | None | Unset = UNSET
    provisional: bool | None | Unset = UNSET
    rule_id: None | str | Unset = UNSET
    state: CaseDeadlineStateType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on

        days_left: int | None | Unset
        if isinstance(self.days_left, Unset):
            days_left = UNSET
        else:
            days_left = self.days_left

        explanation: None | str | Unset
        if isinstance(self.explanation, Unset):
            explanation = UNSET
        else:
            explanation = self.explanation

        overdue: bool | None | Unset
        if isinstance(self.overdue, Unset):
            overdue = UNSET
        else:
            overdue = self.overdue

        provisional: bool | None | Unset
        if isinstance(self.provisional, Unset):
            provisional = UNSET
        else:
            provisional = self.provisional

        rule_id: None | str | Unset
        if isinstance(self.rule_id, Unset):
            rule_id = UNSET
        else:
            rule_id = self.rule_id

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, CaseDeadlineStateType0):
            state = self.state.value
        else:
            state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_on": due_on,
            }
        )
        if days_left is not UNSET:
            field_dict["days_left"] = days_left
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if overdue is not UNSET:
            field_dict["overdue"] = overdue
        if provisional is not UNSET:
            field_dict["provisional"] = provisional
        if rule_id is not UNSET:
            field_dict["rule_id"] = rule_id
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = d.pop("due_on")

        def _parse_days_left(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_left = _parse_days_left(d.pop("days_left", UNSET))

        def _parse_explanation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        explanation = _parse_explanation(d.pop("explanation", UNSET))

        def _parse_overdue(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        overdue = _parse_overdue(d.pop("overdue", UNSET))

        def _parse_provisional(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        provisional = _parse_provisional(d.pop("provisional", UNSET))

        def _parse_rule_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule_id = _parse_rule_id(d.pop("rule_id", UNSET))

        def _parse_state(data: object) -> CaseDeadlineStateType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = CaseDeadlineStateType0(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseDeadlineStateType0 | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        case_deadline = cls(
            due_on=due_on,
            days_left=days_left,
            explanation=explanation,
            overdue=overdue,
            provisional=provisional,
            rule_id=rule_id,
            state=state,
        )

        case_deadline.additional_properties = d
        return case_deadline

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
