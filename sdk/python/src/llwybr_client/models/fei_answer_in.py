from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FeiAnswerIn")


@_attrs_define
class FeiAnswerIn:
    """
    Attributes:
        agreed (bool):
        answered_on (datetime.date):
    """

    agreed: bool
    answered_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        agreed = self.agreed

        answered_on = self.answered_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agreed": agreed,
                "answered_on": answered_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agreed = d.pop("agreed")

        answered_on = datetime.date.fromisoformat(d.pop("answered_on"))

        fei_answer_in = cls(
            agreed=agreed,
            answered_on=answered_on,
        )

        return fei_answer_in
