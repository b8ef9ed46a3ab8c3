"""Who may see and act on which plans (organisation scoping for IDPs).

The maintaining body acts on its plan; organisations the plan involves (NHS bodies securing
ALP, earlier maintainers, those who asked for a review) may read it; an LA reads the plans of
its schools and FEIs (establishment numbers start with the LA's number) and those it
maintains; an auditor reads and never writes.
"""

from idp.domain import Idp
from llwybr.principal import Principal
from llwybr.problems import ProblemError


def involved(plan: Idp) -> set[str]:
    found = {plan.maintainer["organisation"]}
    found.update(t["from"]["organisation"] for t in plan.transfers)
    found.update(e.provider_organisation for e in plan.draft_elements())
    for version in plan.versions:
        found.update(e["provider_organisation"] for e in version["content"]["alp"])
    found.update(r["organisation_or_person"] for r in plan.review_requests)
    found.update(d["local_authority"] for d in plan.revision_directions)
    return found


def may_read(principal: Principal, plan: Idp) -> bool:
    if principal.kind == "auditor":
        return True
    organisations = involved(plan)
    if principal.organisation in organisations:
        return True
    if principal.kind == "la":
        return any(o.partition(":")[2].startswith(principal.org_id) for o in organisations)
    return False


def require_read(principal: Principal, plan: Idp) -> None:
    if not may_read(principal, plan):
        raise ProblemError(404, "Not Found", f"no IDP {plan.id}", kind="not-found")


def require_maintainer(principal: Principal, plan: Idp, *, drafting: bool = False) -> None:
    """Only the maintaining body changes the plan (auditors never write). ``drafting``: the
    draft and its revision, which an LA whose reconsideration directed a revision also makes."""
    require_read(principal, plan)
    editors = {plan.maintainer["organisation"]}
    if drafting and plan.revising_authority is not None:
        editors.add(plan.revising_authority)
    if principal.organisation not in editors:
        raise ProblemError(
            403,
            "Forbidden",
            f"{plan.maintainer['organisation']} maintains this plan, not {principal.organisation}",
            kind="not-maintainer",
        )
