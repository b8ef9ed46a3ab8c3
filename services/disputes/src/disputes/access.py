"""Who may see and act on which disputes case (organisation scoping).

An LA records and decides the reconsiderations of its schools' decisions (a governing body may
itself ask for an R3 take-over), and a school sees those about its decisions; the Tribunal
records appeals and decides them, the respondent and the NHS bodies recommended to see them;
the LA or FEI ordered reports its compliance; the LA keeps its disagreement resolution and
advocacy records, which the parties' organisations may read. Auditors read, never write.
Existence itself is sensitive: a case the caller may not see is reported as not found.
"""

from uuid import UUID

from disputes.domain import Advocacy, Appeal, DisagreementResolution, Reconsideration
from llwybr.principal import Principal
from llwybr.problems import ProblemError


def _not_found(kind: str, case_id: UUID) -> ProblemError:
    return ProblemError(404, "Not Found", f"no {kind} {case_id}", kind="not-found")


def _forbidden(detail: str) -> ProblemError:
    return ProblemError(403, "Forbidden", detail)


def _auditor_of(principal: Principal, local_authority: str) -> bool:
    return principal.kind == "auditor" and local_authority.endswith(principal.org_id)


# -- reconsiderations -------------------------------------------------------------------------


def school_authority(school: str) -> str:
    """The LA maintaining a school: its number starts the school's establishment number."""
    return f"la:{school.partition(':')[2][:3]}"


def require_may_ask(principal: Principal, school: str, governing_body: bool) -> None:
    """The LA records a family's request; a governing body may ask (for itself) in person."""
    if principal.kind != "la" and not (governing_body and principal.organisation == school):
        raise _forbidden("the LA records a family's request")
    school_la = school_authority(school)
    if principal.kind == "la" and principal.organisation != school_la:
        raise _forbidden(f"{school_la} reconsiders this school's decisions")


def require_read(principal: Principal, case: Reconsideration) -> None:
    seen_by = {case.school, case.local_authority}
    if principal.organisation not in seen_by and principal.kind != "auditor":
        raise _not_found("reconsideration", case.id)


def require_la(principal: Principal, case: Reconsideration) -> None:
    """The case is visible to the caller, and the caller is the LA that reconsiders it."""
    require_read(principal, case)
    if principal.organisation != case.local_authority:
        raise _forbidden(f"{case.local_authority} reconsiders this decision")


# -- appeals ----------------------------------------------------------------------------------


def require_read_appeal(principal: Principal, appeal: Appeal) -> None:
    if principal.kind in {"tribunal", "auditor"}:
        return
    if principal.organisation not in {appeal.respondent, *appeal.nhs_bodies}:
        raise _not_found("appeal", appeal.id)


def require_tribunal(principal: Principal) -> None:
    if principal.kind != "tribunal":
        raise _forbidden("only the Education Tribunal for Wales does this")


def require_tribunal_on(principal: Principal, appeal: Appeal) -> None:
    """The appeal is visible to the caller, who is the Tribunal."""
    require_read_appeal(principal, appeal)
    require_tribunal(principal)


def require_ordered(principal: Principal, appeal: Appeal, order_id: str) -> None:
    """The appeal is visible to the caller, who is the body the order is addressed to."""
    require_read_appeal(principal, appeal)
    if principal.organisation != appeal.order(order_id).addressed_to:
        raise _forbidden("the body ordered reports its compliance")


# -- the LA's arrangements --------------------------------------------------------------------


def require_la_kind(principal: Principal) -> None:
    """Only an LA makes disagreement resolution and advocacy arrangements."""
    if principal.kind != "la":
        raise _forbidden("the LA makes these arrangements")


def require_read_case(principal: Principal, case: DisagreementResolution) -> None:
    parties = {p.organisation for p in case.parties if p.organisation}
    readers = {case.local_authority, *parties}
    if principal.organisation not in readers and not _auditor_of(principal, case.local_authority):
        raise _not_found("case", case.id)


def require_read_advocacy(principal: Principal, advocacy: Advocacy) -> None:
    local_authority = advocacy.local_authority
    if principal.organisation != local_authority and not _auditor_of(principal, local_authority):
        raise _not_found("advocacy", advocacy.id)


def _require_keeper(principal: Principal, local_authority: str) -> None:
    if principal.organisation != local_authority:
        raise _forbidden(f"{local_authority} keeps this record")


def require_case_keeper(principal: Principal, case: DisagreementResolution) -> None:
    """The case is visible to the caller, who is the LA that keeps it."""
    require_read_case(principal, case)
    _require_keeper(principal, case.local_authority)


def require_advocacy_keeper(principal: Principal, advocacy: Advocacy) -> None:
    """The advocacy is visible to the caller, who is the LA that keeps it."""
    require_read_advocacy(principal, advocacy)
    _require_keeper(principal, advocacy.local_authority)


# -- read models ------------------------------------------------------------------------------


def require_jurisdiction(principal: Principal, local_authority: str) -> None:
    """An LA's cases are read by the LA and its auditors."""
    if principal.organisation != local_authority and not _auditor_of(principal, local_authority):
        raise _forbidden("an LA's cases are its own and its auditors'")
