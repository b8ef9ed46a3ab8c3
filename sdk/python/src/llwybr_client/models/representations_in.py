from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RepresentationsIn")


@_attrs_define
class RepresentationsIn:
    """
    Attributes:
        received_on (datetime.date):
        summary (str):
    """

    received_on: datetime.date
    summary: str

    def to_dict(self) -> dict[str, Any]:
        received_on = self.received_on.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "received_on": received_on,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        received_on = datetime.date.fromisoformat(d.pop("received_on"))

        summary = d.pop("summary")

        representations_in = cls(
            received_on=received_on,
            summary=summary,
        )

        return representations_in
