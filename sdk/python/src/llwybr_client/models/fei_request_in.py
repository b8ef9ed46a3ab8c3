from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FeiRequestIn")


@_attrs_define
class FeiRequestIn:
    """
    Attributes:
        fei (str):
        received_on (datetime.date): The day the FEI received it: D13 runs from it
        requested_on (datetime.date):
    """

    fei: str
    received_on: datetime.date
    requested_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        fei = self.fei

        received_on = self.received_on.isoformat()

        requested_on = self.requested_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fei": fei,
                "received_on": received_on,
                "requested_on": requested_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fei = d.pop("fei")

        received_on = datetime.date.fromisoformat(d.pop("received_on"))

        requested_on = datetime.date.fromisoformat(d.pop("requested_on"))

        fei_request_in = cls(
            fei=fei,
            received_on=received_on,
            requested_on=requested_on,
        )

        return fei_request_in
