from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ComplaintIn")


@_attrs_define
class ComplaintIn:
    """
    Attributes:
        learner_id (str):
        made_by (str): Who complained (sealed with the learner's key)
        opened_on (datetime.date):
        summary (str): What the complaint is about (sealed)
    """

    learner_id: str
    made_by: str
    opened_on: datetime.date
    summary: str

    def to_dict(self) -> dict[str, Any]:
        learner_id = self.learner_id

        made_by = self.made_by

        opened_on = self.opened_on.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "learner_id": learner_id,
                "made_by": made_by,
                "opened_on": opened_on,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        learner_id = d.pop("learner_id")

        made_by = d.pop("made_by")

        opened_on = datetime.date.fromisoformat(d.pop("opened_on"))

        summary = d.pop("summary")

        complaint_in = cls(
            learner_id=learner_id,
            made_by=made_by,
            opened_on=opened_on,
            summary=summary,
        )

        return complaint_in
