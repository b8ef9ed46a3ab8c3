from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.notice_type import NoticeType
from ..models.recipient import Recipient

if TYPE_CHECKING:
    from ..models.determination_notice_in_content import DeterminationNoticeInContent


T = TypeVar("T", bound="DeterminationNoticeIn")


@_attrs_define
class DeterminationNoticeIn:
    """A notice of a determination, with the parts the ALN Code requires it to contain.

    Attributes:
        content (DeterminationNoticeInContent): The notice's text by part. Every notice: `decision_and_reasons`, except
            `nhs_referral`: only `reason_for_referral`. `no_aln` and `idp_not_necessary` also: `contact_details`,
            `information_and_advice`, `disagreement_resolution`, `independent_advocacy` and `right_of_appeal` (a school's
            `no_aln`: `right_to_ask_la_to_reconsider` instead). A part missing is 422.
        issued_by (str):
        issued_on (datetime.date):
        notice_type (NoticeType):
        recipients (list[Recipient]):
    """

    content: DeterminationNoticeInContent
    issued_by: str
    issued_on: datetime.date
    notice_type: NoticeType
    recipients: list[Recipient]

    def to_dict(self) -> dict[str, Any]:
        content = self.content.to_dict()

        issued_by = self.issued_by

        issued_on = self.issued_on.isoformat()

        notice_type = self.notice_type.value

        recipients = []
        for recipients_item_data in self.recipients:
            recipients_item = recipients_item_data.value
            recipients.append(recipients_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
                "issued_by": issued_by,
                "issued_on": issued_on,
                "notice_type": notice_type,
                "recipients": recipients,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.determination_notice_in_content import DeterminationNoticeInContent  # noqa: PLC0415

        d = dict(src_dict)
        content = DeterminationNoticeInContent.from_dict(d.pop("content"))

        issued_by = d.pop("issued_by")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        notice_type = NoticeType(d.pop("notice_type"))

        recipients = []
        _recipients = d.pop("recipients")
        for recipients_item_data in _recipients:
            recipients_item = Recipient(recipients_item_data)

            recipients.append(recipients_item)

        determination_notice_in = cls(
            content=content,
            issued_by=issued_by,
            issued_on=issued_on,
            notice_type=notice_type,
            recipients=recipients,
        )

        return determination_notice_in
