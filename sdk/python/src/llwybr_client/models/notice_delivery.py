from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NoticeDelivery")


@_attrs_define
class NoticeDelivery:
    """
    Attributes:
        address (None | str):
        attempt (int):
        channel (str):
        content_sha256 (None | str):
        detail (str):
        finished_at (datetime.datetime):
        outcome (str):
        smtp_code (int | None):
        started_at (datetime.datetime):
    """

    address: None | str
    attempt: int
    channel: str
    content_sha256: None | str
    detail: str
    finished_at: datetime.datetime
    outcome: str
    smtp_code: int | None
    started_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address: None | str
        address = self.address

        attempt = self.attempt

        channel = self.channel

        content_sha256: None | str
        content_sha256 = self.content_sha256

        detail = self.detail

        finished_at = self.finished_at.isoformat()

        outcome = self.outcome

        smtp_code: int | None
        smtp_code = self.smtp_code

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "attempt": attempt,
                "channel": channel,
                "content_sha256": content_sha256,
                "detail": detail,
                "finished_at": finished_at,
                "outcome": outcome,
                "smtp_code": smtp_code,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address = _parse_address(d.pop("address"))

        attempt = d.pop("attempt")

        channel = d.pop("channel")

        def _parse_content_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_sha256 = _parse_content_sha256(d.pop("content_sha256"))

        detail = d.pop("detail")

        finished_at = datetime.datetime.fromisoformat(d.pop("finished_at"))

        outcome = d.pop("outcome")

        def _parse_smtp_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        smtp_code = _parse_smtp_code(d.pop("smtp_code"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        notice_delivery = cls(
            address=address,
            attempt=attempt,
            channel=channel,
            content_sha256=content_sha256,
            detail=detail,
            finished_at=finished_at,
            outcome=outcome,
            smtp_code=smtp_code,
            started_at=started_at,
        )

        notice_delivery.additional_properties = d
        return notice_delivery

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
