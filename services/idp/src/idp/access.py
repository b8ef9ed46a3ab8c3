"""Who may see and act on which plans (organisation scoping for IDPs): the one access policy.

The maintaining body acts on its plan; organisations the plan involves (NHS bodies securing
ALP, earlier maintainers, those who asked for a review) may read it; an LA reads the plans of
its schools and FEIs (establishment numbers start with the LA's number) and those it
maintains; an auditor reads and never writes.
"""

from idp.domain import Idp, RevisionReason
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


def require_reviser(principal: Principal, plan: Idp, reason: RevisionReason) -> None:
    """The maintainer revises its plan; an LA revises a school's plan only to issue the
    revision its reconsideration directed (s.27)."""
    require_read(principal, plan)
    if principal.organisation != plan.maintainer["organisation"] and (
        reason is not RevisionReason.RECONSIDERATION
    ):
        raise ProblemError(
            403, "Forbidden", "an LA revises a school's plan only on its reconsideration (s.27)"
        )
    require_maintainer(principal, plan, drafting=True)


def require_acting_for(principal: Principal, organisation: str) -> None:
    """A plan's issuer or a delivery's recorder is the caller's own organisation."""
    if organisation != principal.organisation:
        raise ProblemError(403, "Forbidden", f"the caller acts for {principal.organisation}")


def require_own_nhs_request(principal: Principal, organisation: str) -> None:
    """An NHS body asks for a review in its own name."""
    if organisation != principal.organisation:
        raise ProblemError(403, "Forbidden", "an NHS body asks for a review in its own name")


def require_directing_authority(principal: Principal) -> None:
    """Only a local authority directs a plan to be opened (s.14)."""
    if principal.kind != "la":
        raise ProblemError(403, "Forbidden", "only a local authority directs a plan to be opened")


def list_scope(principal: Principal) -> tuple[str | None, str | None]:
    """(organisation, establishment prefix) of the plans a caller may list: a maintainer its
    plans; an LA its own and its schools' and FEIs'; an auditor all."""
    organisation = None if principal.kind in {"auditor", "la"} else principal.organisation
    return organisation, principal.org_id if principal.kind == "la" else None


def require_provider(principal: Principal, provider: str) -> None:
    """An organisation sees the ALP it provides (and an auditor everyone's)."""
    if principal.organisation != provider and principal.kind != "auditor":
        raise ProblemError(403, "Forbidden", "an organisation sees the ALP it provides")


def require_authority_figures(principal: Principal, local_authority: str) -> None:
    """An LA's figures are its own and its auditors'."""
    if principal.org_id != local_authority or principal.kind not in {"la", "auditor"}:
        raise ProblemError(403, "Forbidden", "an LA's figures are its own and its auditors'")
