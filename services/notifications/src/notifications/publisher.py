"""Which stored notifications events become public integration events, and in what form.

The proof of each notice (``NoticeRecord``) is published as "notice given" or "notice
escalated": ids, dates and the content's hash, never names, addresses or content.
"""

from typing import Any

from contracts import notifications as public
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator
from notifications.notices.evidence import NoticeRecord


def _public(record: NoticeRecord, name: str, state: dict[str, Any]) -> public.NoticeEvent | None:
    ids = {
        "notice_id": record.id,
        "learner_id": record.learner_id,
        "kind": record.kind,
        "subject_id": record.subject_id,
        "issuer": record.issuer,
        "recipient_role": record.recipient_role,
        "recipient_organisation": record.recipient_organisation,
    }
    if name == "NoticeGiven":
        window = state["window"] or {}
        return public.NoticeGiven(
            **ids,
            channel=state["channel"],
            content_sha256=state["content_sha256"],
            delivered_at=state["delivered_at"],
            given_on=state["given_on"],
            window_kind=window.get("kind"),
            window_rule=window.get("rule_id"),
            window_until=window.get("until"),
        )
    if name == "NoticeEscalated":
        return public.NoticeEscalated(**ids, escalated_at=state["escalated_at"])
    return None


def translator(app: ChainedApplication) -> Translator:
    def translate(recorded: RecordedEvent) -> Publication | None:
        event = recorded.event
        if not isinstance(event, NoticeRecord.Event):
            return None
        record: NoticeRecord = app.repository.get(
            recorded.originator_id, version=recorded.originator_version
        )
        facts = _public(record, type(event).__name__, dict(vars(event)))
        return Publication(facts, record.learner_id) if facts is not None else None

    return translate
