from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReconsiderationNoticeIn")


@_attrs_define
class ReconsiderationNoticeIn:
    """
    Attributes:
        issued_on (datetime.date):
        recipients (list[str]):
    """

    issued_on: datetime.date
    recipients: list[str]

    def to_dict(self) -> dict[str, Any]:
        issued_on = self.issued_on.isoformat()

        recipients = self.recipients

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issued_on": issued_on,
                "recipients": recipients,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        recipients = cast(list[str], d.pop("recipients"))

        reconsideration_notice_in = cls(
            issued_on=issued_on,
            recipients=recipients,
        )

        return reconsideration_notice_in
