"""Which appeal window is enforced when a decision's family notices bounced (ADR 0017, as
corrected): the LA's own recorded notice still opens its window; with none recorded, no
notice was given, so no window runs (docs/domain.md section 11: a bounced notice was not
given; ETW Regs reg 10: the period begins with the notice). The pure rule, then the service."""

import uuid
from datetime import date

import pytest

from disputes.application import DisputesService
from disputes.domain import OutsideWindowError
from disputes.domain.notices import window_in_force
from llwybr.clock import DEFAULT_RULES, Deadline, compute_deadline

from .test_notices import bounce, decided, given, learn, lodge, service
from .test_publisher import TRIBUNAL

__all__ = ["service"]  # the fixture, shared


def d18(notice_on: date) -> Deadline:
    return compute_deadline(DEFAULT_RULES, "D18", notice_on)


DECIDED, RECORDED, EMAILED = (
    d18(date(2026, 11, 25)),
    d18(date(2026, 11, 30)),
    d18(date(2026, 12, 6)),
)


def test_the_later_of_the_recorded_and_the_family_window_applies() -> None:
    both = window_in_force(recorded=RECORDED, presumed=DECIDED, family=EMAILED,
                           family_learned=True)  # fmt: skip
    assert both == EMAILED
    only_recorded = window_in_force(recorded=RECORDED, presumed=DECIDED, family=None,
                                    family_learned=True)  # fmt: skip
    assert only_recorded == RECORDED  # every family notice bounced: the LA's own notice


def test_no_window_runs_when_every_family_notice_bounced_and_none_was_recorded() -> None:
    assert window_in_force(recorded=None, presumed=DECIDED, family=None,
                           family_learned=True) is None  # fmt: skip


def test_the_decision_day_is_presumed_only_while_nothing_is_known_of_any_notice() -> None:
    assert window_in_force(recorded=None, presumed=DECIDED, family=None,
                           family_learned=False) == DECIDED  # fmt: skip


def bounced_all(service: DisputesService, case_id: uuid.UUID) -> None:
    """The LA's email of its decision, given on 30 November, bounced the next day."""
    first = uuid.uuid4()
    learn(service, given(case_id, date(2026, 11, 30), date(2027, 1, 25), first))
    learn(service, bounce(case_id, first))


def test_with_every_notice_bounced_the_las_recorded_notice_still_bounds_the_appeal(
    service: DisputesService,
) -> None:
    case_id = decided(service, noticed_on=date(2026, 12, 2))  # the LA posted it too
    bounced_all(service, case_id)
    with pytest.raises(OutsideWindowError):
        lodge(service, case_id, date(2027, 1, 28))
    assert lodge(service, case_id, d18(date(2026, 12, 2)).due_on)


def test_with_every_notice_bounced_and_none_recorded_no_window_has_started(
    service: DisputesService,
) -> None:
    case_id = decided(service, noticed_on=None)  # decided 25 November: presumed until 20 Jan
    bounced_all(service, case_id)
    appeal_id = lodge(service, case_id, date(2027, 3, 1))  # the family was never told
    appeal = service.appeal(TRIBUNAL, appeal_id)
    assert (appeal.window_until, appeal.late) == (None, False)


def test_with_nothing_known_of_any_notice_the_decision_day_is_presumed(
    service: DisputesService,
) -> None:
    case_id = decided(service, noticed_on=None)
    with pytest.raises(OutsideWindowError):
        lodge(service, case_id, date(2027, 3, 1))
