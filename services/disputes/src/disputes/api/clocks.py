"""The duties a case view judges the way ``/v1/reminders`` judges them (``llwybr.clock.state``):
the LA's decision on a reconsideration (met when decided) and each Tribunal order with a date
to comply by (met when complied with). A family's windows (to appeal, to ask for a review) are
shown as computed (``provisional`` included): they are rights, not duties that can be missed."""

from datetime import date
from typing import Any

from disputes.domain import Appeal, OrderStatus, Reconsideration
from llwybr.clock import ClockState, Stopped, read_deadline, read_due


def reconsideration_deadlines(case: Reconsideration, today: date) -> dict[str, Any]:
    """``decision``: the LA's deadline to decide, with its ``state`` on ``today``."""
    decided = case.decision
    stopped = Stopped(ClockState.MET, decided.decided_on) if decided is not None else None
    deadline = case.deadline
    return {"decision": deadline.as_dict() | read_deadline(deadline, today, stopped).as_dict()}


def appeal_deadlines(appeal: Appeal, today: date) -> dict[str, Any]:
    """``order:<id>``: each order with a date to comply by, with its ``state`` on ``today``; an
    order with no date has no deadline to judge."""
    deadlines: dict[str, Any] = {}
    for order_id, record in appeal.orders.items():
        comply_by = record.order.comply_by
        if comply_by is None:
            continue
        met = [c.complied_on for c in record.compliance if c.met]
        stopped = None
        if record.status == OrderStatus.COMPLIED and met:
            stopped = Stopped(ClockState.MET, met[0])
        reading = read_due(comply_by, today, stopped)
        deadlines[f"order:{order_id}"] = {
            "due_on": comply_by.isoformat(),
            "provisional": False,  # a date the Tribunal set
            **reading.as_dict(),
        }
    return deadlines
