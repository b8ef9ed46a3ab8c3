from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RetentionLine")


@_attrs_define
class RetentionLine:
    """
    Attributes:
        basis (str): What the schedule counts from: `birth` or `closure`
        basis_date (datetime.date | None): The date it counts from
        due_on (datetime.date | None): The day the data falls due for erasure
        learner_id (str):
        legal_holds (list[str]): The open cases holding the data, as the disputes service published them
        record_kind (str): What is held: `aln_file` (a learner found to have ALN) or `no_aln` (a determination that
            ended without ALN)
        schedule (str): The retention schedule
        status (str): `due`, or `held` (a legal hold stops the erasure)
    """

    basis: str
    basis_date: datetime.date | None
    due_on: datetime.date | None
    learner_id: str
    legal_holds: list[str]
    record_kind: str
    schedule: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        basis = self.basis

        basis_date: None | str
        if isinstance(self.basis_date, datetime.date):
            basis_date = self.basis_date.isoformat()
        else:
            basis_date = self.basis_date

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        learner_id = self.learner_id

        legal_holds = self.legal_holds

        record_kind = self.record_kind

        schedule = self.schedule

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "basis": basis,
                "basis_date": basis_date,
                "due_on": due_on,
                "learner_id": learner_id,
                "legal_holds": legal_holds,
                "record_kind": record_kind,
                "schedule": schedule,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        basis = d.pop("basis")

        def _parse_basis_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                basis_date_type_0 = datetime.date.fromisoformat(data)

                return basis_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        basis_date = _parse_basis_date(d.pop("basis_date"))

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        learner_id = d.pop("learner_id")

        legal_holds = cast(list[str], d.pop("legal_holds"))

        record_kind = d.pop("record_kind")

        schedule = d.pop("schedule")

        status = d.pop("status")

        retention_line = cls(
            basis=basis,
            basis_date=basis_date,
            due_on=due_on,
            learner_id=learner_id,
            legal_holds=legal_holds,
            record_kind=record_kind,
            schedule=schedule,
            status=status,
        )

        retention_line.additional_properties = d
        return retention_line

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
