"""Which stored determination events become public integration events, and in what form.

Only ids and statutory facts leave the service: no names, dates of birth or health details
(those stay in the event store, behind the API's access control). A decision's reasons are
among its statutory facts: its notice must quote them (s.13(3); ADR 0018). Each event is
translated from its own fields, dispatched on its class; the store is read only for what an
event stored before it carried a fact lacks (commented where it happens).
"""

from collections import OrderedDict
from collections.abc import Callable
from functools import singledispatch, singledispatchmethod
from typing import Any, TypedDict
from uuid import UUID

from contracts import determination as public
from contracts.events import IntegrationEvent
from contracts.organisations import la_id
from determination.domain import DECISION, NECESSITY, Determination
from determination.domain.calendar import CalendarRecord
from determination.domain.registry import LearnerRecord
from determination.domain.rules import RuleTableRecord
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator

#: How many cases' learner ids the translator remembers (a nightly sync raises a thousand).
LEARNERS_REMEMBERED = 10_000


class Ids(TypedDict):
    """What every public determination event names: the case and its learner."""

    determination_id: UUID
    learner_id: str


#: The case as it stood at the event being translated (a replay: only for old events).
Replay = Callable[[], Determination]


@singledispatch
def public_event(event: Determination.Event, ids: Ids, replay: Replay) -> IntegrationEvent | None:
    """The public form of a determination event; None for those that stay private (the
    graduated response)."""
    return None


@public_event.register
def _(event: Determination.ConcernRaised, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.ConcernRaised(
        **ids,
        deciding_body=event.body["kind"],
        deciding_organisation=event.body["organisation"],
        local_authority=la_id(event.learner["local_authority"]),
        status=event.status,
        no_decision_reason=event.no_decision_reason,
        came_to_attention_on=event.came_to_attention_on,
        decision_deadline=public.deadline_facts(event.decision_deadline),
    )


@public_event.register
def _(event: Determination.ConsentRecorded, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.ConsentRecorded(
        **ids,
        given=event.given,
        recorded_on=event.recorded_on,
        decision_deadline=public.deadline_facts(event.decision_deadline),
    )


@public_event.register
def _(event: Determination.EvidenceRequested, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.EvidenceRequested(
        **ids,
        request_id=event.request_id,
        from_organisation=event.from_organisation,
        requested_on=event.requested_on,
    )


@public_event.register
def _(event: Determination.EvidenceSubmitted, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.EvidenceSubmitted(
        **ids,
        request_id=event.request_id,
        submitted_by=event.submitted_by,
        document_sha256=[d["sha256"] for d in event.documents],
        submitted_on=event.submitted_on,
    )


@public_event.register
def _(event: Determination.NhsReferralReceived, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.NhsReferralReceived(
        **ids,
        referral_id=event.referral_id,
        nhs_body=event.nhs_body,
        received_on=event.received_on,
        answer_deadline=_deadline(event.deadline),
    )


@public_event.register
def _(event: Determination.NhsReferralAnswered, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.NhsReferralAnswered(
        **ids,
        referral_id=event.referral_id,
        nhs_body=event.answered_by,
        answer=event.answer,
        in_welsh=event.in_welsh,
        answered_on=event.answered_on,
    )


@public_event.register
def _(event: Determination.ReferredToLocalAuthority, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.ReferredToLocalAuthority(
        **ids,
        referred_by=event.referred_by,
        local_authority=la_id(event.local_authority),
        referred_on=event.referred_on,
        decision_deadline=_deadline(event.deadline),
    )


@public_event.register
def _(event: Determination.ExceptionClaimed, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.ExceptionClaimed(
        **ids,
        deadline_key=event.deadline_key,
        claimed_by=event.claimed_by,
        claimed_on=event.claimed_on,
    )


@public_event.register
def _(event: Determination.DeadlineRecalculated, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.DeadlineRecalculated(
        **ids,
        deadline_key=event.deadline_key,
        previous_due_on=event.previous["due_on"],
        deadline=_deadline(event.deadline),
        reason=event.reason,
    )


@public_event.register
def _(event: Determination.Decided, ids: Ids, replay: Replay) -> IntegrationEvent:
    facts = _case_facts(event, replay)
    return public.Decided(
        **ids,
        has_aln=event.has_aln,
        idp_necessary=event.idp_necessary,
        decided_on=event.decided_on,
        decided_by=event.decided_by,
        deciding_body=facts["deciding_body"],
        local_authority=la_id(facts["local_authority"]),
        reconsidering_authority=facts["reconsidering_authority"],
        within_time=event.within_time,
        young_person=facts["young_person"],
        looked_after=facts["looked_after"],
        # An "IDP not necessary" decision is judged on its own deadline (D5).
        decision_deadline=public.deadline_facts(
            event.necessity_deadline or facts["decision_deadline"]
        ),
        reasons=event.reasons,
        idp_arrangement=event.idp_arrangement,
        directed_school=event.directed_school,
    )


def _case_facts(event: Determination.Decided, replay: Replay) -> dict[str, Any]:
    """The case's facts a decision states, as they stood when it was decided."""
    if event.deciding_body is not None:
        return {
            "deciding_body": event.deciding_body,
            "local_authority": event.local_authority,
            "reconsidering_authority": event.reconsidering_authority,
            "young_person": event.young_person,
            "looked_after": event.looked_after,
            "decision_deadline": event.decision_deadline,
        }
    # A decision stored before it carried these facts (deciding_body is None): replay the
    # case to this decision. Only such old events are read again.
    case = replay()
    learner = case.learner_record
    return {
        "deciding_body": case.deciding_body.kind.value,
        "local_authority": learner.local_authority,
        "reconsidering_authority": case.reconsidering_authority,
        "young_person": learner.young_person,
        "looked_after": learner.looked_after,
        "decision_deadline": case.deadlines.get(DECISION),
    }


@public_event.register
def _(event: Determination.NoticeIssued, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.NoticeIssued(
        **ids,
        notice_type=event.notice_type,
        recipients=event.recipients,
        issued_by=event.issued_by,
        issued_on=event.issued_on,
    )


@public_event.register
def _(event: Determination.Reconsidered, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.DecisionReconsidered(
        **ids,
        reconsideration_id=event.reconsideration_id,
        local_authority=la_id(event.local_authority),
        has_aln=event.has_aln,
        decided_on=event.decided_on,
    )


@public_event.register
def _(event: Determination.Withdrawn, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.Withdrawn(**ids, withdrawn_on=event.withdrawn_on)


#: The clocks that end when the decision is given (s.4(6)).
_DECISION_CLOCKS = [DECISION, NECESSITY]


@public_event.register
def _(event: Determination.DecisionGiven, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.DecisionGiven(
        **ids,
        given_id=event.given_id,
        given_as=event.given_as,  # "notice" or "idp" (given.py)
        given_on=event.given_on,
        deadline_keys=_DECISION_CLOCKS,
        clocks_met_on=event.clock_met_on,
    )


@public_event.register
def _(event: Determination.GivenNoticeBounced, ids: Ids, replay: Replay) -> IntegrationEvent:
    return public.DecisionNoticeBounced(
        **ids,
        given_id=event.given_id,
        bounced_on=event.bounced_on,
        deadline_keys=_DECISION_CLOCKS,
        clocks_met_on=event.clock_met_on,
    )


def _deadline(data: dict[str, Any]) -> public.DeadlineFacts:
    facts = public.deadline_facts(data)
    assert facts is not None
    return facts


class DeterminationTranslator:
    """The relay's translator: a stored event to its publication (or None: private)."""

    def __init__(self, app: ChainedApplication) -> None:
        self._app = app
        self._learners: OrderedDict[UUID, str] = OrderedDict()

    def __call__(self, recorded: RecordedEvent) -> Publication | None:
        return self._publication(recorded.event, recorded)

    @singledispatchmethod
    def _publication(self, event: object, recorded: RecordedEvent) -> Publication | None:
        """Events of no public interest (the rule table's start)."""
        return None

    @_publication.register
    def _(self, event: Determination.Event, recorded: RecordedEvent) -> Publication | None:
        learner_id = self._learner_id(recorded.originator_id, event)
        ids = Ids(determination_id=recorded.originator_id, learner_id=learner_id)

        def replay() -> Determination:
            case: Determination = self._app.repository.get(
                recorded.originator_id, version=recorded.originator_version
            )
            return case

        facts = public_event(event, ids, replay)
        return Publication(facts, learner_id) if facts is not None else None

    @_publication.register
    def _(self, event: CalendarRecord.Set, recorded: RecordedEvent) -> Publication:
        return self._calendar(event.calendar_id, event, recorded.originator_version)

    @_publication.register
    def _(self, event: CalendarRecord.Corrected, recorded: RecordedEvent) -> Publication:
        calendar_id = event.calendar_id
        if calendar_id is None:
            # A correction stored before it carried its calendar's id: read it from the
            # calendar's first event.
            first: CalendarRecord = self._app.repository.get(recorded.originator_id, version=1)
            calendar_id = first.calendar_id
        return self._calendar(calendar_id, event, recorded.originator_version)

    @_publication.register
    def _(self, event: RuleTableRecord.Corrected, recorded: RecordedEvent) -> Publication:
        corrected = public.RuleTableCorrected(
            rule_table_version=event.table["version"],
            rules=event.table["rules"],
            corrected_by=event.corrected_by,
        )
        return Publication(corrected, "rule-table")

    @_publication.register
    def _(self, event: LearnerRecord.Event, recorded: RecordedEvent) -> Publication | None:
        """The learner's whole relations and UPN, whenever they change (a setting's own id
        attached changes neither: nothing is published); the erasure of their personal data."""
        if isinstance(
            event,
            LearnerRecord.LocalIdAttached
            | LearnerRecord.LegalHoldPlaced
            | LearnerRecord.LegalHoldLifted,
        ):
            return None  # neither relations nor UPN changed; the holds are disputes' facts
        if isinstance(event, LearnerRecord.PersonalDataErased):
            # the erasure is the registry's fact: every service holding the learner's data
            # in clear drops it on this event (ADR 0023); the relations did not change
            erased = public.LearnerPersonalDataErased(
                learner_id=str(recorded.originator_id),
                erased_on=event.erased_on,
                schedule=event.schedule,
                erased_by=event.erased_by,
            )
            return Publication(erased, str(recorded.originator_id))
        learner: LearnerRecord = self._app.repository.get(
            recorded.originator_id, version=recorded.originator_version
        )
        facts = public.LearnerRelationsRecorded(**learner.relations_facts())
        return Publication(facts, learner.learner_id)

    def _calendar(
        self, calendar_id: str, event: CalendarRecord.Set | CalendarRecord.Corrected, version: int
    ) -> Publication:
        # Each event of a calendar is a new version of it: its number is the event's.
        published = public.CalendarPublished(
            calendar_id=calendar_id,
            calendar_name=event.name,
            calendar_version=version,
            terms=[public.Term(**t) for t in event.terms],
            closures=event.closures,
        )
        return Publication(published, calendar_id)

    def _learner_id(self, determination_id: UUID, event: Determination.Event) -> str:
        """A case's learner, from its first event: taken as it passes, else read (no more)."""
        found = self._learners.get(determination_id)
        if found is None:
            if isinstance(event, Determination.ConcernRaised):
                found = str(event.learner["learner_id"])
            else:
                first: Determination = self._app.repository.get(determination_id, version=1)
                found = str(first.learner["learner_id"])
            self._learners[determination_id] = found
            if len(self._learners) > LEARNERS_REMEMBERED:
                self._learners.popitem(last=False)
        return found


def translator(app: ChainedApplication) -> Translator:
    """The relay's translator. The learner id is in a case's first event: taken from it as
    it passes (no read: a nightly sync publishes a thousand of them at once), else read."""
    return DeterminationTranslator(app)
