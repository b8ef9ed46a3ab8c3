"""Which relationships a plan's own facts establish, and the IDP Act's own role checks.

Access is the one policy's (``llwybr.access``, ADR 0015): a caller's relationships to a plan
are the learner's (the registry's facts, followed here: responsible LA, LA looking after,
settings) combined with the plan's own (``relations_of``), and ``require`` decides from the one
table. Nothing here grants access; what stays here is statute, not access: only the maintainer
issues and changes the plan (s.14 ff.), an LA revises a school's plan only as its
reconsideration directed (s.27) or a Tribunal order to it requires, an NHS body asks for a
review in its own name, only an LA directs a plan to be opened (s.14). Those refusals are
``denied`` with their reason.
"""

from idp.domain import Idp, MaintainerKind, ReviewRequester, RevisionReason
from llwybr.access import (
    Capability,
    Relations,
    Relationship,
    auditor_covers,
    denied,
    require,
)
from llwybr.principal import Principal

_R = Relationship

#: The learner's relationships that make an LA one a plan may be transferred to.
AUTHORITIES = frozenset({_R.RESPONSIBLE_LA, _R.LOOKING_AFTER_LA})


def relations_of(plan: Idp) -> Relations:
    """The relationships the plan's own facts establish: its maintainer; the LA revising it
    under a reconsideration's direction (a maintainer for drafting and revising); earlier
    maintainers; the providers of its ALP (in the draft or any issued version); the NHS bodies
    that asked for a review."""
    pairs = [(plan.maintainer["organisation"], _R.MAINTAINER)]
    if plan.revising_authority is not None:
        pairs.append((plan.revising_authority, _R.MAINTAINER))
    pairs += [(body, _R.MAINTAINER) for body in plan.ordered_revisers]
    pairs += [(t["from"]["organisation"], _R.FORMER_MAINTAINER) for t in plan.transfers]
    request = plan.fei_request
    if request is not None and request["status"] == "pending":
        # the FEI an LA asked to maintain the plan reads it and answers (s.36)
        pairs.append((request["fei"]["organisation"], _R.RESPONDENT))
    # the stored elements, not AlpElement values: once erased their free text is None
    pairs += [(e["provider_organisation"], _R.PROVIDER) for e in plan.draft["alp"]]
    pairs += [
        (e["provider_organisation"], _R.PROVIDER)
        for version in plan.versions
        for e in version["content"]["alp"]
    ]
    pairs += [
        (r["organisation_or_person"], _R.HEALTH_BODY)
        for r in plan.review_requests
        if r["requested_by_kind"] == ReviewRequester.NHS_BODY.value
    ]
    return Relations.of(pairs)


def require_maintainer(principal: Principal, plan: Idp, relations: Relations) -> None:
    """Only the maintaining body changes the plan (auditors never write)."""
    require(principal, Capability.ACT, relations)
    if principal.organisation != plan.maintainer["organisation"]:
        raise _not_maintainer(principal, plan)


def require_drafter(principal: Principal, plan: Idp, relations: Relations) -> None:
    """The draft is edited by its maintainer, by the LA whose reconsideration directed a
    revision not yet issued (s.27), or by the body a Tribunal order to revise the plan names,
    until that revision is issued."""
    require(principal, Capability.ACT, relations)
    drafters = {plan.maintainer["organisation"], plan.revising_authority, *plan.ordered_revisers}
    if principal.organisation not in drafters:
        raise _not_maintainer(principal, plan)


def require_reviser(
    principal: Principal, plan: Idp, relations: Relations, reason: RevisionReason
) -> None:
    """The maintainer revises its plan; another body revises it only to issue the revision
    its reconsideration directed (s.27) or a Tribunal order to it requires."""
    require_drafter(principal, plan, relations)
    organisation = principal.organisation
    if organisation == plan.maintainer["organisation"]:
        return
    if reason is RevisionReason.RECONSIDERATION and organisation == plan.revising_authority:
        return
    if reason is RevisionReason.TRIBUNAL_ORDER and organisation in plan.ordered_revisers:
        return
    raise denied(
        "not-maintainer",
        "another body revises this plan only as its reconsideration directed (s.27) or as a "
        "Tribunal order to it requires",
    )


def _not_maintainer(principal: Principal, plan: Idp) -> Exception:
    return denied(
        "not-maintainer",
        f"{plan.maintainer['organisation']} maintains this plan, not {principal.organisation}",
    )


def require_provider(principal: Principal, plan: Idp, relations: Relations, element: str) -> None:
    """Provision is recorded by the organisation providing the element (2B.4), or by the
    maintainer on its behalf: a provider named for one element records no other."""
    require(principal, Capability.ACT, relations)
    provider = plan.provider_of(element)
    if provider is None:
        return  # no such element in force: the aggregate answers that
    if principal.organisation not in {provider, plan.maintainer["organisation"]}:
        raise denied(
            "not-provider",
            f"{provider} provides element {element} (or {plan.maintainer['organisation']}, "
            f"which maintains the plan, on its behalf), not {principal.organisation}",
        )


def require_asked_fei(principal: Principal, plan: Idp, relations: Relations) -> None:
    """Only the FEI the LA asked answers its request (s.36)."""
    require(principal, Capability.ACT, relations)
    request = plan.fei_request
    if request is None or principal.organisation != request["fei"]["organisation"]:
        raise denied("not-asked", "only the FEI the LA asked answers its request (s.36)")


def require_own_nhs_request(principal: Principal, organisation: str) -> None:
    """An NHS body asks for a review in its own name."""
    if principal.kind not in {"lhb", "nhs"} or organisation != principal.organisation:
        raise denied("own-name", "an NHS body asks for a review in its own name")


def require_directing_authority(principal: Principal) -> None:
    """Only a local authority directs a plan to be opened (s.14)."""
    if principal.kind != "la":
        raise denied("not-an-authority", "only a local authority directs a plan to be opened")


def require_may_maintain(organisation: str, kind: MaintainerKind, learner: Relations) -> None:
    """A plan goes only to a body the learner's recorded facts relate to them: an LA that is
    the learner's responsible LA or LA looking after; a school or FEI the learner is enrolled
    at. Anything else would give an organisation the plan (and the family's details in it)
    on the word of whoever moved it."""
    held = learner.parties.get(organisation, frozenset())
    if kind.is_local_authority:
        if not held & AUTHORITIES:
            raise denied(
                "not-responsible",
                f"{organisation} is neither the learner's responsible LA nor the LA looking "
                "after them",
            )
    elif _R.ENROLLED_SETTING not in held:
        raise denied("not-enrolled", f"the learner is not enrolled at {organisation}")


def require_authority_figures(principal: Principal, local_authority: str) -> None:
    """An LA's figures are its own and its auditors' (``auditor_covers``)."""
    if principal.organisation != f"la:{local_authority}" and not auditor_covers(
        principal, [local_authority]
    ):
        raise denied("not-the-authority", "an LA's figures are its own and its auditors'")
