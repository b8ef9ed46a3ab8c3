"""An LA asks an FEI to maintain the LA's plan for a young person (Act s.36, Regs 13-14): the
FEI's duty arises only on its agreement, or on the Welsh Ministers' determination when it
refuses; the FEI answers within 20 term-time days from its receipt of the request (D13).
Until then the LA maintains the plan (docs/domain.md section 11).

Each event class here is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.<Event>``.
"""

from copy import deepcopy
from datetime import date
from typing import Any

from idp.domain.errors import (
    DateOutOfOrderError,
    IdpInvalidTransitionError,
    TransferNotAllowedError,
)
from idp.domain.state import TRANSFER, PlanEvent
from idp.domain.transfers import FEI_ANSWER_RULE, Transferring
from idp.domain.values import Maintainer, MaintainerKind, TransferReason
from llwybr.clock import Deadline

PENDING, AGREED, REFUSED = "pending", "agreed", "refused"
DETERMINED_FEI, DETERMINED_LA = "determined_fei", "determined_la"
#: Where a request leaves the FEI to maintain the plan.
FEI_MAINTAINS = frozenset({AGREED, DETERMINED_FEI})


class AskingFei(Transferring):
    """The LA's request to an FEI, its answer, and the Welsh Ministers' determination."""

    fei_request: dict[str, Any] | None

    class FeiAsked(PlanEvent):
        fei: dict[str, Any]
        requested_on: date
        received_on: date
        deadline: dict[str, Any]

    def ask_fei(
        self, *, fei: Maintainer, requested_on: date, received_on: date, deadline: Deadline
    ) -> None:
        """The LA maintaining the plan asks ``fei`` to maintain it; ``deadline`` is the FEI's
        D13 clock from ``received_on``, the day the FEI received the request."""
        self._require_issued()
        if self.maintaining_body.kind is not MaintainerKind.LOCAL_AUTHORITY:
            raise TransferNotAllowedError("only an LA's plan goes from the LA to an FEI")
        if fei.kind is not MaintainerKind.FEI:
            raise TransferNotAllowedError(f"an LA asks an FEI, not a {fei.kind.value}")
        if self.fei_request is not None and self.fei_request["status"] == PENDING:
            raise IdpInvalidTransitionError("the FEI has not answered the LA's last request")
        self._require_on_or_after_last(requested_on, "the request")
        if received_on < requested_on:
            raise DateOutOfOrderError("the FEI cannot receive the request before it was made")
        self._require_deadline(deadline, FEI_ANSWER_RULE, received_on, "the FEI's answer")
        self._ask_fei(fei=fei.as_dict(), requested_on=requested_on, received_on=received_on,
                      deadline=deadline.as_dict())  # fmt: skip

    def _ask_fei(
        self, fei: dict[str, Any], requested_on: date, received_on: date, deadline: dict[str, Any]
    ) -> None:
        self.fei_request = {
            "fei": deepcopy(fei),
            "requested_on": requested_on,
            "received_on": received_on,
            "status": PENDING,
            "answered_on": None,
        }
        self.deadlines[TRANSFER] = deepcopy(deadline)
        self.last_dated_on = requested_on

    class FeiAnswered(PlanEvent):
        """The FEI agreed to maintain the plan, or refused; or the Welsh Ministers determined
        whether it must (``status``)."""

        status: str
        answered_on: date

    def answer_fei_request(self, *, agreed: bool, answered_on: date) -> None:
        """The FEI's answer: agreeing, it maintains the plan from ``answered_on``; refusing,
        the LA may refer the question to the Welsh Ministers."""
        self._settle(PENDING, AGREED if agreed else REFUSED, answered_on)

    def record_ministers_determination(self, *, fei_maintains: bool, determined_on: date) -> None:
        """The Welsh Ministers' determination on the LA's referral, after the FEI refused:
        whether the FEI must maintain the plan."""
        self._settle(REFUSED, DETERMINED_FEI if fei_maintains else DETERMINED_LA, determined_on)

    def _settle(self, expected: str, status: str, on: date) -> None:
        request = self.fei_request
        if request is None or request["status"] != expected:
            now = "no request" if request is None else f"the request is {request['status']}"
            raise IdpInvalidTransitionError(f"{now}: nothing to settle as {status}")
        self._require_not_ended()
        if on < request["received_on"]:
            raise DateOutOfOrderError(f"{status} ({on}) cannot precede the FEI's receipt")
        self._require_on_or_after_last(on, status)
        self._answer_fei(status=status, answered_on=on)
        if status in FEI_MAINTAINS:
            deadline = self.deadline(TRANSFER)
            self.transfer(
                to=Maintainer.from_dict(request["fei"]),
                reason=TransferReason.LA_TO_FEI,
                transferred_on=on,
                deadline=deadline,
            )

    def _answer_fei(self, status: str, answered_on: date) -> None:
        assert self.fei_request is not None
        self.fei_request["status"] = status
        self.fei_request["answered_on"] = answered_on
        self.last_dated_on = answered_on
