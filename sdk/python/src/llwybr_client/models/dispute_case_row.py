from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dispute_case_row_case_type import DisputeCaseRowCaseType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DisputeCaseRow")


@_attrs_define
class DisputeCaseRow:
    """A dispute case in a list: its next statutory date and, once ended, its outcome.

    Attributes:
        case_id (str):
        case_type (DisputeCaseRowCaseType):
        kind (str): R1 or R2, an appeal's matter, ...
        learner_id (str):
        local_authority (str): The LA that keeps or answers it, e.g. `la:665`
        status (str):
        version (int):
        deadline_rule (None | str | Unset): The rule that date is under
        due_on (datetime.date | None | Unset): Its next statutory date
        hearing_on (datetime.date | None | Unset):
        outcome (None | str | Unset):
        overdue (bool | None | Unset): In an LA's open list: its own date is past (not D18's)
        subject_id (None | str | Unset): The decision or case it is about
    """

    case_id: str
    case_type: DisputeCaseRowCaseType
    kind: str
    learner_id: str
    local_authority: str
    status: str
    version: int
    deadline_rule: None | str | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    hearing_on: datetime.date | None | Unset = UNSET
    outcome: None | str | Unset = UNSET
    overdue: bool | None | Unset = UNSET
    subject_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        case_type = self.case_type.value

        kind = self.kind

        learner_id = self.learner_id

        local_authority = self.local_authority

        status = self.status

        version = self.version

        deadline_rule: None | str | Unset
        if isinstance(self.deadline_rule, Unset):
            deadline_rule = UNSET
        else:
            deadline_rule = self.deadline_rule

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        hearing_on: None | str | Unset
        if isinstance(self.hearing_on, Unset):
            hearing_on = UNSET
        elif isinstance(self.hearing_on, datetime.date):
            hearing_on = self.hearing_on.isoformat()
        else:
            hearing_on = self.hearing_on

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        overdue: bool | None | Unset
        if isinstance(self.overdue, Unset):
            overdue = UNSET
        else:
            overdue = self.overdue

        subject_id: None | str | Unset
        if isinstance(self.subject_id, Unset):
            subject_id = UNSET
        else:
            subject_id = self.subject_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "case_id": case_id,
                "case_type": case_type,
                "kind": kind,
                "learner_id": learner_id,
                "local_authority": local_authority,
                "status": status,
                "version": version,
            }
        )
        if deadline_rule is not UNSET:
            field_dict["deadline_rule"] = deadline_rule
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if hearing_on is not UNSET:
            field_dict["hearing_on"] = hearing_on
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if overdue is not UNSET:
            field_dict["overdue"] = overdue
        if subject_id is not UNSET:
            field_dict["subject_id"] = subject_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_id = d.pop("case_id")

        case_type = DisputeCaseRowCaseType(d.pop("case_type"))

        kind = d.pop("kind")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_deadline_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deadline_rule = _parse_deadline_rule(d.pop("deadline_rule", UNSET))

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        def _parse_hearing_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hearing_on_type_0 = datetime.date.fromisoformat(data)

                return hearing_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        hearing_on = _parse_hearing_on(d.pop("hearing_on", UNSET))

        def _parse_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

        def _parse_overdue(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        overdue = _parse_overdue(d.pop("overdue", UNSET))

        def _parse_subject_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_id = _parse_subject_id(d.pop("subject_id", UNSET))

        dispute_case_row = cls(
            case_id=case_id,
            case_type=case_type,
            kind=kind,
            learner_id=learner_id,
            local_authority=local_authority,
            status=status,
            version=version,
            deadline_rule=deadline_rule,
            due_on=due_on,
            hearing_on=hearing_on,
            outcome=outcome,
            overdue=overdue,
            subject_id=subject_id,
        )

        dispute_case_row.additional_properties = d
        return dispute_case_row

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
