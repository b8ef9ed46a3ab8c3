from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.given_outside_in_channel import GivenOutsideInChannel

T = TypeVar("T", bound="GivenOutsideIn")


@_attrs_define
class GivenOutsideIn:
    """A notice the issuing body gave itself, outside the system (ADR 0017).

    Attributes:
        channel (GivenOutsideInChannel): hand: handed over or left at the address; post: posted first class
        on (datetime.date): The day it was handed over or posted (a posted notice counts as given the second working day
            after)
    """

    channel: GivenOutsideInChannel
    on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        on = self.on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "on": on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = GivenOutsideInChannel(d.pop("channel"))

        on = datetime.date.fromisoformat(d.pop("on"))

        given_outside_in = cls(
            channel=channel,
            on=on,
        )

        return given_outside_in
