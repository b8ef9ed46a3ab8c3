"""Proof of notice in the hash-chained event store. Pure: an aggregate and its events.

Delivery state lives in plain tables (it changes in place); what a family may later need to
prove (that a notice with this content was given to this recipient on this day, that it could
not be, or that it bounced after it was sent) is also recorded as events of a ``NoticeRecord``,
one per notice. The chain makes
any later change to that record detectable (``/v1/audit/verify``), and the auditors' learner
timeline and evidence bundle include it. The recipient's address is kept as its SHA-256: the
table holds the address, the chain proves it, and no address sits in an immutable log.
"""

import uuid
from datetime import date, datetime
from typing import Any, TypedDict

from eventsourcing.domain import Aggregate, event


class Window(TypedDict):
    """The right a given notice opened for its recipient (as stored: ``until`` in ISO form)."""

    kind: str
    rule_id: str
    until: str


class About(TypedDict):
    """Whom and what a notice is about, by id: what its public events name."""

    learner_id: str
    kind: str
    subject_id: str | None
    issuer: str
    recipient_role: str
    recipient_organisation: str | None


class NoticeRecord(Aggregate):
    """What happened to one notice, as evidence.

    The events' class names and nesting are their stored topics
    (``notifications.notices.evidence:NoticeRecord.NoticeGiven``): never rename them.
    """

    class NoticeCreated(Aggregate.Created):
        """A notice was queued for one recipient (its facts and recipient, no address)."""

        notice_id: str
        learner_id: str
        kind: str
        subject_id: str | None
        issuer: str
        source_event_id: str
        recipient_role: str
        recipient_organisation: str | None
        copy: bool

    class NoticeGiven(Aggregate.Event):
        """The channel accepted the notice: it counts as given on ``given_on``."""

        channel: str
        address_sha256: str | None
        content_sha256: str
        message_id: str | None
        sent_at: datetime
        delivered_at: datetime
        given_on: date
        window: Window | None
        #: The notice's ids, so that its public event needs no replay (None: recorded before
        #: they were added here; the record's creation has them).
        about: About | None = None

    class NoticeEscalated(Aggregate.Event):
        """The notice could not be given: a person must act."""

        reason: str
        escalated_at: datetime
        about: About | None = None  # as on ``NoticeGiven``

    class NoticeBounced(Aggregate.Event):
        """A delivery report came back for the notice."""

        report_id: int
        bounce: str
        status: str | None
        diagnostic: str | None
        reporting_mta: str | None
        received_at: datetime
        message_sha256: str

    class NoticeNotGiven(Aggregate.Event):
        """A permanent bounce of a given notice, acted on: the notice no longer counts as given
        (it never arrived) and no time limit runs from ``given_on`` (ADR 0014, 0017)."""

        given_on: date
        bounced_at: datetime
        about: About

    @staticmethod
    def create_id(notice_id: str) -> uuid.UUID:
        return uuid.UUID(notice_id)

    @event(NoticeCreated)
    def __init__(
        self,
        notice_id: str,
        learner_id: str,
        kind: str,
        subject_id: str | None,
        issuer: str,
        source_event_id: str,
        recipient_role: str,
        recipient_organisation: str | None,
        copy: bool,
    ) -> None:
        self.notice_id = notice_id
        self.learner_id = learner_id
        self.kind = kind
        self.subject_id = subject_id
        self.issuer = issuer
        self.source_event_id = source_event_id
        self.recipient_role = recipient_role
        self.recipient_organisation = recipient_organisation
        self.copy = copy
        self.given: dict[str, Any] | None = None
        self.escalations: list[dict[str, Any]] = []
        self.bounces: list[dict[str, Any]] = []
        self.not_given: datetime | None = None

    @property
    def about(self) -> About:
        """The notice's ids, as its public events name them."""
        return About(
            learner_id=self.learner_id,
            kind=self.kind,
            subject_id=self.subject_id,
            issuer=self.issuer,
            recipient_role=self.recipient_role,
            recipient_organisation=self.recipient_organisation,
        )

    def give(
        self,
        channel: str,
        address_sha256: str | None,
        content_sha256: str,
        message_id: str | None,
        sent_at: datetime,
        delivered_at: datetime,
        given_on: date,
        window: Window | None,
    ) -> None:
        """The channel accepted the notice: it counts as given on ``given_on``."""
        self._give(
            channel=channel,
            address_sha256=address_sha256,
            content_sha256=content_sha256,
            message_id=message_id,
            sent_at=sent_at,
            delivered_at=delivered_at,
            given_on=given_on,
            window=window,
            about=self.about,
        )

    @event(NoticeGiven)
    def _give(
        self,
        channel: str,
        address_sha256: str | None,
        content_sha256: str,
        message_id: str | None,
        sent_at: datetime,
        delivered_at: datetime,
        given_on: date,
        window: Window | None,
        about: About | None = None,  # for the publisher: the record has it
    ) -> None:
        self.given = {
            "channel": channel,
            "address_sha256": address_sha256,
            "content_sha256": content_sha256,
            "message_id": message_id,
            "sent_at": sent_at,
            "delivered_at": delivered_at,
            "given_on": given_on,
            "window": window,
        }

    def escalate(self, reason: str, escalated_at: datetime) -> None:
        """The notice could not be given: a person must act."""
        self._escalate(reason=reason, escalated_at=escalated_at, about=self.about)

    @event(NoticeEscalated)
    def _escalate(
        self,
        reason: str,
        escalated_at: datetime,
        about: About | None = None,  # for the publisher: the record has it
    ) -> None:
        self.escalations.append({"reason": reason, "escalated_at": escalated_at})

    @event(NoticeBounced)
    def bounce(
        self,
        report_id: int,
        bounce: str,
        status: str | None,
        diagnostic: str | None,
        reporting_mta: str | None,
        received_at: datetime,
        message_sha256: str,
    ) -> None:
        """A delivery report came back for the notice: ``bounce`` is permanent (it never
        arrived: it does not count as given), transient (still being tried), delivered, or
        unparsed (a message that is not a report). The report itself is kept in the tables;
        its SHA-256 here proves which one it was."""
        self.bounces.append(
            {
                "report_id": report_id,
                "bounce": bounce,
                "status": status,
                "diagnostic": diagnostic,
                "reporting_mta": reporting_mta,
                "received_at": received_at,
                "message_sha256": message_sha256,
            }
        )

    def withdraw(self, bounced_at: datetime) -> None:
        """The notice was given, then bounced for good: it no longer counts as given."""
        if self.given is None or self.not_given is not None:
            return
        self._withdraw(given_on=self.given["given_on"], bounced_at=bounced_at, about=self.about)

    @event(NoticeNotGiven)
    def _withdraw(self, given_on: date, bounced_at: datetime, about: About) -> None:
        self.not_given = bounced_at
