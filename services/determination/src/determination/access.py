"""Which relationships the determination service's facts establish (ADR 0015, one access
policy): the policy itself, what each relationship may do, the one 404 and the reasons of a
403, is ``llwybr.access``; this module only says who is related to a learner and a case.

- The learner (the registry's record, this service's own): the responsible LA (the LA of
  residence), the LA looking after them, the settings they are enrolled at.
- A case: its deciding body (after a referral, the LA; the LA that reconsidered a school's
  decision too), the health bodies asked for evidence or referred to, and as a party (read
  only) the body that raised the concern, the body that referred it, and others asked for
  evidence.

Statute, not access, stays here as checks that raise ``denied`` with a reason: a school or FEI
raises concerns about its own learners; who sets which calendar; who corrects the rules.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from contracts.organisations import setting_id
from determination.domain import Determination, Learner
from llwybr.access import (
    Relations,
    Relationship,
    auditor_covers,
    denied,
    require_acting_as,
)
from llwybr.principal import Principal

__all__ = [
    "case_relations",
    "learner_relations",
    "require_acting_as",
    "require_may_raise",
    "snapshot_relations",
]

HEALTH_KINDS = frozenset({"lhb", "nhs"})


def learner_relations(facts: Mapping[str, Any]) -> Relations:
    """From the registry's facts (as ``LearnerRelationsRecorded`` publishes them)."""
    responsible, looking_after = facts["responsible_authority"], facts["looking_after_authority"]
    pairs = [(responsible, Relationship.RESPONSIBLE_LA)]
    pairs.append((looking_after, Relationship.LOOKING_AFTER_LA))
    pairs += [(s, Relationship.ENROLLED_SETTING) for s in facts["enrolled_at"]]
    return Relations.of(pairs, [responsible, looking_after or ""])


def snapshot_relations(learner: Mapping[str, Any]) -> Relations:
    """A case's learner as recorded with it, for a case whose learner the registry never
    recorded (cases raised before it): the same facts, from the case."""
    looking_after = learner.get("looking_after_authority")
    setting = learner.get("setting_id")
    further_education = learner.get("setting") == "further_education"
    welsh = looking_after not in (None, "ENG")  # an English LA has no relationship here
    return learner_relations({
        "responsible_authority": f"la:{learner['local_authority']}",
        "looking_after_authority": f"la:{looking_after}" if welsh else None,
        "enrolled_at": [setting_id(setting, further_education=further_education)]
        if setting
        else [],
    })  # fmt: skip


def _asked(organisation: str) -> Relationship:
    kind = organisation.partition(":")[0]
    return Relationship.HEALTH_BODY if kind in HEALTH_KINDS else Relationship.PARTY


def case_pairs(case: Determination) -> list[tuple[str, Relationship]]:
    """The case's own relationships (the read model keeps the same per case)."""
    pairs = [(case.raised_by, Relationship.PARTY)]
    if case.referral_to_la:
        pairs.append((case.referral_to_la["from"]["organisation"], Relationship.PARTY))
    pairs += [(r["from_organisation"], _asked(r["from_organisation"]))
              for r in case.evidence_requests.values()]  # fmt: skip
    pairs += [(r["nhs_body"], Relationship.HEALTH_BODY) for r in case.nhs_referrals.values()]
    decisions = [case.decision, *case.superseded_decisions] if case.decision else []
    pairs += [(d["decided_by"], Relationship.DECIDING_BODY)
              for d in decisions if d.get("reconsideration_id")]  # fmt: skip
    pairs.append((case.body["organisation"], Relationship.DECIDING_BODY))
    return pairs


def case_relations(case: Determination, learner: Relations | None) -> Relations:
    """Everyone related to a case: the learner's relations (the registry's, else the case's
    own record of the learner) and the case's."""
    own = Relations.of(case_pairs(case))
    return (learner if learner is not None else snapshot_relations(case.learner)) | own


def require_may_raise(principal: Principal, learner: Learner) -> None:
    """A school or FEI raises concerns about its own learners; an LA about those it is
    responsible for or looks after (the registry then checks the learner it names)."""
    kind, org_id = principal.kind, principal.org_id
    if kind in {"school", "fei"}:
        allowed = learner.setting_organisation == principal.organisation
    elif kind == "la":
        allowed = org_id in (learner.local_authority, learner.looking_after_authority)
    else:
        allowed = False
    if not allowed:
        raise denied(
            "not-responsible", f"{principal.organisation} cannot raise a concern about this learner"
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
        raise denied("scope", f"{set_by} cannot set {calendar_id}")


def require_may_correct_rules(principal: Principal, corrected_by: str) -> None:
    require_acting_as(principal, corrected_by)
    if principal.kind != "system":
        raise denied("scope", "only the system administrator corrects rules")


def require_may_see_statistics(principal: Principal, local_authority: str) -> None:
    """An LA's statistics are its own and its auditors'."""
    covered: Iterable[str] = [local_authority]
    if principal.organisation != f"la:{local_authority}" and not auditor_covers(principal, covered):
        raise denied("scope", "an LA's statistics are its own and its auditors'")
