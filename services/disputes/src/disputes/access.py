"""Which relationships each disputes case establishes (ADR 0015, "one access policy").

The policy itself is ``llwybr.access``: what each relationship may do is its one table, and
every refusal is its one 404 or a 403 with a reason. This module only says which facts of a
case relate which organisations to it; the application combines them with the learner's
relationships from the learner registry (``FollowsLearners.learner_relations``) and asks the
policy. A case's jurisdiction (whose auditors see it) is the learner's, and the LA that keeps
the case (or answers the appeal).

- a reconsideration: the LA that reconsiders is its deciding body; the school whose decision
  it is, a party;
- an appeal: the Education Tribunal for Wales; the respondent and every body an order
  addresses, respondents; the NHS bodies recommended to, health bodies;
- a disagreement resolution case: the LA that keeps it, its deciding body; the parties'
  organisations, parties;
- advocacy: the LA that keeps it, its deciding body.

The checks that are statute rather than access (only the Tribunal decides an appeal; the LA
that reconsiders decides the reconsideration; the body ordered reports its compliance) are
here too, and refuse with ``llwybr.access.denied`` so every refusal carries its reason.
"""

from collections.abc import Iterable
from functools import singledispatch

from disputes.domain import Advocacy, Appeal, Complaint, DisagreementResolution, Reconsideration
from llwybr.access import Relations, Relationship, denied
from llwybr.principal import Principal

#: The Education Tribunal for Wales: the one tribunal that hears these appeals.
TRIBUNAL = "tribunal:etw"


def _of_la(organisation: str) -> list[str]:
    """An organisation as a jurisdiction: an LA's number, nothing for any other body."""
    return [organisation] if organisation.startswith("la:") else []


def reconsideration_facts(local_authority: str, school: str) -> Relations:
    """The LA that reconsiders, and the school whose decision it is."""
    pairs = [(local_authority, Relationship.DECIDING_BODY), (school, Relationship.PARTY)]
    return Relations.of(pairs, _of_la(local_authority))


def appeal_facts(respondent: str) -> Relations:
    """The Tribunal and the respondent, from the day the appeal is lodged."""
    pairs = [(TRIBUNAL, Relationship.TRIBUNAL), (respondent, Relationship.RESPONDENT)]
    return Relations.of(pairs, _of_la(respondent))


def appeal_decision_facts(addressed: Iterable[str], nhs_bodies: Iterable[str]) -> Relations:
    """The bodies the Tribunal's orders address, and the NHS bodies it recommended to."""
    pairs = [(body, Relationship.RESPONDENT) for body in addressed]
    pairs += [(body, Relationship.HEALTH_BODY) for body in nhs_bodies]
    return Relations.of(pairs)


def arrangement_facts(local_authority: str, parties: Iterable[str | None] = ()) -> Relations:
    """The LA that keeps a disagreement resolution case or an advocacy record, and the
    organisations of the case's parties."""
    pairs = [(local_authority, Relationship.DECIDING_BODY)]
    pairs += [(p, Relationship.PARTY) for p in parties if p]
    return Relations.of(pairs, _of_la(local_authority))


@singledispatch
def relations_of(case: object) -> Relations:
    """The relationships a case's own facts establish (without the learner's)."""
    raise TypeError(f"not a disputes case: {type(case).__name__}")


@relations_of.register
def _(case: Reconsideration) -> Relations:
    return reconsideration_facts(case.local_authority, case.school)


@relations_of.register
def _(case: Appeal) -> Relations:
    addressed = [record.order.addressed_to for record in case.orders.values()]
    return appeal_facts(case.respondent) | appeal_decision_facts(addressed, case.nhs_bodies)


@relations_of.register
def _(case: DisagreementResolution) -> Relations:
    return arrangement_facts(case.local_authority, [p.organisation for p in case.parties])


@relations_of.register
def _(case: Advocacy) -> Relations:
    return arrangement_facts(case.local_authority)


@relations_of.register
def _(case: Complaint) -> Relations:
    return arrangement_facts(case.local_authority)


# -- what statute reserves to one body (the caller may already see the case) ------------------


def require_the_tribunal(principal: Principal) -> None:
    """Only the Education Tribunal for Wales records and decides appeals."""
    if principal.organisation != TRIBUNAL:
        raise denied("tribunal-only", "only the Education Tribunal for Wales does this")


def require_keeper(principal: Principal, local_authority: str) -> None:
    """The LA that reconsiders (or keeps the arrangement) is the one that acts on it."""
    if principal.organisation != local_authority:
        raise denied("not-the-keeper", f"{local_authority} acts on this case")


def require_ordered(principal: Principal, appeal: Appeal, order_id: str) -> None:
    """An order is complied with by the body it is addressed to."""
    if principal.organisation != appeal.order(order_id).addressed_to:
        raise denied("not-ordered", "the body ordered reports its compliance")


def require_recommended(principal: Principal, appeal: Appeal, recommendation_id: str) -> None:
    """A recommendation is reported on by the NHS body it was made to."""
    if principal.organisation != appeal.recommendation(recommendation_id).nhs_body:
        raise denied("not-recommended", "the NHS body recommended to reports on it")


def require_la(principal: Principal) -> None:
    """Only an LA makes disagreement resolution and advocacy arrangements, and records a
    family's request for a reconsideration."""
    if principal.kind != "la":
        raise denied("la-only", "the LA makes these arrangements and records these requests")
