from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_report_bounce import NoticeReportBounce

T = TypeVar("T", bound="NoticeReport")


@_attrs_define
class NoticeReport:
    """A delivery report (bounce) received for the notice.

    Attributes:
        action (None | str):
        bounce (NoticeReportBounce):
        diagnostic (None | str):
        final_recipient (None | str):
        message_sha256 (str): Of the report as received (kept)
        received_at (datetime.datetime):
        remote_mta (None | str):
        reporting_mta (None | str):
        status (None | str):
        subject (None | str):
    """

    action: None | str
    bounce: NoticeReportBounce
    diagnostic: None | str
    final_recipient: None | str
    message_sha256: str
    received_at: datetime.datetime
    remote_mta: None | str
    reporting_mta: None | str
    status: None | str
    subject: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action: None | str
        action = self.action

        bounce = self.bounce.value

        diagnostic: None | str
        diagnostic = self.diagnostic

        final_recipient: None | str
        final_recipient = self.final_recipient

        message_sha256 = self.message_sha256

        received_at = self.received_at.isoformat()

        remote_mta: None | str
        remote_mta = self.remote_mta

        reporting_mta: None | str
        reporting_mta = self.reporting_mta

        status: None | str
        status = self.status

        subject: None | str
        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "bounce": bounce,
                "diagnostic": diagnostic,
                "final_recipient": final_recipient,
                "message_sha256": message_sha256,
                "received_at": received_at,
                "remote_mta": remote_mta,
                "reporting_mta": reporting_mta,
                "status": status,
                "subject": subject,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_action(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        action = _parse_action(d.pop("action"))

        bounce = NoticeReportBounce(d.pop("bounce"))

        def _parse_diagnostic(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        diagnostic = _parse_diagnostic(d.pop("diagnostic"))

        def _parse_final_recipient(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        final_recipient = _parse_final_recipient(d.pop("final_recipient"))

        message_sha256 = d.pop("message_sha256")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        def _parse_remote_mta(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remote_mta = _parse_remote_mta(d.pop("remote_mta"))

        def _parse_reporting_mta(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reporting_mta = _parse_reporting_mta(d.pop("reporting_mta"))

        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))

        notice_report = cls(
            action=action,
            bounce=bounce,
            diagnostic=diagnostic,
            final_recipient=final_recipient,
            message_sha256=message_sha256,
            received_at=received_at,
            remote_mta=remote_mta,
            reporting_mta=reporting_mta,
            status=status,
            subject=subject,
        )

        notice_report.additional_properties = d
        return notice_report

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
