"""Public events of the notifications service (topic ``aln.notifications.v1``): that a notice
was given, or could not be. Ids, dates and hashes only: no names, addresses or content.
"""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from contracts.events import IntegrationEvent, register, upn_field
from contracts.topics import NOTIFICATIONS, Topic


class NoticeEvent(IntegrationEvent):
    topic: ClassVar[Topic] = NOTIFICATIONS
    notice_id: UUID
    learner_id: str
    upn: str | None = upn_field()
    kind: str = Field(examples=["decision_no_aln", "deadline_missed"])
    subject_id: str | None = Field(description="The case: a determination, plan, ... id")
    issuer: str = Field(description="The body giving the notice (system:llwybr for reminders)")
    recipient_role: str = Field(examples=["parent", "governing_body"])
    recipient_organisation: str | None = Field(description="None when the recipient is a person")


@register
class NoticeGiven(NoticeEvent):
    """A notice was accepted by its channel: it counts as given on ``given_on``."""

    name: ClassVar[str] = "notice-given"
    channel: str = Field(examples=["email"])
    content_sha256: str
    delivered_at: datetime
    given_on: date
    window_kind: str | None = Field(
        description="The right the notice opens for its recipient (appeal, ...), if any"
    )
    window_rule: str | None
    window_until: date | None


@register
class NoticeEscalated(NoticeEvent):
    """A notice could not be given (no contact, rejected, not accepted): a person must act."""

    name: ClassVar[str] = "notice-escalated"
    escalated_at: datetime


@register
class NoticeBounced(NoticeEvent):
    """A notice published as given was reported undeliverable (a permanent bounce): it does
    not count as given, and no time limit runs from it. A notice given again later is a new
    notice with its own ``notice-given``."""

    name: ClassVar[str] = "notice-bounced"
    given_on: date | None = Field(description="The day it had been recorded as given")
    bounced_at: datetime
