# ruff: noqa: RUF001  (the typographic apostrophe is part of the Welsh and English text)
"""The IDP's preparation deadline recounted by the IDP service when the school's calendar is
published (``idp.deadline-recalculated``): the reminder follows it, and the family is told the
firm date their has-ALN notice promised, never a provisional one (docs/domain.md section 11).
The cease notice quotes D11 as the IDP service computed it, and a later D11 it runs (the notice
given after the decision, or again after a bounce) is told to the family."""

import uuid
from datetime import date

import pytest

from contracts import idp
from contracts.determination import DeadlineFacts
from llwybr.clock import DEFAULT_RULES, RuleId
from notifications.notices.model import Language, NoticeKind
from notifications.notices.planning import Move, Subject, plan
from notifications.notices.windows import WindowKind, window_for

from .notice_facts import FACTS
from .test_notice_contents import text_of

PLAN = uuid.UUID("00000000-0000-4000-8000-00000000000b")
SCHOOL, LEARNER = "school:6652001", "learner-1"
KNOWN = Subject(str(PLAN), "idp", SCHOOL, "school")


def recalculated(
    due: date, *, provisional: bool, before: date, was_provisional: bool, key: str = "preparation"
) -> idp.DeadlineRecalculated:
    deadline = DeadlineFacts(
        rule_id=RuleId.D1, rule_table_version="2026.1", unit="school_days", length=35,
        trigger_date=date(2026, 6, 15), due_on=due, calendar_id=None if provisional else SCHOOL,
        calendar_version=None if provisional else 1, provisional=provisional,
        explanation="35 school days from 15 June 2026",
    )  # fmt: skip
    return idp.DeadlineRecalculated(
        idp_id=PLAN, learner_id=LEARNER, deadline_key=key,
        previous_due_on=before, previous_provisional=was_provisional, deadline=deadline,
        reason="calendar school:6652001 published (version 1)",
    )  # fmt: skip


def test_a_date_made_firm_moves_the_reminder_and_tells_the_family_the_date() -> None:
    event = recalculated(date(2026, 9, 14), provisional=False, before=date(2026, 8, 3),
                         was_provisional=True)  # fmt: skip
    result = plan(event, KNOWN)
    [move] = result.deadlines
    assert move == Move(f"{PLAN}/preparation", RuleId.D1, date(2026, 9, 14), SCHOOL,
                        "35 school days from 15 June 2026", False)  # fmt: skip
    [notice] = result.notices
    assert (notice.kind, notice.issuer, notice.family) == (
        NoticeKind.IDP_DATE_CONFIRMED, SCHOOL, True
    )  # fmt: skip
    assert (notice.facts["due_on"], notice.facts["previous_provisional"]) == ("2026-09-14", True)


def test_a_firm_date_moved_by_a_correction_is_told_again() -> None:
    event = recalculated(date(2026, 9, 15), provisional=False, before=date(2026, 9, 14),
                         was_provisional=False)  # fmt: skip
    [notice] = plan(event, KNOWN).notices
    assert (notice.facts["previous_due_on"], notice.facts["due_on"]) == (
        "2026-09-14", "2026-09-15"
    )  # fmt: skip


@pytest.mark.parametrize(
    "event",
    [
        # still provisional: the family is never given a provisional date
        recalculated(date(2026, 8, 4), provisional=True, before=date(2026, 8, 3),
                     was_provisional=True),
        # the FEI's D13 is no date of the family's notice, and not watched here
        recalculated(date(2026, 9, 14), provisional=False, before=date(2026, 8, 3),
                     was_provisional=True, key="transfer"),
    ],
)  # fmt: skip
def test_no_family_notice_for_a_provisional_date_or_the_feis_answer(
    event: idp.DeadlineRecalculated,
) -> None:
    assert plan(event, KNOWN).notices == ()


def test_a_plan_never_opened_here_tells_nobody() -> None:
    event = recalculated(date(2026, 9, 14), provisional=False, before=date(2026, 8, 3),
                         was_provisional=True)  # fmt: skip
    assert plan(event, None).notices == ()


#: What the notice of a moved firm date says, per language: the date it replaces, the new one.
MOVED = {
    Language.ENGLISH: ("The date you were given before, 14 September 2026, no longer applies",
                       "15 September 2026", "school’s calendar was published"),
    Language.WELSH: ("Nid yw’r dyddiad a roddwyd i chi o’r blaen, 14 Medi 2026, yn berthnasol",
                     "15 Medi 2026", "calendr yr ysgol"),
}  # fmt: skip


def test_the_notice_of_a_moved_firm_date_says_which_date_it_replaces() -> None:
    kind = NoticeKind.IDP_DATE_CONFIRMED
    facts = {**FACTS[kind], "previous_due_on": "2026-09-14", "previous_provisional": False,
             "due_on": "2026-09-15"}  # fmt: skip
    for language, (replaced, due, first_time) in MOVED.items():
        text = text_of(kind, language, facts=facts)
        assert replaced in text
        assert due in text
        assert first_time not in text


# -- D11 as the IDP service publishes it -----------------------------------------------------


def ceased(until: date | None) -> idp.Ceased:
    return idp.Ceased(idp_id=PLAN, learner_id=LEARNER, decided_on=date(2026, 7, 31),
                      reconsideration_window_until=until, reasons="Needs met")  # fmt: skip


def test_the_cease_notice_quotes_d11_as_the_idp_service_computed_it_whatever_day_it_is_given() -> (
    None
):
    [notice] = plan(ceased(date(2026, 8, 28)), KNOWN).notices
    assert notice.facts["reconsideration_window_until"] == "2026-08-28"
    for given_on in (date(2026, 7, 31), date(2026, 8, 10)):  # never recounted from this day
        window = window_for(NoticeKind.IDP_CEASED, notice.facts, given_on, DEFAULT_RULES)
        assert window is not None
        assert (window.kind, window.until) == (
            WindowKind.RECONSIDERATION_REQUEST,
            date(2026, 8, 28),
        )


def recorded(window: date | None, told: date | None, given: date | None) -> idp.NoticeGivenRecorded:
    return idp.NoticeGivenRecorded(
        idp_id=PLAN, learner_id=LEARNER, notice_id="n-1", notice_kind="idp_ceased",
        given_on=given, bounced_on=None if given else date(2026, 8, 4),
        reconsideration_window_until=window, next_review_deadline=None, quoted_until=told,
    )  # fmt: skip


def test_a_later_d11_than_the_cease_notice_told_is_told_to_the_family() -> None:
    [notice] = plan(recorded(date(2026, 9, 1), date(2026, 8, 28), date(2026, 8, 3)), KNOWN).notices
    assert (notice.kind, notice.issuer, notice.family) == (
        NoticeKind.CEASE_WINDOW_CORRECTED, SCHOOL, True
    )  # fmt: skip
    window = window_for(notice.kind, notice.facts, date(2026, 8, 4), DEFAULT_RULES)
    assert window is not None
    assert (window.kind, window.until) == (WindowKind.RECONSIDERATION_REQUEST, date(2026, 9, 1))
    assert notice.facts["previous_due_on"] == "2026-08-28"


@pytest.mark.parametrize(
    "event",
    [
        recorded(date(2026, 8, 28), date(2026, 8, 28), date(2026, 7, 31)),  # as told
        recorded(date(2026, 8, 28), None, None),  # a bounce: D11 back, nobody told less
        recorded(date(2026, 9, 1), None, date(2026, 8, 3)),  # a notice that told no day
    ],
)
def test_no_correction_when_the_family_was_told_the_day_or_no_day(
    event: idp.NoticeGivenRecorded,
) -> None:
    assert plan(event, KNOWN).notices == ()
