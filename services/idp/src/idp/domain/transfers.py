"""Which transfers of a plan are lawful (docs/domain.md sections 2 and 8). Pure rules, no state."""

from idp.domain.errors import (
    DeadlineRequiredError,
    SameMaintainerError,
    TransferNotAllowedError,
    WrongDeadlineError,
)
from idp.domain.values import Maintainer, MaintainerKind, TransferReason
from llwybr.clock import Deadline

FEI_ANSWER_RULE = "D13"  # the FEI answers an LA's request to take a plan over

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
        case TransferReason.LA_TO_FEI:
            if current.kind != MaintainerKind.LOCAL_AUTHORITY:
                raise TransferNotAllowedError("only an LA's plan goes from the LA to an FEI")
            if deadline is None:
                raise DeadlineRequiredError("the FEI answers the LA's request on the D13 clock")
            if deadline.rule_id != FEI_ANSWER_RULE:
                raise WrongDeadlineError(f"the FEI's answer runs under D13, not {deadline.rule_id}")
    return looked_after
