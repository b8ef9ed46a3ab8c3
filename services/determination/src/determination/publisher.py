"""Which stored determination events become public integration events, and in what form.

Only ids and statutory facts leave the service: no names, dates of birth, reasons or health
details (those stay in the event store, behind the API's access control).
"""

from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from uuid import UUID

from contracts import determination as public
from contracts.events import IntegrationEvent
from determination.domain import Determination
from determination.domain.calendar import CalendarRecord
from determination.domain.rules import RuleTableRecord
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator


def _calendar(state: dict[str, Any], calendar_id: str, version: int) -> Publication:
    event = public.CalendarPublished(
        calendar_id=calendar_id,
        calendar_name=state["name"],
        calendar_version=version,
        terms=[public.Term(**t) for t in state["terms"]],
        closures=state["closures"],
    )
    return Publication(event, calendar_id)


def _concern_raised(ids: dict[str, Any], state: dict[str, Any]) -> IntegrationEvent:
    learner, body = state["learner"], state["body"]
    return public.ConcernRaised(
        **ids,
        deciding_body=body["kind"],
        deciding_organisation=body["organisation"],
        local_authority=learner["local_authority"],
        status=state["status"],
        no_decision_reason=state["no_decision_reason"],
        came_to_attention_on=state["came_to_attention_on"],
        decision_deadline=public.deadline_facts(state["decision_deadline"]),
    )


def _public_event(
    name: str, ids: dict[str, Any], s: dict[str, Any], case: Callable[[], Determination]
) -> IntegrationEvent | None:
    if name == "ConcernRaised":
        return _concern_raised(ids, s)
    if name == "ConsentRecorded":
        return public.ConsentRecorded(
            **ids,
            given=s["given"],
            recorded_on=s["recorded_on"],
            decision_deadline=public.deadline_facts(s["decision_deadline"]),
        )
    if name == "EvidenceRequested":
        return public.EvidenceRequested(
            **ids,
            request_id=s["request_id"],
            from_organisation=s["from_organisation"],
            requested_on=s["requested_on"],
        )
    if name == "EvidenceSubmitted":
        return public.EvidenceSubmitted(
            **ids,
            request_id=s["request_id"],
            submitted_by=s["submitted_by"],
            document_sha256=[d["sha256"] for d in s["documents"]],
            submitted_on=s["submitted_on"],
        )
    if name == "NhsReferralReceived":
        deadline = public.deadline_facts(s["deadline"])
        assert deadline is not None
        return public.NhsReferralReceived(
            **ids,
            referral_id=s["referral_id"],
            nhs_body=s["nhs_body"],
            received_on=s["received_on"],
            answer_deadline=deadline,
        )
    if name == "NhsReferralAnswered":
        return public.NhsReferralAnswered(
            **ids,
            referral_id=s["referral_id"],
            nhs_body=s["answered_by"],
            answer=s["answer"],
            in_welsh=s["in_welsh"],
            answered_on=s["answered_on"],
        )
    if name == "ReferredToLocalAuthority":
        deadline = public.deadline_facts(s["deadline"])
        assert deadline is not None
        return public.ReferredToLocalAuthority(
            **ids,
            referred_by=s["referred_by"],
            local_authority=s["local_authority"],
            referred_on=s["referred_on"],
            decision_deadline=deadline,
        )
    if name == "ExceptionClaimed":
        return public.ExceptionClaimed(
            **ids,
            deadline_key=s["deadline_key"],
            claimed_by=s["claimed_by"],
            claimed_on=s["claimed_on"],
        )
    if name == "DeadlineRecalculated":
        deadline = public.deadline_facts(s["deadline"])
        assert deadline is not None
        return public.DeadlineRecalculated(
            **ids,
            deadline_key=s["deadline_key"],
            previous_due_on=s["previous"]["due_on"],
            deadline=deadline,
            reason=s["reason"],
        )
    if name == "Decided":
        # The facts of the decision as it stood: replay to this event's version.
        decided = case()
        learner = decided.learner_record
        # Decisions stored before the "IDP not necessary" decision existed lack its facts.
        necessity = s.get("necessity_deadline")
        return public.Decided(
            **ids,
            has_aln=s["has_aln"],
            idp_necessary=s.get("idp_necessary", True),
            decided_on=s["decided_on"],
            decided_by=s["decided_by"],
            deciding_body=decided.deciding_body.kind.value,
            local_authority=learner.local_authority,
            reconsidering_authority=decided.reconsidering_authority,
            within_time=s["within_time"],
            young_person=learner.young_person,
            looked_after=learner.looked_after,
            decision_deadline=public.deadline_facts(necessity or decided.deadlines.get("decision")),
        )
    if name == "NoticeIssued":
        return public.NoticeIssued(
            **ids,
            notice_type=s["notice_type"],
            recipients=s["recipients"],
            issued_by=s["issued_by"],
            issued_on=s["issued_on"],
        )
    if name == "Reconsidered":
        return public.DecisionReconsidered(
            **ids,
            reconsideration_id=s["reconsideration_id"],
            local_authority=s["local_authority"],
            has_aln=s["has_aln"],
            decided_on=s["decided_on"],
        )
    if name == "Withdrawn":
        return public.Withdrawn(**ids, withdrawn_on=s["withdrawn_on"])
    return None  # graduated-response records stay private


def translator(app: ChainedApplication) -> Translator:
    """The relay's translator. The learner id is in a case's first event: taken from it as
    it passes (no read: a nightly sync publishes a thousand of them at once), else read."""
    learners: OrderedDict[UUID, str] = OrderedDict()

    def learner_id(determination_id: UUID, state: dict[str, Any]) -> str:
        found = learners.get(determination_id)
        if found is None:
            if "learner" in state:  # the concern raised
                found = str(state["learner"]["learner_id"])
            else:
                first: Determination = app.repository.get(determination_id, version=1)
                found = str(first.learner["learner_id"])
            learners[determination_id] = found
            if len(learners) > 10_000:
                learners.popitem(last=False)
        return found

    def translate(recorded: RecordedEvent) -> Publication | None:
        event = recorded.event
        state: dict[str, Any] = dict(vars(event))
        if isinstance(event, CalendarRecord.Event):
            version = recorded.originator_version
            record: CalendarRecord = app.repository.get(recorded.originator_id, version=version)
            return _calendar(vars(record), record.calendar_id, record.calendar_version)
        if isinstance(event, RuleTableRecord.Event):
            if type(event).__name__ != "Corrected":
                return None
            table = state["table"]
            corrected = public.RuleTableCorrected(
                rule_table_version=table["version"],
                rules=table["rules"],
                corrected_by=state["corrected_by"],
            )
            return Publication(corrected, "rule-table")
        if not isinstance(event, Determination.Event):
            return None
        learner = learner_id(recorded.originator_id, state)
        ids = {"determination_id": recorded.originator_id, "learner_id": learner}

        def case() -> Determination:
            found: Determination = app.repository.get(
                recorded.originator_id, version=recorded.originator_version
            )
            return found

        facts = _public_event(type(event).__name__, ids, state, case)
        return Publication(facts, learner) if facts is not None else None

    return translate
