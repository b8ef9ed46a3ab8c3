from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NhsReferralIn")


@_attrs_define
class NhsReferralIn:
    """
    Attributes:
        nhs_body (str):
        received_on (datetime.date):
        referral_id (str):
    """

    nhs_body: str
    received_on: datetime.date
    referral_id: str

    def to_dict(self) -> dict[str, Any]:
        nhs_body = self.nhs_body

        received_on = self.received_on.isoformat()

        referral_id = self.referral_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "nhs_body": nhs_body,
                "received_on": received_on,
                "referral_id": referral_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nhs_body = d.pop("nhs_body")

        received_on = datetime.date.fromisoformat(d.pop("received_on"))

        referral_id = d.pop("referral_id")

        nhs_referral_in = cls(
            nhs_body=nhs_body,
            received_on=received_on,
            referral_id=referral_id,
        )

        return nhs_referral_in
