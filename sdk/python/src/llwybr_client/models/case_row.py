from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.case_row_decision_clock_type_0 import CaseRowDecisionClockType0


T = TypeVar("T", bound="CaseRow")


@_attrs_define
class CaseRow:
    """A determination case as the read model holds it, with its decision clock today.

    Attributes:
        body_kind (str):
        came_to_attention_on (datetime.date):
        determination_id (str):
        learner_id (str):
        local_authority (str): The learner's LA, e.g. `la:665`
        organisation (str): The deciding body, e.g. `school:6652001`
        provisional (bool): Computed without the setting's term calendar
        status (str):
        version (int):
        decided_on (datetime.date | None | Unset):
        decision_clock (CaseRowDecisionClockType0 | None | Unset): `state` (open, met, missed, cancelled), `overdue`,
            `days_left`, `met_on`
        decision_due_on (datetime.date | None | Unset): None: awaiting consent
        decision_rule (None | str | Unset):
    """

    body_kind: str
    came_to_attention_on: datetime.date
    determination_id: str
    learner_id: str
    local_authority: str
    organisation: str
    provisional: bool
    status: str
    version: int
    decided_on: datetime.date | None | Unset = UNSET
    decision_clock: CaseRowDecisionClockType0 | None | Unset = UNSET
    decision_due_on: datetime.date | None | Unset = UNSET
    decision_rule: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.case_row_decision_clock_type_0 import CaseRowDecisionClockType0  # noqa: PLC0415

        body_kind = self.body_kind

        came_to_attention_on = self.came_to_attention_on.isoformat()

        determination_id = self.determination_id

        learner_id = self.learner_id

        local_authority = self.local_authority

        organisation = self.organisation

        provisional = self.provisional

        status = self.status

        version = self.version

        decided_on: None | str | Unset
        if isinstance(self.decided_on, Unset):
            decided_on = UNSET
        elif isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision_clock: dict[str, Any] | None | Unset
        if isinstance(self.decision_clock, Unset):
            decision_clock = UNSET
        elif isinstance(self.decision_clock, CaseRowDecisionClockType0):
            decision_clock = self.decision_clock.to_dict()
        else:
            decision_clock = self.decision_clock

        decision_due_on: None | str | Unset
        if isinstance(self.decision_due_on, Unset):
            decision_due_on = UNSET
        elif isinstance(self.decision_due_on, datetime.date):
            decision_due_on = self.decision_due_on.isoformat()
        else:
            decision_due_on = self.decision_due_on

        decision_rule: None | str | Unset
        if isinstance(self.decision_rule, Unset):
            decision_rule = UNSET
        else:
            decision_rule = self.decision_rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body_kind": body_kind,
                "came_to_attention_on": came_to_attention_on,
                "determination_id": determination_id,
                "learner_id": learner_id,
                "local_authority": local_authority,
                "organisation": organisation,
                "provisional": provisional,
                "status": status,
                "version": version,
            }
        )
        if decided_on is not UNSET:
            field_dict["decided_on"] = decided_on
        if decision_clock is not UNSET:
            field_dict["decision_clock"] = decision_clock
        if decision_due_on is not UNSET:
            field_dict["decision_due_on"] = decision_due_on
        if decision_rule is not UNSET:
            field_dict["decision_rule"] = decision_rule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_row_decision_clock_type_0 import CaseRowDecisionClockType0  # noqa: PLC0415

        d = dict(src_dict)
        body_kind = d.pop("body_kind")

        came_to_attention_on = datetime.date.fromisoformat(d.pop("came_to_attention_on"))

        determination_id = d.pop("determination_id")

        learner_id = d.pop("learner_id")

        local_authority = d.pop("local_authority")

        organisation = d.pop("organisation")

        provisional = d.pop("provisional")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_decided_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        decided_on = _parse_decided_on(d.pop("decided_on", UNSET))

        def _parse_decision_clock(data: object) -> CaseRowDecisionClockType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                decision_clock_type_0 = CaseRowDecisionClockType0.from_dict(data)

                return decision_clock_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CaseRowDecisionClockType0 | None | Unset, data)

        decision_clock = _parse_decision_clock(d.pop("decision_clock", UNSET))

        def _parse_decision_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_due_on_type_0 = datetime.date.fromisoformat(data)

                return decision_due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        decision_due_on = _parse_decision_due_on(d.pop("decision_due_on", UNSET))

        def _parse_decision_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_rule = _parse_decision_rule(d.pop("decision_rule", UNSET))

        case_row = cls(
            body_kind=body_kind,
            came_to_attention_on=came_to_attention_on,
            determination_id=determination_id,
            learner_id=learner_id,
            local_authority=local_authority,
            organisation=organisation,
            provisional=provisional,
            status=status,
            version=version,
            decided_on=decided_on,
            decision_clock=decision_clock,
            decision_due_on=decision_due_on,
            decision_rule=decision_rule,
        )

        case_row.additional_properties = d
        return case_row

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
