"""Organisation scoping: who may see and act on which determinations, calendars and rules.

A school or FEI sees the cases of its own learners and those it raised; an LA those of learners
it is responsible for (or looks after); a health board the cases that asked it for evidence or
referred a learner to it; an auditor reads everything in its jurisdiction and writes nothing.
Existence itself is sensitive: a case a caller may not see is reported as not found.

The service layer applies these rules to the case it loaded for the command (one read).
"""

from collections.abc import Iterable
from typing import Any

from determination.domain import Determination, Learner
from llwybr.principal import Principal
from llwybr.problems import ProblemError

WHOLE_OF_WALES = "wales"


def learner_organisations(learner: dict[str, Any]) -> set[str]:
    """The learner's own setting and the LAs responsible for or looking after them."""
    found = {f"la:{learner['local_authority']}"}
    if learner.get("setting_id"):
        kind = "fei" if learner["setting"] == "further_education" else "school"
        found.add(f"{kind}:{learner['setting_id']}")
    if learner.get("looking_after_authority") not in (None, "ENG"):
        found.add(f"la:{learner['looking_after_authority']}")
    return found


def organisations_of(case: Determination) -> set[str]:
    """Every organisation a case involves (the read model keeps the same set per case)."""
    found = learner_organisations(case.learner)
    found.update({case.raised_by, case.body["organisation"]})
    if case.referral_to_la:
        found.add(case.referral_to_la["from"]["organisation"])
    found.update(r["from_organisation"] for r in case.evidence_requests.values())
    found.update(r["nhs_body"] for r in case.nhs_referrals.values())
    found.update(e["submitted_by"] for e in case.evidence)
    decisions = [case.decision, *case.superseded_decisions] if case.decision else []
    found.update(d["decided_by"] for d in decisions if d.get("reconsideration_id"))
    return found


def may_read(principal: Principal, organisations: Iterable[str], local_authority: str) -> bool:
    if principal.kind == "auditor":
        return principal.org_id in (WHOLE_OF_WALES, local_authority)
    return principal.organisation in set(organisations)


def may_read_case(principal: Principal, case: Determination) -> bool:
    return may_read(principal, organisations_of(case), case.learner["local_authority"])


def require_read(principal: Principal, case: Determination) -> None:
    if not may_read_case(principal, case):
        raise ProblemError(404, "Not Found", f"no determination {case.id}", kind="not-found")


def require_write(principal: Principal, case: Determination, acting_as: str) -> None:
    """The caller may see the case, is not read-only, and acts for itself."""
    require_read(principal, case)
    require_acting_as(principal, acting_as)


def require_acting_as(principal: Principal, organisation: str) -> None:
    if principal.kind == "auditor":
        raise ProblemError(403, "Forbidden", "auditors read; they do not write", kind="read-only")
    if organisation != principal.organisation:
        raise ProblemError(
            403,
            "Forbidden",
            f"the caller acts for {principal.organisation}, not {organisation}",
            kind="acting-for-another",
        )


def require_may_raise(principal: Principal, learner: Learner) -> None:
    """A school or FEI raises concerns about its own learners; an LA about learners it is
    responsible for or looks after; an NHS body about any (Act s.64)."""
    kind, org_id = principal.kind, principal.org_id
    if kind in {"school", "fei"}:
        allowed = learner.setting_id == org_id
    elif kind == "la":
        allowed = org_id in (learner.local_authority, learner.looking_after_authority)
    else:
        allowed = kind in {"lhb", "nhs"}
    if not allowed:
        raise ProblemError(
            403,
            "Forbidden",
            f"{principal.organisation} cannot raise a concern about this learner",
            kind="not-responsible",
        )


def may_manage_calendar(principal: Principal, calendar_id: str) -> bool:
    """An LA sets its own calendar and its schools' and FEIs' (their ids start with its
    number); a school or FEI sets its own (its closures)."""
    kind, _, ident = calendar_id.partition(":")
    if principal.kind == "la":
        return ident == principal.org_id if kind == "la" else ident.startswith(principal.org_id)
    return principal.organisation == calendar_id


def require_may_set_calendar(principal: Principal, calendar_id: str, set_by: str) -> None:
    require_acting_as(principal, set_by)
    if not may_manage_calendar(principal, calendar_id):
        raise ProblemError(403, "Forbidden", f"{set_by} cannot set {calendar_id}", kind="scope")


def require_may_correct_rules(principal: Principal, corrected_by: str) -> None:
    require_acting_as(principal, corrected_by)
    if principal.kind != "system":
        raise ProblemError(403, "Forbidden", "only the system administrator corrects rules")


def require_may_see_statistics(principal: Principal, local_authority: str) -> None:
    """An LA's statistics are its own and its auditors'."""
    own = principal.kind == "la" and principal.org_id == local_authority
    audits = principal.kind == "auditor" and principal.org_id in (local_authority, WHOLE_OF_WALES)
    if not (own or audits):
        raise ProblemError(403, "Forbidden", "an LA's statistics are its own and its auditors'")
