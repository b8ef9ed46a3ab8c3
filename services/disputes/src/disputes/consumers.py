"""Other services' events that change this service's store: each CloudEvent is parsed into its
typed contract and dispatched on the contract's class (the decisions learned into plain tables
are in ``disputes.decisions``)."""

from collections.abc import Sequence
from functools import singledispatch

from eventsourcing.domain import Aggregate

from contracts.determination import LearnerRelationsRecorded, RuleTableCorrected
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, UnknownEventTypeError, parse
from contracts.notifications import NoticeBounced, NoticeGiven
from disputes.application import DisputesService
from llwybr.consumer import AggregateHandler


def adopted_facts(app: DisputesService) -> AggregateHandler:
    """The rule table corrections the determination service announces, adopted here: every
    window this service computes from then on follows the corrected table (ADR 0008); and the
    learner registry's facts, which every access check here reads (ADR 0015); and the notices
    the notifications service gave (or could not give) to the family, from which the appeal
    windows of the decisions here run (ADR 0017)."""

    def handle(envelope: Envelope) -> Sequence[Aggregate]:
        try:
            event = parse(envelope.type, envelope.data)
        except UnknownEventTypeError:
            return []  # a type newer than this service: nothing it acts on
        return effect(event, app)

    return handle


@singledispatch
def effect(event: IntegrationEvent, app: DisputesService) -> Sequence[Aggregate]:
    """Events that change nothing in this store."""
    return []


@effect.register
def _(event: RuleTableCorrected, app: DisputesService) -> Sequence[Aggregate]:
    return app.adopt_rule_table(event)


@effect.register
def _(event: LearnerRelationsRecorded, app: DisputesService) -> Sequence[Aggregate]:
    return app.adopt_learner(event)


@effect.register
def _(event: NoticeGiven, app: DisputesService) -> Sequence[Aggregate]:
    return app.record_notice_given(event)


@effect.register
def _(event: NoticeBounced, app: DisputesService) -> Sequence[Aggregate]:
    return app.record_notice_bounced(event)
