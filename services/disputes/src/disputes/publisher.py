"""Which stored disputes events become public integration events (ids and statutory facts).

Each event is translated on its own, by its class: it carries every fact its public event
needs. Events recorded before they carried the case's facts (their ``learner_id`` is None)
take them from ``old()``, the aggregate as it was when the event was recorded: the only read,
and only for those old events.
"""

from collections.abc import Callable, Mapping
from functools import cache, singledispatch
from typing import Any

from contracts import disputes as public
from contracts.determination import DeadlineFacts, deadline_facts
from disputes.domain import Advocacy, Appeal, Complaint, DisagreementResolution, Reconsideration
from disputes.domain.notices import FamilyNotices
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator

#: The aggregate as it was when the event was recorded (for events stored before they carried
#: their facts only).
Old = Callable[[], Any]


def _deadline(data: Mapping[str, Any]) -> DeadlineFacts:
    facts = deadline_facts(data)
    assert facts is not None  # given a stored deadline
    return facts


@singledispatch
def public_event(event: object, old: Old) -> public.DisputeEvent | None:
    """Events that stay in the service (representations, statements, case friends, ...)."""
    return None


# -- reconsiderations -------------------------------------------------------------------------


@public_event.register
def _(e: Reconsideration.Requested, old: Old) -> public.DisputeEvent:
    return public.ReconsiderationRequested(
        learner_id=e.learner_id, reconsideration_id=e.originator_id, kind=e.kind,
        subject_id=e.subject_id, school=e.school, local_authority=e.local_authority,
        requested_on=e.requested_on, deadline=_deadline(e.deadline),
    )  # fmt: skip


@public_event.register
def _(e: Reconsideration.Decided, old: Old) -> public.DisputeEvent:
    return public.ReconsiderationDecided(
        learner_id=e.learner_id or old().learner_id,
        reconsideration_id=e.originator_id,
        kind=e.kind or old().kind.value,
        subject_id=e.subject_id or old().subject_id,
        school=e.school or old().school,
        local_authority=e.local_authority or old().local_authority,
        outcome=e.outcome,
        decided_on=e.decided_on,
        appeal_window=_deadline(e.appeal_window),
        reasons=e.reasons,
    )


@public_event.register
def _(e: Reconsideration.NoticeIssued, old: Old) -> public.DisputeEvent:
    return public.ReconsiderationNoticeIssued(
        learner_id=e.learner_id or old().learner_id,
        reconsideration_id=e.originator_id,
        kind=e.kind or old().kind.value,
        outcome=e.outcome or old().decision.outcome.value,  # a notice follows a decision
        issued_on=e.issued_on,
        recipients=e.recipients,
        appeal_window=_deadline(e.appeal_window),
    )


@public_event.register
def _(e: Reconsideration.DisagreementResolutionStarted, old: Old) -> public.DisputeEvent:
    return public.DisagreementResolutionStarted(
        learner_id=e.learner_id or old().learner_id, reconsideration_id=e.originator_id,
        started_on=e.started_on, appeal_window=_deadline(e.appeal_window),
    )  # fmt: skip


# -- appeals ----------------------------------------------------------------------------------


@public_event.register
def _(e: Appeal.Lodged, old: Old) -> public.DisputeEvent:
    return public.AppealLodged(
        learner_id=e.learner_id, appeal_id=e.originator_id, matter=e.matter,
        respondent=e.respondent, lodged_on=e.lodged_on,
        late_admitted_by_president=e.late_admitted_by_president,
    )  # fmt: skip


@public_event.register
def _(e: Appeal.Decided, old: Old) -> public.DisputeEvent:
    orders = [
        public.OrderFacts(order_id=o.order_id, kind=o.kind.value, addressed_to=o.addressed_to,
                          comply_by=o.comply_by)
        for o in e.decided_orders
    ]  # fmt: skip
    recommendations = [
        public.RecommendationFacts(recommendation_id=r.recommendation_id, nhs_body=r.nhs_body,
                                   report_by=r.report_by, wording=r.wording)
        for r in e.decided_recommendations
    ]  # fmt: skip
    return public.AppealDecided(
        learner_id=e.learner_id or old().learner_id, appeal_id=e.originator_id,
        outcome=e.outcome, decided_on=e.decided_on, orders=orders,
        recommendations=recommendations,
    )  # fmt: skip


@public_event.register
def _(e: Appeal.ComplianceRecorded, old: Old) -> public.DisputeEvent | None:
    if not e.met:
        return None  # an attempt that did not comply: the order stays open
    return public.OrderComplied(
        learner_id=e.learner_id or old().learner_id, appeal_id=e.originator_id,
        order_id=e.order_id, complied_on=e.complied_on,
    )  # fmt: skip


@public_event.register
def _(e: Appeal.RecommendationReported, old: Old) -> public.DisputeEvent:
    return public.RecommendationReported(
        learner_id=e.learner_id or old().learner_id, appeal_id=e.originator_id,
        recommendation_id=e.recommendation_id, nhs_body=e.reported_by,
        reported_on=e.reported_on,
    )  # fmt: skip


# -- the LA's arrangements --------------------------------------------------------------------


@public_event.register
def _(e: DisagreementResolution.Opened, old: Old) -> public.DisputeEvent:
    return public.DisagreementResolutionOpened(
        learner_id=e.learner_id, case_id=e.originator_id, local_authority=e.local_authority,
        subject_id=e.subject_id, opened_on=e.opened_on,
    )  # fmt: skip


@public_event.register
def _(e: DisagreementResolution.AppealWindowRecalculated, old: Old) -> public.DisputeEvent:
    learner_id, subject_id = e.learner_id, e.subject_id
    if learner_id is None:  # recorded before it carried the case's facts
        learner_id, subject_id = old().learner_id, old().subject_id
    return public.AppealWindowRecalculated(
        learner_id=learner_id, case_id=e.originator_id, subject_id=subject_id,
        previous_due_on=e.previous_window.due_on, appeal_window=_deadline(e.window),
    )  # fmt: skip


@public_event.register
def _(e: FamilyNotices.Given, old: Old) -> public.DisputeEvent | None:
    if e.appeal_window is None:
        return None  # a cease notice: its window (D11) is the IDP service's to publish
    window = _deadline(e.appeal_window)
    return public.AppealWindowFromNotice(
        learner_id=e.learner_id, subject_id=e.subject_id, notice_id=e.notice_id, given=True,
        given_on=e.given_on, quoted_until=e.quoted_until, previous_due_on=e.previous_due_on,
        due_on=max(window.due_on, e.previous_due_on or window.due_on), appeal_window=window,
    )  # fmt: skip


@public_event.register
def _(e: FamilyNotices.NotGiven, old: Old) -> public.DisputeEvent:
    return public.AppealWindowFromNotice(
        learner_id=e.learner_id, subject_id=e.subject_id, notice_id=e.notice_id, given=False,
        given_on=None, quoted_until=None, previous_due_on=e.previous_due_on, due_on=e.due_on,
        appeal_window=None,
    )  # fmt: skip


@public_event.register
def _(e: DisagreementResolution.Concluded, old: Old) -> public.DisputeEvent:
    return public.DisagreementResolutionConcluded(
        learner_id=e.learner_id or old().learner_id, case_id=e.originator_id,
        outcome=e.outcome, concluded_on=e.concluded_on,
    )  # fmt: skip


@public_event.register
def _(e: Advocacy.Requested, old: Old) -> public.DisputeEvent:
    return public.AdvocacyRequested(
        learner_id=e.learner_id, advocacy_id=e.originator_id, local_authority=e.local_authority,
        for_person=e.for_person, requested_on=e.requested_on,
    )  # fmt: skip


@public_event.register
def _(e: Advocacy.Provided, old: Old) -> public.DisputeEvent:
    return public.AdvocacyProvided(
        learner_id=e.learner_id or old().learner_id, advocacy_id=e.originator_id,
        provided_on=e.provided_on,
    )  # fmt: skip


@public_event.register
def _(e: Advocacy.Ended, old: Old) -> public.DisputeEvent:
    return public.AdvocacyEnded(
        learner_id=e.learner_id or old().learner_id, advocacy_id=e.originator_id,
        ended_on=e.ended_on,
    )  # fmt: skip


# -- complaints: legal holds on the learner's data (issue 23) ----------------------------------


@public_event.register
def _(e: Complaint.Opened, old: Old) -> public.DisputeEvent:
    return public.ComplaintOpened(
        learner_id=e.learner_id, complaint_id=e.originator_id, local_authority=e.local_authority,
        opened_on=e.opened_on,
    )  # fmt: skip


@public_event.register
def _(e: Complaint.Closed, old: Old) -> public.DisputeEvent:
    return public.ComplaintClosed(
        learner_id=e.learner_id or old().learner_id, complaint_id=e.originator_id,
        closed_on=e.closed_on,
    )  # fmt: skip


def translator(app: ChainedApplication) -> Translator:
    """The relay's translator: each stored event to its public event, keyed by learner."""

    def translate(recorded: RecordedEvent) -> Publication | None:
        @cache
        def old() -> Any:
            version = recorded.originator_version
            return app.repository.get(recorded.originator_id, version=version)

        event = public_event(recorded.event, old)
        return Publication(event, event.learner_id) if event is not None else None

    return translate
