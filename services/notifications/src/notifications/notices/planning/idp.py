"""IDP events: plans issued, reviewed, transferred and ceased; preparation and review clocks."""

from typing import Any

from contracts import idp
from contracts.events import IntegrationEvent
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning.actions import (
    SYSTEM,
    Cancel,
    DeadlineAction,
    Meet,
    Plan,
    PlannedNotice,
    Reassign,
    Subject,
    deadline_facts,
    watching,
)


def plan_idp(e: IntegrationEvent, known: Subject | None) -> Plan:
    assert isinstance(e, idp.IdpEvent)
    plan_id = str(e.idp_id)
    maintainer = known.organisation if known else None
    body_kind = known.body_kind if known else None
    if isinstance(e, idp.IdpOpened):
        org = e.maintaining_organisation
        watches: tuple[DeadlineAction, ...] = ()
        if e.preparation_deadline is not None:
            watches = (
                watching(
                    f"{plan_id}/preparation",
                    "idp_preparation",
                    plan_id,
                    org,
                    e.preparation_deadline,
                ),
            )
        return Plan(
            learner_id=e.learner_id,
            links=(org,),
            subject=Subject(plan_id, "idp", org, e.maintainer_kind),
            deadlines=watches,
        )
    if isinstance(e, idp.IdpIssued):
        kind = NoticeKind.IDP_ISSUED if e.plan_version == 1 else NoticeKind.IDP_REVISED
        facts = {
            "issued_on": e.issued_on.isoformat(),
            "issued_by": e.issued_by,
            "plan_version": e.plan_version,
            "body_kind": body_kind,
            "revision_reason": e.revision_reason,
            "alp_in_welsh": e.alp_in_welsh,
            "alp_elements": e.alp_elements,
            "nhs_bodies": list(e.nhs_bodies_securing_alp),
            "review_due_on": e.review_deadline.due_on.isoformat(),
        }
        review = e.review_deadline
        actions: tuple[DeadlineAction, ...] = (
            Meet(f"{plan_id}/preparation", e.issued_on),
            Meet(f"{plan_id}/review/", e.issued_on, prefix=True),  # a revision restarts it
            watching(
                f"{plan_id}/review/{review.due_on}",
                "idp_review",
                plan_id,
                maintainer or e.issued_by,
                review,
            ),
        )
        notice = PlannedNotice(kind, e.issued_by, plan_id, facts, family=True)
        return Plan(
            learner_id=e.learner_id, links=(e.issued_by,), notices=(notice,), deadlines=actions
        )
    if maintainer is None:
        return Plan(learner_id=e.learner_id)  # a plan never opened here: nobody known to tell
    return _idp_later(e, plan_id, maintainer, body_kind)


def _idp_later(e: idp.IdpEvent, plan_id: str, maintainer: str, body_kind: str | None) -> Plan:
    facts: dict[str, Any] = {"body_kind": body_kind, "maintainer": maintainer}
    if isinstance(e, idp.ReviewRequested):
        facts |= {
            "requested_by_kind": e.requested_by_kind,
            "requested_on": e.requested_on.isoformat(),
        }
        notice = PlannedNotice(
            NoticeKind.REVIEW_REQUESTED,
            SYSTEM,
            plan_id,
            facts,
            organisations=((maintainer, Role.MAINTAINER),),
        )
        return Plan(learner_id=e.learner_id, notices=(notice,))
    if isinstance(e, idp.ReviewHeld):
        actions: list[DeadlineAction] = [Meet(f"{plan_id}/review/", e.held_on, prefix=True)]
        if e.next_review_deadline is not None:
            d = e.next_review_deadline
            actions.append(
                watching(f"{plan_id}/review/{d.due_on}", "idp_review", plan_id, maintainer, d)
            )
        notices: tuple[PlannedNotice, ...] = ()
        if e.outcome == "not_revised":
            facts |= {"held_on": e.held_on.isoformat(), **deadline_facts(e.next_review_deadline)}
            notices = (
                PlannedNotice(NoticeKind.IDP_NOT_REVISED, maintainer, plan_id, facts, family=True),
            )
        return Plan(learner_id=e.learner_id, notices=notices, deadlines=tuple(actions))
    if isinstance(e, idp.ResponsibilityTransferred):
        facts |= {
            "from_organisation": e.from_organisation,
            "maintainer": e.to_organisation,
            "body_kind": e.to_kind,
            "reason": e.reason,
            "transferred_on": e.transferred_on.isoformat(),
        }
        notice = PlannedNotice(
            NoticeKind.RESPONSIBILITY_TRANSFERRED, e.to_organisation, plan_id, facts, family=True
        )
        return Plan(
            learner_id=e.learner_id,
            links=(e.to_organisation,),
            subject=Subject(plan_id, "idp", e.to_organisation, e.to_kind),
            notices=(notice,),
            deadlines=(Reassign(f"{plan_id}/", e.to_organisation),),
        )
    if isinstance(e, idp.CeaseProposed):
        facts |= {"proposed_on": e.proposed_on.isoformat()}
        notice = PlannedNotice(NoticeKind.CEASE_PROPOSED, maintainer, plan_id, facts, family=True)
        return Plan(learner_id=e.learner_id, notices=(notice,))
    if isinstance(e, idp.Ceased):
        facts |= {"decided_on": e.decided_on.isoformat()}
        notice = PlannedNotice(NoticeKind.IDP_CEASED, maintainer, plan_id, facts, family=True)
        return Plan(learner_id=e.learner_id, notices=(notice,), deadlines=(Cancel(f"{plan_id}/"),))
    if isinstance(e, idp.Closed):
        return Plan(learner_id=e.learner_id, deadlines=(Cancel(f"{plan_id}/"),))
    return Plan(learner_id=e.learner_id)
