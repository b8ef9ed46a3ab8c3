"""IDP events: plans issued, reviewed, transferred and ceased; preparation and review clocks."""

from collections.abc import Callable
from datetime import timedelta
from functools import singledispatch, wraps
from typing import Any, TypeVar

from contracts import idp
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning.actions import (
    FORMER_MAINTAINER,
    MAINTAINER,
    PROVIDER,
    SYSTEM,
    Cancel,
    DeadlineAction,
    Meet,
    Move,
    Plan,
    PlannedNotice,
    Reassign,
    Subject,
    Watch,
    deadline_facts,
    kept,
    watching,
)

E = TypeVar("E", bound=idp.IdpEvent)


@singledispatch
def plan_idp(e: idp.IdpEvent, known: Subject | None) -> Plan:
    """Events that call for nothing here (a revision directed, ...)."""
    return Plan(learner_id=e.learner_id)


@plan_idp.register
def _opened(e: idp.IdpOpened, known: Subject | None) -> Plan:
    plan_id, org = str(e.idp_id), e.maintaining_organisation
    watches: tuple[DeadlineAction, ...] = ()
    if e.preparation_deadline is not None:
        watches = (
            watching(
                f"{plan_id}/preparation", "idp_preparation", plan_id, org, e.preparation_deadline
            ),
        )
    elif e.preparation_reminder_every_days is not None:
        # no statutory limit found (the IDP service says so): remind on the IDP service's
        # schedule, never alert as missed; an envelope from before it published the first
        # reminder's day carried only the interval, counted from the opening as it then was
        every = e.preparation_reminder_every_days
        first = e.preparation_first_reminder_on or e.opened_on + timedelta(days=every)
        watches = (
            Watch(
                f"{plan_id}/preparation",
                "idp_preparation",
                plan_id,
                org,
                None,
                first,
                None,
                f"no statutory limit found; reminded every {every} days until the plan is issued",
                repeat_every_days=every,
            ),
        )
    return Plan(
        learner_id=e.learner_id,
        relations=((org, MAINTAINER),),
        subject=Subject(plan_id, "idp", org, e.maintainer_kind),
        deadlines=watches,
    )


@plan_idp.register
def _issued(e: idp.IdpIssued, known: Subject | None) -> Plan:
    plan_id = str(e.idp_id)
    kind = NoticeKind.IDP_ISSUED if e.plan_version == 1 else NoticeKind.IDP_REVISED
    facts = {
        "issued_on": e.issued_on.isoformat(),
        "issued_by": e.issued_by,
        "plan_version": e.plan_version,
        "body_kind": known.body_kind if known else None,
        "revision_reason": e.revision_reason,
        "alp_in_welsh": e.alp_in_welsh,
        "alp_elements": e.alp_elements,
        "nhs_bodies": list(e.nhs_bodies_securing_alp),
        "review_due_on": e.review_deadline.due_on.isoformat(),
    }
    review = e.review_deadline
    maintainer = known.organisation if known else e.issued_by
    actions: tuple[DeadlineAction, ...] = (
        Meet(f"{plan_id}/preparation", e.issued_on),
        Meet(f"{plan_id}/review/", e.issued_on, prefix=True),  # a revision restarts it
        watching(f"{plan_id}/review/{review.due_on}", "idp_review", plan_id, maintainer, review),
    )
    notice = PlannedNotice(kind, e.issued_by, plan_id, facts, family=True)
    return Plan(
        learner_id=e.learner_id,
        # the NHS bodies securing ALP are the plan's providers (read and act, ADR 0015)
        relations=((e.issued_by, MAINTAINER), *((b, PROVIDER) for b in e.nhs_bodies_securing_alp)),
        notices=(notice,),
        deadlines=actions,
    )


def _of_a_plan_opened_here(
    planner: Callable[[E, Subject, dict[str, Any]], Plan],
) -> Callable[[E, Subject | None], Plan]:
    """A later event of a plan: ``planner`` gets its maintainer (``known``) and the facts every
    such notice states; a plan never opened here has nobody known to tell."""

    @wraps(planner)
    def planned(e: E, known: Subject | None) -> Plan:
        if known is None:
            return Plan(learner_id=e.learner_id)
        return planner(e, known, {"body_kind": known.body_kind, "maintainer": known.organisation})

    return planned


@plan_idp.register(idp.ReviewRequested)
@_of_a_plan_opened_here
def _review_requested(e: idp.ReviewRequested, known: Subject, facts: dict[str, Any]) -> Plan:
    facts |= {"requested_by_kind": e.requested_by_kind, "requested_on": e.requested_on.isoformat()}
    notice = PlannedNotice(
        NoticeKind.REVIEW_REQUESTED,
        SYSTEM,
        str(e.idp_id),
        facts,
        organisations=((known.organisation, Role.MAINTAINER),),
    )
    return Plan(learner_id=e.learner_id, notices=(notice,))


@plan_idp.register(idp.ReviewHeld)
@_of_a_plan_opened_here
def _review_held(e: idp.ReviewHeld, known: Subject, facts: dict[str, Any]) -> Plan:
    plan_id, maintainer = str(e.idp_id), known.organisation
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


@plan_idp.register(idp.ResponsibilityTransferred)
@_of_a_plan_opened_here
def _transferred(e: idp.ResponsibilityTransferred, known: Subject, facts: dict[str, Any]) -> Plan:
    plan_id = str(e.idp_id)
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
        relations=(
            (e.to_organisation, MAINTAINER),
            (e.from_organisation, FORMER_MAINTAINER),
        ),
        ended=((e.from_organisation, MAINTAINER),),
        subject=Subject(plan_id, "idp", e.to_organisation, e.to_kind),
        notices=(notice,),
        deadlines=(Reassign(f"{plan_id}/", e.to_organisation),),
    )


@plan_idp.register(idp.CeaseProposed)
@_of_a_plan_opened_here
def _cease_proposed(e: idp.CeaseProposed, known: Subject, facts: dict[str, Any]) -> Plan:
    facts |= {"proposed_on": e.proposed_on.isoformat(), "reasons": kept(e.reasons)}
    notice = PlannedNotice(
        NoticeKind.CEASE_PROPOSED, known.organisation, str(e.idp_id), facts, family=True
    )
    return Plan(learner_id=e.learner_id, notices=(notice,))


@plan_idp.register(idp.Ceased)
@_of_a_plan_opened_here
def _ceased(e: idp.Ceased, known: Subject, facts: dict[str, Any]) -> Plan:
    plan_id = str(e.idp_id)
    facts |= {"decided_on": e.decided_on.isoformat(), "reasons": kept(e.reasons)}
    if e.reconsideration_window_until is not None:  # D11 as the IDP service computed it
        facts["reconsideration_window_until"] = e.reconsideration_window_until.isoformat()
    notice = PlannedNotice(NoticeKind.IDP_CEASED, known.organisation, plan_id, facts, family=True)
    return Plan(learner_id=e.learner_id, notices=(notice,), deadlines=(Cancel(f"{plan_id}/"),))


@plan_idp.register(idp.DeadlineRecalculated)
@_of_a_plan_opened_here
def _deadline_recalculated(
    e: idp.DeadlineRecalculated, known: Subject, facts: dict[str, Any]
) -> Plan:
    """A calendar published moved the preparation deadline, as the IDP service recounted it:
    the reminder follows it, and the family is told the date once it is firm (their has-ALN
    notice said it would follow), or when a firm date they were told moves."""
    if e.deadline_key != "preparation":
        return Plan(learner_id=e.learner_id)  # the FEI's D13 is not watched here
    plan_id, d = str(e.idp_id), e.deadline
    move = Move(
        f"{plan_id}/preparation", d.rule_id, d.due_on, d.calendar_id, d.explanation, d.provisional
    )
    if d.provisional or (d.due_on == e.previous_due_on and not e.previous_provisional):
        return Plan(learner_id=e.learner_id, deadlines=(move,))
    facts |= {
        "due_on": d.due_on.isoformat(),
        "previous_due_on": e.previous_due_on.isoformat(),
        "previous_provisional": e.previous_provisional,
    }
    notice = PlannedNotice(
        NoticeKind.IDP_DATE_CONFIRMED, known.organisation, plan_id, facts, family=True
    )
    return Plan(learner_id=e.learner_id, notices=(notice,), deadlines=(move,))


@plan_idp.register(idp.NoticeGivenRecorded)
@_of_a_plan_opened_here
def _notice_given_recorded(
    e: idp.NoticeGivenRecorded, known: Subject, facts: dict[str, Any]
) -> Plan:
    """The IDP service recorded the day a cease notice was given and runs D11 from it: when
    that is later than the day the notice told the family, the family is told the day the
    IDP service now runs it to (never held to less, never recomputed here)."""
    window, told = e.reconsideration_window_until, e.quoted_until
    if e.given_on is None or window is None or told is None or window <= told:
        return Plan(learner_id=e.learner_id)
    facts |= {
        "given_on": e.given_on.isoformat(),
        "previous_due_on": told.isoformat(),
        "reconsideration_window_until": window.isoformat(),
    }
    notice = PlannedNotice(
        NoticeKind.CEASE_WINDOW_CORRECTED, known.organisation, str(e.idp_id), facts, family=True
    )
    return Plan(learner_id=e.learner_id, notices=(notice,))


@plan_idp.register(idp.Closed)
@_of_a_plan_opened_here
def _closed(e: idp.Closed, known: Subject, facts: dict[str, Any]) -> Plan:
    return Plan(learner_id=e.learner_id, deadlines=(Cancel(f"{e.idp_id}/"),))


@plan_idp.register
def _shortfall_found(e: idp.ProvisionShortfallFound, known: Subject | None) -> Plan:
    """ALP short of its schedule, as the IDP service judged it: its provider and the plan's
    maintainer are reminded, the learner's responsible LA alerted (issue 24)."""
    plan_id = str(e.idp_id)
    facts = {
        "element_id": e.element_id,
        "provider_organisation": e.provider_organisation,
        "maintaining_organisation": e.maintaining_organisation,
        "found_on": e.found_on.isoformat(),
        "since": e.since.isoformat(),
        "kinds": list(e.kinds),
        "window_share": e.window_share,
    }
    reminded = {e.provider_organisation: Role.PROVIDER}
    reminded.setdefault(e.maintaining_organisation, Role.MAINTAINER)  # one, if it provides
    reminder = PlannedNotice(
        NoticeKind.PROVISION_SHORTFALL, SYSTEM, plan_id, facts,
        organisations=tuple(reminded.items()),
    )  # fmt: skip
    alert = PlannedNotice(
        NoticeKind.PROVISION_SHORTFALL_ALERT, SYSTEM, plan_id, facts,
        responsible_authority=Role.LOCAL_AUTHORITY,
    )  # fmt: skip
    return Plan(learner_id=e.learner_id, notices=(reminder, alert))
