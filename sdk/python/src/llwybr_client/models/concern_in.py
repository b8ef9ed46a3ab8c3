from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.circumstances_in import CircumstancesIn
    from ..models.learner_in import LearnerIn


T = TypeVar("T", bound="ConcernIn")


@_attrs_define
class ConcernIn:
    """
    Attributes:
        came_to_attention_on (datetime.date):
        learner (LearnerIn):
        raised_by (str):
        raised_with (str):
        circumstances (CircumstancesIn | Unset):
    """

    came_to_attention_on: datetime.date
    learner: LearnerIn
    raised_by: str
    raised_with: str
    circumstances: CircumstancesIn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        came_to_attention_on = self.came_to_attention_on.isoformat()

        learner = self.learner.to_dict()

        raised_by = self.raised_by

        raised_with = self.raised_with

        circumstances: dict[str, Any] | Unset = UNSET
        if not isinstance(self.circumstances, Unset):
            circumstances = self.circumstances.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "came_to_attention_on": came_to_attention_on,
                "learner": learner,
                "raised_by": raised_by,
                "raised_with": raised_with,
            }
        )
        if circumstances is not UNSET:
            field_dict["circumstances"] = circumstances

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.circumstances_in import CircumstancesIn  # noqa: PLC0415
        from ..models.learner_in import LearnerIn  # noqa: PLC0415

        d = dict(src_dict)
        came_to_attention_on = datetime.date.fromisoformat(d.pop("came_to_attention_on"))

        learner = LearnerIn.from_dict(d.pop("learner"))

        raised_by = d.pop("raised_by")

        raised_with = d.pop("raised_with")

        _circumstances = d.pop("circumstances", UNSET)
        circumstances: CircumstancesIn | Unset
        if isinstance(_circumstances, Unset):
            circumstances = UNSET
        else:
            circumstances = CircumstancesIn.from_dict(_circumstances)

        concern_in = cls(
            came_to_attention_on=came_to_attention_on,
            learner=learner,
            raised_by=raised_by,
            raised_with=raised_with,
            circumstances=circumstances,
        )

        return concern_in
