"""What other services' public events do to plans (the consumer ``idp.determinations``).

Each CloudEvent is parsed into its typed contract (``contracts.events.parse``) and its class
decides the effect: the aggregates to save, which ``ApplicationEffect`` saves with the
consumer's tracking record, so a redelivered event changes nothing. Facts are read from the
event, never recomputed: the decision's deadline, the LA's outcome, the corrected rule table,
the learner registry's facts about who is responsible for a learner (``llwybr.learners``),
the day a notice about a plan was given (notifications).
A plan opened here is saved with its index entry (``idp.domain.index``): one plan per learner.
"""

from functools import singledispatch
from typing import Protocol

from eventsourcing.domain import Aggregate

from contracts import determination, disputes, notifications
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, UnknownEventTypeError, parse
from idp.domain import (
    PREPARATION,
    Idp,
    Maintainer,
    MaintainerKind,
    NoStatutoryLimit,
    OpeningReason,
    Status,
    TransferReason,
    indexed,
)
from llwybr.clock import Deadline


class Plans(Protocol):
    """What the effects read from the service's store (``IdpService``)."""

    def plan_of(self, learner_id: str) -> Idp | None:
        """The learner's plan, if one was opened."""

    @property
    def preparation_reminder_days(self) -> int:
        """How often a plan with no statutory time limit found is reminded (``Settings``)."""

    def adopt_rule_table(self, corrected: determination.RuleTableCorrected) -> list[Aggregate]:
        """The owner's correction adopted: the record to save."""

    def adopt_calendar(self, published: determination.CalendarPublished) -> list[Aggregate]:
        """The owner's calendar kept, and the deadlines that count on it recounted: the
        records and plans to save (``CalendarDeadlines``)."""

    def note_on_calendars(self, plan: Idp, key: str, calendars: list[str]) -> list[Aggregate]:
        """The plan's deadline ``key`` counts on ``calendars``: the index records to save
        (``CalendarDeadlines``)."""

    def adopt_learner(self, recorded: determination.LearnerRelationsRecorded) -> list[Aggregate]:
        """The registry's facts about a learner adopted: the record to save."""

    def record_notice_given(self, given: notifications.NoticeGiven) -> list[Aggregate]:
        """A notice about a plan given: the plan to save (``GivenNotices``)."""

    def record_notice_bounced(self, bounced: notifications.NoticeBounced) -> list[Aggregate]:
        """A notice about a plan bounced: the plan to save (``GivenNotices``)."""


def effect_of(envelope: Envelope, service: Plans) -> list[Aggregate]:
    """The aggregates another service's public event changes here (none for most)."""
    try:
        event = parse(envelope.type, envelope.data)
    except UnknownEventTypeError:
        return []  # a type this release does not know: nothing here acts on it
    return effect(event, service)


@singledispatch
def effect(event: IntegrationEvent, service: Plans) -> list[Aggregate]:
    """Events the IDP service does not act on."""
    return []


@effect.register
def _decided(event: determination.Decided, service: Plans) -> list[Aggregate]:
    """A decision that the learner has ALN opens their plan, with the decision's deadline
    carried over (nothing when the learner's plan exists already). An LA's decision that a
    young person's IDP is not necessary (s.14(1)(c)) opens none; decisions published before
    that decision existed lack the field, which reads True: a plan is due."""
    if not (event.has_aln and event.idp_necessary) or service.plan_of(event.learner_id):
        return []
    deadline = event.decision_deadline
    decider = Maintainer(MaintainerKind(event.deciding_body), event.decided_by)
    school = (
        Maintainer(MaintainerKind.SCHOOL, event.directed_school) if event.directed_school else None
    )
    # The LA's s.14 choice: the school prepares and maintains the plan, or the LA prepares it
    # and the school maintains it from its issue, or (no school directed) the LA does both.
    prepares_itself = school is None or event.idp_arrangement != "school_prepares_and_maintains"
    plan = Idp.open(
        learner_id=event.learner_id,
        maintainer=decider if prepares_itself or school is None else school,
        opened_on=event.decided_on,
        determination_id=event.determination_id,
        preparation_deadline=(
            Deadline.from_dict(deadline.model_dump(mode="json")) if deadline else None
        ),
        looked_after=event.looked_after,
        reason=OpeningReason.ALN_DECISION if prepares_itself else OpeningReason.LA_DIRECTION,
        directed_maintainer=school if prepares_itself else None,
    )
    # A school's or FEI's clock counts its school days: the school's own calendar, else its
    # LA's (as the determination service counted it); recounted here when one is published.
    calendars = [event.decided_by]
    if event.deciding_body == "school":
        calendars.append(event.local_authority)  # ``la:665``, its calendar's id too
    return [*indexed(plan), *service.note_on_calendars(plan, PREPARATION, calendars)]


@effect.register
def _reconsidered(event: disputes.ReconsiderationDecided, service: Plans) -> list[Aggregate]:
    """An LA's reconsideration of a school's decision (Act ss.26-28, 32): R1 "has ALN" opens
    an LA-maintained plan; R2 "revised and directed" makes a revision by the LA due; a
    take-over moves the plan to the LA; "the IDP continues" reinstates a ceased plan."""
    la = Maintainer(MaintainerKind.LOCAL_AUTHORITY, event.local_authority)
    on, outcome = event.decided_on, event.outcome
    plan = service.plan_of(event.learner_id)
    if plan is None:
        if event.kind == "R1" and outcome == "has_aln":
            opened = Idp.open(
                learner_id=event.learner_id,
                maintainer=la,
                opened_on=on,
                determination_id=event.subject_id,
                preparation_deadline=None,
                looked_after=False,
                reason=OpeningReason.ALN_DECISION,
                # no time limit found for the LA's plan after R1: recorded, and reminded
                preparation_without_limit=NoStatutoryLimit(on, service.preparation_reminder_days),
            )
            return indexed(opened)
        return []
    if (
        outcome == "revised_directed"
        and plan.current_version
        and plan.status not in {Status.CEASED, Status.CLOSED}
        and plan.maintaining_body.kind is MaintainerKind.SCHOOL
    ):
        plan.direct_revision(
            local_authority=la.organisation,
            reconsideration_id=event.reconsideration_id,
            directed_on=on,
        )
        return [plan]
    if outcome == "taken_over" and plan.maintaining_body != la:
        plan.transfer(to=la, reason=TransferReason.LA_TAKE_OVER, transferred_on=on)
        return [plan]
    if outcome == "idp_continues" and plan.status is Status.CEASED:
        plan.reinstate(reinstated_on=on, reasons="LA reconsideration: the IDP continues")
        return [plan]
    return []


@effect.register
def _appeal_decided(event: disputes.AppealDecided, service: Plans) -> list[Aggregate]:
    """The Tribunal's orders to revise the learner's plan: each is an obligation on the body
    it names (an LA even for a school's plan), which may then revise the plan; a revision is
    due by the order's date to comply. Nothing when the learner has no issued, live plan."""
    plan = service.plan_of(event.learner_id)
    if plan is None or not plan.current_version or plan.status in {Status.CEASED, Status.CLOSED}:
        return []
    recorded = {(o["appeal_id"], o["order_id"]) for o in plan.revision_orders}
    orders = [
        o
        for o in event.orders
        if o.kind == "revise_idp" and (event.appeal_id, o.order_id) not in recorded
    ]
    for order in orders:
        plan.order_revision(
            appeal_id=event.appeal_id,
            order_id=order.order_id,
            addressed_to=order.addressed_to,
            ordered_on=event.decided_on,
            comply_by=order.comply_by,
        )
    return [plan] if orders else []


@effect.register
def _rules_corrected(event: determination.RuleTableCorrected, service: Plans) -> list[Aggregate]:
    """An administrator corrected the statutory rule table (in the determination service):
    deadlines computed from now on follow it; those already computed stay as stored."""
    return service.adopt_rule_table(event)


@effect.register
def _learner_recorded(
    event: determination.LearnerRelationsRecorded, service: Plans
) -> list[Aggregate]:
    """The learner registry (in the determination service) recorded who is responsible for a
    learner, who looks after them and where they are enrolled: access checks here read it."""
    return service.adopt_learner(event)


@effect.register
def _calendar_published(event: determination.CalendarPublished, service: Plans) -> list[Aggregate]:
    """A term calendar set or corrected (in the determination service): provision due in term
    time is counted on the school days it gives, and the running deadlines that count on it
    (a preparation deadline carried from a school's or FEI's decision, the FEI's D13) are
    recounted."""
    return service.adopt_calendar(event)


@effect.register
def _notice_given(event: notifications.NoticeGiven, service: Plans) -> list[Aggregate]:
    """A notice about a plan given to the family (notifications): its given day is recorded,
    and the windows that run from it (D11, the next review period) move to it."""
    return service.record_notice_given(event)


@effect.register
def _notice_bounced(event: notifications.NoticeBounced, service: Plans) -> list[Aggregate]:
    """A notice about a plan bounced: it was not given; its windows move back."""
    return service.record_notice_bounced(event)
