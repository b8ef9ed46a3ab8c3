from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.confidence import Confidence
from ..models.unit import Unit
from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleIn")


@_attrs_define
class RuleIn:
    """
    Attributes:
        clock_start (str):
        confidence (Confidence): docs/domain.md's tags: read in the primary text, secondary sources, or unconfirmed.
        description (str):
        id (str):
        length (int | None):
        source (str):
        unit (Unit): What a rule's length counts.
        due_after_period (bool | Unset): Due by the first working day after the period ends (the Tribunal's appeal
            window, D18), not on its last day Default: False.
        rolls_to_working_day (bool | Unset):  Default: True.
        starts_day_after (bool | Unset):  Default: True.
    """

    clock_start: str
    confidence: Confidence
    description: str
    id: str
    length: int | None
    source: str
    unit: Unit
    due_after_period: bool | Unset = False
    rolls_to_working_day: bool | Unset = True
    starts_day_after: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        clock_start = self.clock_start

        confidence = self.confidence.value

        description = self.description

        id = self.id

        length: int | None
        length = self.length

        source = self.source

        unit = self.unit.value

        due_after_period = self.due_after_period

        rolls_to_working_day = self.rolls_to_working_day

        starts_day_after = self.starts_day_after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clock_start": clock_start,
                "confidence": confidence,
                "description": description,
                "id": id,
                "length": length,
                "source": source,
                "unit": unit,
            }
        )
        if due_after_period is not UNSET:
            field_dict["due_after_period"] = due_after_period
        if rolls_to_working_day is not UNSET:
            field_dict["rolls_to_working_day"] = rolls_to_working_day
        if starts_day_after is not UNSET:
            field_dict["starts_day_after"] = starts_day_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        clock_start = d.pop("clock_start")

        confidence = Confidence(d.pop("confidence"))

        description = d.pop("description")

        id = d.pop("id")

        def _parse_length(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        length = _parse_length(d.pop("length"))

        source = d.pop("source")

        unit = Unit(d.pop("unit"))

        due_after_period = d.pop("due_after_period", UNSET)

        rolls_to_working_day = d.pop("rolls_to_working_day", UNSET)

        starts_day_after = d.pop("starts_day_after", UNSET)

        rule_in = cls(
            clock_start=clock_start,
            confidence=confidence,
            description=description,
            id=id,
            length=length,
            source=source,
            unit=unit,
            due_after_period=due_after_period,
            rolls_to_working_day=rolls_to_working_day,
            starts_day_after=starts_day_after,
        )

        return rule_in
