"""What this service learns from other services' public events (its consumers, ``main.py``):
an LA's R1 outcome (disputes), and the day the family was given a decision (s.4(6)): the
notice of a no-ALN or IDP-not-necessary decision (notifications: ``notice-given``, undone by
``notice-bounced``) or the IDP (IDP: ``issued``, version 1). Each is read from its typed
contract; the dates are the publishers' facts, never recomputed here.
"""

import functools
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from contracts import disputes, idp, notifications
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent, UnknownEventTypeError, parse
from determination.application.concerns import Concerns
from determination.domain import BodyKind, Determination, Status, given

_GIVEN_NOTICES = frozenset({given.NO_ALN_NOTICE, given.NOT_NECESSARY_NOTICE})
#: The recipients a notice gives the decision to: those who hold the rights it states (the
#: notifications service's ``RIGHT_HOLDERS``), not an organisation sent a copy nor a looked
#: after child's independent reviewing officer.
_RIGHT_HOLDERS = frozenset({"parent", "child", "young_person", "case_friend", "representative"})


def _appeal(event: disputes.AppealLodged | disputes.AppealDecided) -> str:
    return f"appeal:{event.appeal_id}"


class PublicEvents(Concerns):
    """The consumer's effects on this service's cases."""

    def on_public_event(self, envelope: Envelope) -> list[Any]:
        """The consumer's effect of another service's public event: the cases (or learner
        records) it changed, saved with the consumer's tracking record."""
        try:
            event = parse(envelope.type, envelope.data)
        except UnknownEventTypeError:
            return []  # a kind of event this build does not know: nothing here acts on it
        return self._on_public_event(event)

    def _known_case(self, case_id: UUID | str | None) -> Determination | None:
        try:
            return self.get_as(UUID(str(case_id)), Determination) if case_id else None
        except (AggregateNotFoundError, ValueError):
            return None  # not one of this service's cases

    @functools.singledispatchmethod
    def _on_public_event(self, event: IntegrationEvent) -> list[Any]:
        """Public events this service does not act on."""
        return []

    @_on_public_event.register
    def _(self, event: disputes.ReconsiderationDecided) -> list[Determination]:
        """An LA's R1 outcome supersedes the school's decision it reconsidered (nothing to
        save when the decision is not one of this service's school decisions)."""
        if event.kind != "R1":
            return []
        case = self._known_case(event.subject_id)
        if case is None:
            return []
        if case.deciding_body.kind is not BodyKind.SCHOOL or case.status is Status.WITHDRAWN:
            return []
        case.record_reconsideration(
            reconsideration_id=event.reconsideration_id,
            local_authority=event.local_authority,
            has_aln=event.outcome == "has_aln",
            decided_on=event.decided_on,
        )
        return [case]

    def _hold(self, learner_id: str, hold: str, placed_on: date) -> list[Any]:
        record = self.learner_record(learner_id)
        if record is None or not record.place_legal_hold(hold, placed_on):
            return []
        return [record]

    def _lift(self, learner_id: str, hold: str, lifted_on: date) -> list[Any]:
        record = self.learner_record(learner_id)
        if record is None or not record.lift_legal_hold(hold, lifted_on):
            return []
        return [record]

    @_on_public_event.register
    def _(self, event: disputes.AppealLodged) -> list[Any]:
        """An appeal lodged holds the learner's personal data (a legal hold: disputes owns
        whether the Tribunal case is open; the registry records it as told, issue 23)."""
        return self._hold(event.learner_id, _appeal(event), event.lodged_on)

    @_on_public_event.register
    def _(self, event: disputes.AppealDecided) -> list[Any]:
        """The Tribunal decided the appeal: its hold on the learner's data is lifted."""
        return self._lift(event.learner_id, _appeal(event), event.decided_on)

    @_on_public_event.register
    def _(self, event: disputes.ComplaintOpened) -> list[Any]:
        """An open complaint holds the learner's personal data, as an open appeal does (the
        disputes service owns whether it is open; issue 23)."""
        return self._hold(event.learner_id, f"complaint:{event.complaint_id}", event.opened_on)

    @_on_public_event.register
    def _(self, event: disputes.ComplaintClosed) -> list[Any]:
        """The complaint was closed: its hold on the learner's data is lifted."""
        return self._lift(event.learner_id, f"complaint:{event.complaint_id}", event.closed_on)

    @_on_public_event.register
    def _(self, event: notifications.NoticeGiven) -> list[Determination]:
        """A decision's notice given to the learner or parent on ``given_on``."""
        if event.kind not in _GIVEN_NOTICES or event.recipient_role not in _RIGHT_HOLDERS:
            return []
        case = self._known_case(event.subject_id)
        if case is None:
            return []
        recorded = given.record_given(
            case,
            given_id=str(event.notice_id),
            given_as=given.NOTICE,
            kind=event.kind,
            given_on=event.given_on,
        )
        return [case] if recorded else []

    @_on_public_event.register
    def _(self, event: notifications.NoticeBounced) -> list[Determination]:
        """A notice learned as given bounced: it was not given."""
        case = self._known_case(event.subject_id)
        if case is None:
            return []
        bounced = given.record_bounce(
            case, given_id=str(event.notice_id), bounced_on=event.bounced_at.date()
        )
        return [case] if bounced else []

    @_on_public_event.register
    def _(self, event: idp.IdpIssued) -> list[Determination]:
        """The IDP issued (version 1) from this case's ALN decision: given that day."""
        if event.plan_version != 1 or event.determination_id is None:
            return []
        case = self._known_case(event.determination_id)
        if case is None:
            return []
        recorded = given.record_given(
            case, given_id=str(event.idp_id), given_as=given.IDP, kind=given.IDP,
            given_on=event.issued_on,
        )  # fmt: skip
        return [case] if recorded else []
