"""The console's pure parts: its words, the timeline's layout, the next action."""

from datetime import date
from typing import Any

from gateway.console.pages import next_deadline
from gateway.console.timeline import draw
from gateway.console.words import LANGUAGES, TERMS, WORDS


def test_every_word_is_in_welsh_and_english() -> None:
    for key, texts in {**WORDS, **TERMS}.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_the_timeline_starts_the_day_before_the_first_event() -> None:
    items = [
        {
            "service": "determination",
            "event": "ConcernRaised",
            "recorded_at": "2026-03-02T09:00:00Z",
        },
        {"service": "idp", "event": "Issued", "recorded_at": "2026-05-04T10:00:00+00:00"},
    ]
    drawing = draw(items, None, date(2026, 6, 1))
    assert drawing.first == date(2026, 3, 1)
    assert drawing.as_of == date(2026, 6, 1)
    assert [m.future for m in drawing.marks] == [False, False]
    assert drawing.marks[1].y > drawing.marks[0].y  # a lane per service
    on_the_day = draw(items, date(2026, 3, 2), date(2026, 6, 1))
    assert [m.future for m in on_the_day.marks] == [False, True]
    assert on_the_day.as_of_offset == 1


def test_the_next_action_is_the_soonest_deadline_still_owed() -> None:
    decision = {"due_on": "2026-04-22", "state": "missed", "rule_id": "D1"}
    case: dict[str, Any] = {
        "deciding_body": {"kind": "school", "organisation": "school:6652001"},
        "deadlines": {
            "decision": decision,
            "consent": {"due_on": "2026-03-01", "state": "met", "rule_id": "C1"},
        },
    }
    found = next_deadline(case)
    assert found is not None
    assert found["name"] == "decision"
    assert found["owed_by"] == "school:6652001"
    decision["state"] = "met"
    assert next_deadline(case) is None


def test_statistics_bars_share_one_scale() -> None:
    from gateway.console.statistics import BAR_WIDTH, bars, own_authority

    drawn = bars({"decisions": 10, "decisions_within_time": 8, "open_cases": 4})
    assert [(b.key, b.count) for b in drawn] == [("in_time", 8), ("late", 2), ("still_open", 4)]
    assert drawn[0].width == BAR_WIDTH
    assert drawn[1].width == BAR_WIDTH / 4
    assert own_authority("auditor:665") == "665"
    assert own_authority("auditor:wales") is None
    assert own_authority("school:6652001") is None


def test_a_breakdown_stacks_in_time_and_late_on_one_scale() -> None:
    from gateway.console.statistics import BAR_WIDTH, breakdown

    rows = breakdown(
        [
            {"month": "2026-03", "decisions": 4, "decisions_within_time": 3},
            {"month": "2026-04", "decisions": 2, "decisions_within_time": 0},
        ],
        "month",
    )
    assert [(r.label, r.in_time, r.late) for r in rows] == [("2026-03", 3, 1), ("2026-04", 0, 2)]
    assert rows[0].in_time_width + rows[0].late_width == BAR_WIDTH  # the largest fills it
    assert rows[1].late_width == BAR_WIDTH / 2
    assert breakdown([], "outcome") == []
