from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notice_detail_status import NoticeDetailStatus
from ..models.notice_kind import NoticeKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notice_delivery import NoticeDelivery
    from ..models.notice_detail_facts import NoticeDetailFacts
    from ..models.notice_report import NoticeReport
    from ..models.notice_window import NoticeWindow


T = TypeVar("T", bound="NoticeDetail")


@_attrs_define
class NoticeDetail:
    """
    Attributes:
        attempts (int):
        bounce_diagnostic (None | str): The bounce's diagnostic, as reported
        bounce_status (None | str): The bounce's enhanced status code (5.1.1)
        bounced_at (datetime.datetime | None):
        channel (None | str):
        content_html (None | str): The notice as given (its SHA-256 is above)
        content_sha256 (None | str):
        content_text (None | str):
        copy_for_records (bool):
        counts_as_given (bool): False unless given: a bounced notice never arrived, so it does not count as given on
            `given_on` and no time limit runs from it (ADR 0014)
        created_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
        deliveries (list[NoticeDelivery]):
        escalated_at (datetime.datetime | None):
        escalation_reason (None | str):
        facts (NoticeDetailFacts):
        given_on (datetime.date | None): The day the notice counts as given (for a bounced notice: the day it would
            have, as its content states)
        issuer (str):
        kind (NoticeKind):
        language (str):
        learner_id (str):
        message_id (None | str):
        next_attempt_at (datetime.datetime | None):
        notice_id (str):
        recipient_address (None | str):
        recipient_name (None | str):
        recipient_organisation (None | str):
        recipient_party_id (None | str):
        recipient_role (str):
        reports (list[NoticeReport]): Delivery reports (bounces) received
        sent_at (datetime.datetime | None):
        source_event_id (str):
        source_event_type (str):
        status (NoticeDetailStatus): bounced: given, then a permanent bounce came back (escalated, ADR 0014)
        subject_id (None | str):
        subject_line (None | str):
        superseded_by (None | str):
        window (None | NoticeWindow): The right it opens for its recipient, and until (none runs from a bounced notice)
        personal_data_erased (None | str | Unset): The learner's personal data was erased (ADR 0023): the recipient (a
            family member), subject line and content were dropped; the content's SHA-256 stays
    """

    attempts: int
    bounce_diagnostic: None | str
    bounce_status: None | str
    bounced_at: datetime.datetime | None
    channel: None | str
    content_html: None | str
    content_sha256: None | str
    content_text: None | str
    copy_for_records: bool
    counts_as_given: bool
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    deliveries: list[NoticeDelivery]
    escalated_at: datetime.datetime | None
    escalation_reason: None | str
    facts: NoticeDetailFacts
    given_on: datetime.date | None
    issuer: str
    kind: NoticeKind
    language: str
    learner_id: str
    message_id: None | str
    next_attempt_at: datetime.datetime | None
    notice_id: str
    recipient_address: None | str
    recipient_name: None | str
    recipient_organisation: None | str
    recipient_party_id: None | str
    recipient_role: str
    reports: list[NoticeReport]
    sent_at: datetime.datetime | None
    source_event_id: str
    source_event_type: str
    status: NoticeDetailStatus
    subject_id: None | str
    subject_line: None | str
    superseded_by: None | str
    window: None | NoticeWindow
    personal_data_erased: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notice_window import NoticeWindow  # noqa: PLC0415

        attempts = self.attempts

        bounce_diagnostic: None | str
        bounce_diagnostic = self.bounce_diagnostic

        bounce_status: None | str
        bounce_status = self.bounce_status

        bounced_at: None | str
        if isinstance(self.bounced_at, datetime.datetime):
            bounced_at = self.bounced_at.isoformat()
        else:
            bounced_at = self.bounced_at

        channel: None | str
        channel = self.channel

        content_html: None | str
        content_html = self.content_html

        content_sha256: None | str
        content_sha256 = self.content_sha256

        content_text: None | str
        content_text = self.content_text

        copy_for_records = self.copy_for_records

        counts_as_given = self.counts_as_given

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        deliveries = []
        for deliveries_item_data in self.deliveries:
            deliveries_item = deliveries_item_data.to_dict()
            deliveries.append(deliveries_item)

        escalated_at: None | str
        if isinstance(self.escalated_at, datetime.datetime):
            escalated_at = self.escalated_at.isoformat()
        else:
            escalated_at = self.escalated_at

        escalation_reason: None | str
        escalation_reason = self.escalation_reason

        facts = self.facts.to_dict()

        given_on: None | str
        if isinstance(self.given_on, datetime.date):
            given_on = self.given_on.isoformat()
        else:
            given_on = self.given_on

        issuer = self.issuer

        kind = self.kind.value

        language = self.language

        learner_id = self.learner_id

        message_id: None | str
        message_id = self.message_id

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        notice_id = self.notice_id

        recipient_address: None | str
        recipient_address = self.recipient_address

        recipient_name: None | str
        recipient_name = self.recipient_name

        recipient_organisation: None | str
        recipient_organisation = self.recipient_organisation

        recipient_party_id: None | str
        recipient_party_id = self.recipient_party_id

        recipient_role = self.recipient_role

        reports = []
        for reports_item_data in self.reports:
            reports_item = reports_item_data.to_dict()
            reports.append(reports_item)

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        source_event_id = self.source_event_id

        source_event_type = self.source_event_type

        status = self.status.value

        subject_id: None | str
        subject_id = self.subject_id

        subject_line: None | str
        subject_line = self.subject_line

        superseded_by: None | str
        superseded_by = self.superseded_by

        window: dict[str, Any] | None
        if isinstance(self.window, NoticeWindow):
            window = self.window.to_dict()
        else:
            window = self.window

        personal_data_erased: None | str | Unset
        if isinstance(self.personal_data_erased, Unset):
            personal_data_erased = UNSET
        else:
            personal_data_erased = self.personal_data_erased

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "bounce_diagnostic": bounce_diagnostic,
                "bounce_status": bounce_status,
                "bounced_at": bounced_at,
                "channel": channel,
                "content_html": content_html,
                "content_sha256": content_sha256,
                "content_text": content_text,
                "copy_for_records": copy_for_records,
                "counts_as_given": counts_as_given,
                "created_at": created_at,
                "delivered_at": delivered_at,
                "deliveries": deliveries,
                "escalated_at": escalated_at,
                "escalation_reason": escalation_reason,
                "facts": facts,
                "given_on": given_on,
                "issuer": issuer,
                "kind": kind,
                "language": language,
                "learner_id": learner_id,
                "message_id": message_id,
                "next_attempt_at": next_attempt_at,
                "notice_id": notice_id,
                "recipient_address": recipient_address,
                "recipient_name": recipient_name,
                "recipient_organisation": recipient_organisation,
                "recipient_party_id": recipient_party_id,
                "recipient_role": recipient_role,
                "reports": reports,
                "sent_at": sent_at,
                "source_event_id": source_event_id,
                "source_event_type": source_event_type,
                "status": status,
                "subject_id": subject_id,
                "subject_line": subject_line,
                "superseded_by": superseded_by,
                "window": window,
            }
        )
        if personal_data_erased is not UNSET:
            field_dict["personal_data_erased"] = personal_data_erased

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notice_delivery import NoticeDelivery  # noqa: PLC0415
        from ..models.notice_detail_facts import NoticeDetailFacts  # noqa: PLC0415
        from ..models.notice_report import NoticeReport  # noqa: PLC0415
        from ..models.notice_window import NoticeWindow  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

        def _parse_bounce_diagnostic(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bounce_diagnostic = _parse_bounce_diagnostic(d.pop("bounce_diagnostic"))

        def _parse_bounce_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        bounce_status = _parse_bounce_status(d.pop("bounce_status"))

        def _parse_bounced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                bounced_at_type_0 = datetime.datetime.fromisoformat(data)

                return bounced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        bounced_at = _parse_bounced_at(d.pop("bounced_at"))

        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))

        def _parse_content_html(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_html = _parse_content_html(d.pop("content_html"))

        def _parse_content_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_sha256 = _parse_content_sha256(d.pop("content_sha256"))

        def _parse_content_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_text = _parse_content_text(d.pop("content_text"))

        copy_for_records = d.pop("copy_for_records")

        counts_as_given = d.pop("counts_as_given")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        deliveries = []
        _deliveries = d.pop("deliveries")
        for deliveries_item_data in _deliveries:
            deliveries_item = NoticeDelivery.from_dict(deliveries_item_data)

            deliveries.append(deliveries_item)

        def _parse_escalated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalated_at_type_0 = datetime.datetime.fromisoformat(data)

                return escalated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        escalated_at = _parse_escalated_at(d.pop("escalated_at"))

        def _parse_escalation_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        escalation_reason = _parse_escalation_reason(d.pop("escalation_reason"))

        facts = NoticeDetailFacts.from_dict(d.pop("facts"))

        def _parse_given_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                given_on_type_0 = datetime.date.fromisoformat(data)

                return given_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        given_on = _parse_given_on(d.pop("given_on"))

        issuer = d.pop("issuer")

        kind = NoticeKind(d.pop("kind"))

        language = d.pop("language")

        learner_id = d.pop("learner_id")

        def _parse_message_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message_id = _parse_message_id(d.pop("message_id"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        notice_id = d.pop("notice_id")

        def _parse_recipient_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient_address = _parse_recipient_address(d.pop("recipient_address"))

        def _parse_recipient_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient_name = _parse_recipient_name(d.pop("recipient_name"))

        def _parse_recipient_organisation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient_organisation = _parse_recipient_organisation(d.pop("recipient_organisation"))

        def _parse_recipient_party_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient_party_id = _parse_recipient_party_id(d.pop("recipient_party_id"))

        recipient_role = d.pop("recipient_role")

        reports = []
        _reports = d.pop("reports")
        for reports_item_data in _reports:
            reports_item = NoticeReport.from_dict(reports_item_data)

            reports.append(reports_item)

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        source_event_id = d.pop("source_event_id")

        source_event_type = d.pop("source_event_type")

        status = NoticeDetailStatus(d.pop("status"))

        def _parse_subject_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject_id = _parse_subject_id(d.pop("subject_id"))

        def _parse_subject_line(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject_line = _parse_subject_line(d.pop("subject_line"))

        def _parse_superseded_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        superseded_by = _parse_superseded_by(d.pop("superseded_by"))

        def _parse_window(data: object) -> None | NoticeWindow:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                window_type_0 = NoticeWindow.from_dict(data)

                return window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NoticeWindow, data)

        window = _parse_window(d.pop("window"))

        def _parse_personal_data_erased(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        personal_data_erased = _parse_personal_data_erased(d.pop("personal_data_erased", UNSET))

        notice_detail = cls(
            attempts=attempts,
            bounce_diagnostic=bounce_diagnostic,
            bounce_status=bounce_status,
            bounced_at=bounced_at,
            channel=channel,
            content_html=content_html,
            content_sha256=content_sha256,
            content_text=content_text,
            copy_for_records=copy_for_records,
            counts_as_given=counts_as_given,
            created_at=created_at,
            delivered_at=delivered_at,
            deliveries=deliveries,
            escalated_at=escalated_at,
            escalation_reason=escalation_reason,
            facts=facts,
            given_on=given_on,
            issuer=issuer,
            kind=kind,
            language=language,
            learner_id=learner_id,
            message_id=message_id,
            next_attempt_at=next_attempt_at,
            notice_id=notice_id,
            recipient_address=recipient_address,
            recipient_name=recipient_name,
            recipient_organisation=recipient_organisation,
            recipient_party_id=recipient_party_id,
            recipient_role=recipient_role,
            reports=reports,
            sent_at=sent_at,
            source_event_id=source_event_id,
            source_event_type=source_event_type,
            status=status,
            subject_id=subject_id,
            subject_line=subject_line,
            superseded_by=superseded_by,
            window=window,
            personal_data_erased=personal_data_erased,
        )

        notice_detail.additional_properties = d
        return notice_detail

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
