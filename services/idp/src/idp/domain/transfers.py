"""Transfers of a plan to another body, and which are lawful (docs/domain.md sections 2 and 8).

``Transferred`` is bound to the method that applies it in ``Idp`` (``idp.domain.plan``), so it
is stored as ``Idp.Transferred``.
"""

from copy import deepcopy
from datetime import date
from typing import Any

from idp.domain.errors import (
    DeadlineRequiredError,
    SameMaintainerError,
    TransferNotAllowedError,
    WrongDeadlineError,
)
from idp.domain.state import TRANSFER, PlanEvent, PlanState
from idp.domain.values import Maintainer, MaintainerKind, TransferReason, as_enum
from llwybr.clock import Deadline, RuleId

FEI_ANSWER_RULE = RuleId.D13  # the FEI answers an LA's request to take a plan over

# Who may maintain the plan after each kind of transfer.
TARGETS: dict[TransferReason, frozenset[MaintainerKind]] = {
    TransferReason.SCHOOL_MOVE: frozenset({MaintainerKind.SCHOOL}),
    TransferReason.DUAL_REGISTRATION: frozenset({MaintainerKind.LOCAL_AUTHORITY}),
    TransferReason.BECOMES_LOOKED_AFTER: frozenset({MaintainerKind.LA_LOOKING_AFTER}),
    TransferReason.CEASES_LOOKED_AFTER: frozenset(
        {MaintainerKind.SCHOOL, MaintainerKind.FEI, MaintainerKind.LOCAL_AUTHORITY}
    ),
    TransferReason.LA_TAKE_OVER: frozenset({MaintainerKind.LOCAL_AUTHORITY}),
    TransferReason.LA_TO_FEI: frozenset({MaintainerKind.FEI}),
    TransferReason.LA_DIRECTION: frozenset({MaintainerKind.SCHOOL}),
}


def check_transfer(
    *,
    current: Maintainer,
    to: Maintainer,
    reason: TransferReason,
    looked_after: bool,
    deadline: Deadline | None,
    draft_has_la_extras: bool,
) -> bool:
    """Raise if the transfer is not allowed; else whether the learner is looked after after it."""
    if to == current:
        raise SameMaintainerError(f"{to.organisation} already maintains the plan")
    if to.kind not in TARGETS[reason]:
        raise TransferNotAllowedError(f"a {reason.value} does not go to a {to.kind.value}")
    if draft_has_la_extras and not to.is_local_authority:
        # s.14: a plan naming a place or board and lodging stays with an LA
        raise TransferNotAllowedError(
            "the draft has LA-only provision: clear it with set_la_extras(None) first"
        )
    match reason:
        case TransferReason.BECOMES_LOOKED_AFTER:
            if looked_after:
                raise TransferNotAllowedError("the learner is already looked after")
            return True
        case TransferReason.CEASES_LOOKED_AFTER:
            if not looked_after:
                raise TransferNotAllowedError("the learner is not looked after")
            return False
        case TransferReason.LA_DIRECTION:
            if not current.is_local_authority:
                raise TransferNotAllowedError("only an LA directs a school to maintain its plan")
        case TransferReason.LA_TO_FEI:
            if current.kind != MaintainerKind.LOCAL_AUTHORITY:
                raise TransferNotAllowedError("only an LA's plan goes from the LA to an FEI")
            if deadline is None:
                raise DeadlineRequiredError("the FEI answers the LA's request on the D13 clock")
            if deadline.rule_id != FEI_ANSWER_RULE:
                raise WrongDeadlineError(f"the FEI's answer runs under D13, not {deadline.rule_id}")
    return looked_after


class Transferring(PlanState):
    """Another body becomes responsible for the plan."""

    class Transferred(PlanEvent):
        to: dict[str, Any]
        reason: str
        transferred_on: date
        deadline: dict[str, Any] | None
        looked_after: bool
        # The maintainer before: a public fact (``idp.publisher``); None on events stored
        # before it was carried.
        from_maintainer: dict[str, Any] | None = None

    def transfer(
        self,
        *,
        to: Maintainer,
        reason: TransferReason,
        transferred_on: date,
        deadline: Deadline | None = None,
    ) -> None:
        """Another body becomes responsible for the plan. For ``la_to_fei``, ``deadline`` is
        the D13 clock for the FEI's answer."""
        reason = as_enum(TransferReason, reason, "reason")
        self._require_not_ended()
        request = getattr(self, "fei_request", None)
        if reason is TransferReason.LA_TO_FEI and (
            request is None or request["status"] not in {"agreed", "determined_fei"}
        ):
            # s.36: the FEI's duty arises on its agreement or the Welsh Ministers' determination
            raise TransferNotAllowedError(
                "an LA's plan goes to an FEI only once the FEI agreed to the LA's request, or the "
                "Welsh Ministers determined it must (ask_fei)"
            )
        looked_after = check_transfer(
            current=self.maintaining_body,
            to=to,
            reason=reason,
            looked_after=self.looked_after,
            deadline=deadline,
            draft_has_la_extras=self.draft["la_extras"] is not None,
        )
        self._require_on_or_after_last(transferred_on, "the transfer")
        self._transfer(
            to=to.as_dict(),
            reason=reason.value,
            transferred_on=transferred_on,
            deadline=deadline.as_dict() if deadline is not None else None,
            looked_after=looked_after,
            from_maintainer=deepcopy(self.maintainer),
        )

    def _transfer(
        self,
        to: dict[str, Any],
        reason: str,
        transferred_on: date,
        deadline: dict[str, Any] | None,
        looked_after: bool,
        from_maintainer: dict[str, Any] | None = None,
    ) -> None:
        before = deepcopy(from_maintainer) if from_maintainer is not None else self.maintainer
        self.transfers.append(
            {"from": before, "to": deepcopy(to), "reason": reason, "transferred_on": transferred_on}
        )
        self.maintainer = deepcopy(to)
        self.looked_after = looked_after
        if not looked_after:
            self.draft["lac_details"] = None  # no longer part of a personal education plan
        if deadline is not None:
            self.deadlines[TRANSFER] = deepcopy(deadline)
        self.last_dated_on = transferred_on
