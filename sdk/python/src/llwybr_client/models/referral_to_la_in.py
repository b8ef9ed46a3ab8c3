from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReferralToLaIn")


@_attrs_define
class ReferralToLaIn:
    """
    Attributes:
        reason (str):
        referred_by (str):
        referred_on (datetime.date):
    """

    reason: str
    referred_by: str
    referred_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        referred_by = self.referred_by

        referred_on = self.referred_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "referred_by": referred_by,
                "referred_on": referred_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        referred_by = d.pop("referred_by")

        referred_on = datetime.date.fromisoformat(d.pop("referred_on"))

        referral_to_la_in = cls(
            reason=reason,
            referred_by=referred_by,
            referred_on=referred_on,
        )

        return referral_to_la_in
