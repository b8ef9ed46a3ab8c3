from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DisagreementResolutionIn")


@_attrs_define
class DisagreementResolutionIn:
    """
    Attributes:
        started_on (datetime.date):
    """

    started_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        started_on = self.started_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "started_on": started_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        started_on = datetime.date.fromisoformat(d.pop("started_on"))

        disagreement_resolution_in = cls(
            started_on=started_on,
        )

        return disagreement_resolution_in
