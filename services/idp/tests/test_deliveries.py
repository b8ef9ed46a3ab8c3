"""The delivery ledger (issue 24): records count their sessions and minutes, a repeat counts
once, and a record with other figures for the same session is a conflict."""

from datetime import date
from typing import Any

import pytest

from idp.domain import DeliveryConflictError, InvalidPlanContentError
from idp.domain.deliveries import Language

from .plans import issued

ON = date(2026, 4, 14)


def test_a_record_counts_its_sessions_minutes_key_and_language() -> None:
    idp = issued()
    assert idp.record_delivery(
        element_id="e1", on=ON, delivered=True, sessions=3, minutes=90, missed_reason=None,
        recorded_by="school:6652001", key="week-16", language=Language.ENGLISH,
    )  # fmt: skip
    (record,) = idp.delivery_records("e1")
    assert (record["sessions"], record["minutes"], record["key"], record["language"]) == (
        3, 90, "week-16", "en"
    )  # fmt: skip


def test_a_repeated_record_is_kept_once_and_another_key_is_another_record() -> None:
    idp = issued()
    record: dict[str, Any] = {
        "element_id": "e1", "on": ON, "delivered": True, "sessions": 1, "minutes": 30,
        "missed_reason": None, "recorded_by": "school:6652001",
    }  # fmt: skip
    assert idp.record_delivery(**record)
    assert not idp.record_delivery(**record)
    assert idp.record_delivery(**record, key="pm")
    assert [r["key"] for r in idp.delivery_records("e1")] == ["", "pm"]


def test_a_record_for_the_same_session_with_other_figures_is_a_conflict() -> None:
    idp = issued()
    idp.record_delivery(
        element_id="e1", on=ON, delivered=True, sessions=1, minutes=30, missed_reason=None,
        recorded_by="school:6652001",
    )  # fmt: skip
    with pytest.raises(DeliveryConflictError, match="another key"):
        idp.record_delivery(
            element_id="e1", on=ON, delivered=True, sessions=1, minutes=20, missed_reason=None,
            recorded_by="school:6652001",
        )  # fmt: skip
    assert len(idp.delivery_records("e1")) == 1


@pytest.mark.parametrize(("sessions", "minutes"), [(0, 30), (1, 0), (1, -5)])
def test_a_delivered_record_of_nothing_is_refused(sessions: int, minutes: int) -> None:
    idp = issued()
    with pytest.raises(InvalidPlanContentError):
        idp.record_delivery(
            element_id="e1", on=ON, delivered=True, sessions=sessions, minutes=minutes,
            missed_reason=None, recorded_by="school:6652001",
        )  # fmt: skip
    assert idp.delivery_records("e1") == []


def test_the_provider_of_an_element_is_that_of_the_version_in_force() -> None:
    idp = issued()
    assert idp.provider_of("e1") == "school:6652001"
    assert idp.provider_of("nope") is None
