from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.nhs_answer import NhsAnswer
from ..types import UNSET, Unset

T = TypeVar("T", bound="NhsAnswerIn")


@_attrs_define
class NhsAnswerIn:
    """
    Attributes:
        answer (NhsAnswer):
        answered_by (str):
        answered_on (datetime.date):
        details (str):
        in_welsh (bool | None | Unset):
    """

    answer: NhsAnswer
    answered_by: str
    answered_on: datetime.date
    details: str
    in_welsh: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        answered_by = self.answered_by

        answered_on = self.answered_on.isoformat()

        details = self.details

        in_welsh: bool | None | Unset
        if isinstance(self.in_welsh, Unset):
            in_welsh = UNSET
        else:
            in_welsh = self.in_welsh

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
                "answered_by": answered_by,
                "answered_on": answered_on,
                "details": details,
            }
        )
        if in_welsh is not UNSET:
            field_dict["in_welsh"] = in_welsh

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer = NhsAnswer(d.pop("answer"))

        answered_by = d.pop("answered_by")

        answered_on = datetime.date.fromisoformat(d.pop("answered_on"))

        details = d.pop("details")

        def _parse_in_welsh(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        in_welsh = _parse_in_welsh(d.pop("in_welsh", UNSET))

        nhs_answer_in = cls(
            answer=answer,
            answered_by=answered_by,
            answered_on=answered_on,
            details=details,
            in_welsh=in_welsh,
        )

        return nhs_answer_in
