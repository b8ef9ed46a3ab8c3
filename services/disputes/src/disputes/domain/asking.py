"""Whose decision a family (or a governing body) may ask the LA to reconsider, and who may ask
(docs/domain.md sections 6 and 11; Act ss.26-28, 32): a school's, on any of R1-R4; an FEI's
IDP, for the LA to take it over (R3, s.28(1)(a)), asked by the young person or a parent. An
LA's decisions go to the Tribunal instead."""

from disputes.domain.errors import NoStandingError, NotASchoolDecisionError
from disputes.domain.values import (
    MAY_ASK,
    SCHOOL_PREFIX,
    DecidingBodyKind,
    Party,
    ReconsiderationKind,
    require_organisation,
)

FEI_PREFIX = "fei:"


def check_request(
    kind: ReconsiderationKind,
    decided_by_kind: DecidingBodyKind,
    body: str,
    requested_by_kind: Party,
) -> None:
    """Raise unless ``requested_by_kind`` may ask the LA to reconsider ``body``'s decision of
    kind ``decided_by_kind`` on ``kind``."""
    fei_take_over = kind is ReconsiderationKind.R3 and decided_by_kind is DecidingBodyKind.FEI
    if fei_take_over:
        require_organisation(body, (FEI_PREFIX,), "the FEI")
        if requested_by_kind is not Party.FAMILY:
            raise NoStandingError(
                "the young person or a parent asks the LA to take over an FEI's IDP"
            )
        return
    if decided_by_kind != DecidingBodyKind.SCHOOL or not body.startswith(SCHOOL_PREFIX):
        # an LA's decisions, and an FEI's other than its IDP, go straight to the Tribunal
        raise NotASchoolDecisionError(
            f"only a school's decision (or an FEI's IDP, for the LA to take it over) can be "
            f"reconsidered by the LA, not a {decided_by_kind.value}'s ({body})"
        )
    require_organisation(body, (SCHOOL_PREFIX,), "school")
    if requested_by_kind not in MAY_ASK[kind]:
        raise NoStandingError(
            f"a {requested_by_kind.value} cannot ask for an {kind.value} reconsideration"
        )
