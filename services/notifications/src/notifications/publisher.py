"""Which stored notifications events become public integration events, and in what form.

The proof of each notice (``NoticeRecord``) is published as "notice given", "notice
escalated" or, when a given notice bounced for good, "notice bounced" (it does not count as
given: ADR 0014, 0017): ids, dates and the content's hash, never names, addresses or content.
Each is translated from the event alone, by its class: the notice's ids travel on it (``about``).
The relay names the learner's UPN on each from the registry's facts kept here (``RegistryUpns``).
"""

from collections.abc import Callable, Collection
from datetime import date
from functools import singledispatch
from uuid import UUID

import sqlalchemy as sa
from eventsourcing.domain import DomainEventProtocol

from contracts import notifications as public
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator
from notifications.notices import store
from notifications.notices.evidence import About, NoticeRecord

#: The notice's record as it was when the event was recorded (for the ids, when the event does
#: not carry them, see ``_about``).
Earlier = Callable[[], NoticeRecord]


@singledispatch
def _public(event: DomainEventProtocol[UUID], earlier: Earlier) -> public.NoticeEvent | None:
    """Events that stay inside the service (the record's creation, its bounce reports)."""
    return None


@_public.register
def _(event: NoticeRecord.NoticeGiven, earlier: Earlier) -> public.NoticeEvent:
    window = event.window
    return public.NoticeGiven(
        notice_id=event.originator_id,
        **_about(event.about, earlier),
        channel=event.channel,
        content_sha256=event.content_sha256,
        delivered_at=event.delivered_at,
        given_on=event.given_on,
        window_kind=window["kind"] if window else None,
        window_rule=window["rule_id"] if window else None,
        window_until=date.fromisoformat(window["until"]) if window else None,
    )


@_public.register
def _(event: NoticeRecord.NoticeEscalated, earlier: Earlier) -> public.NoticeEvent:
    return public.NoticeEscalated(
        notice_id=event.originator_id,
        **_about(event.about, earlier),
        escalated_at=event.escalated_at,
    )


@_public.register
def _(event: NoticeRecord.NoticeNotGiven, earlier: Earlier) -> public.NoticeEvent:
    return public.NoticeBounced(
        notice_id=event.originator_id,
        **event.about,
        given_on=event.given_on,
        bounced_at=event.bounced_at,
    )


def _about(about: About | None, earlier: Earlier) -> About:
    # Fallback for events recorded before ``about`` was added to them: the record, as it was
    # then, has the ids. Remove once no such event is left to relay.
    return about if about is not None else earlier().about


def translator(app: ChainedApplication) -> Translator:
    """Each stored event to its public form (None: not published)."""

    def translate(recorded: RecordedEvent) -> Publication | None:
        def earlier() -> NoticeRecord:
            found: object = app.repository.get(
                recorded.originator_id, version=recorded.originator_version
            )
            assert isinstance(found, NoticeRecord)
            return found

        facts = _public(recorded.event, earlier)
        return Publication(facts, facts.learner_id) if facts is not None else None

    return translate


class RegistryUpns:
    """The learners' UPNs as the registry's facts (``learner-relations-recorded``) kept in
    this service's tables give them: what the relay names on each published notice event."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def learner_upn(self, learner_id: str) -> str | None:
        """The learner's UPN (None before the registry's facts about them with one arrived)."""
        return self.learner_upns([learner_id]).get(learner_id)

    def learner_upns(self, learner_ids: Collection[str]) -> dict[str, str]:
        """A relay batch's learners' UPNs, in one query."""
        with self._engine.connect() as conn:
            return store.upns(conn, learner_ids)
