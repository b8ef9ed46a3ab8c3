"""The proof-of-notice record: its events' stored topics and their in-force dates."""

from eventsourcing.utils import get_topic

from llwybr.in_force import unmapped
from notifications.main import SPEC
from notifications.notices.evidence import NoticeRecord


def test_the_events_keep_the_topics_they_were_stored_under() -> None:
    assert [get_topic(e) for e in SPEC.in_force] == [
        f"notifications.notices.evidence:NoticeRecord.{name}"
        for name in (
            "NoticeGiven",
            "NoticeCreated",
            "NoticeEscalated",
            "NoticeBounced",
            "NoticeNotGiven",
        )
    ]


def test_every_event_has_its_in_force_date_named() -> None:
    assert unmapped([NoticeRecord], SPEC.in_force) == []
