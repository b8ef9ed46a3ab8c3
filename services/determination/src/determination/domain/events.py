"""The events a determination records: what each one records, and how it changes the case.

Each event class is nested by name in the ``Determination`` aggregate
(``class Decided(events.Decided): ...``), which gives it its stored topic,
``determination.domain.determination:Determination.Decided``: stored events are found by it, so
neither a class name nor that nesting may change. Each applier (``@event(Decided)``) is bound
there too (``_decide = events.decided``): the aggregate's command calls it once the Code's rules
are checked, and it runs again on every replay, so it only sets state from the event's fields
(nothing computed, no "now"). An event stored before a field existed lacks it: the field's
default stands in (the same default on the class and on its applier).
"""

from copy import deepcopy
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from determination.domain.routing import BodyKind, DecidingBody, NoDecisionReason
from determination.domain.values import DECISION, NECESSITY, Status, nhs_deadline_key
from llwybr.personal_data.aggregate import LEARNER_ID
from llwybr.personal_data.fields import PersonalFields

if TYPE_CHECKING:
    from determination.domain.determination import Determination


class ConcernRaised(Aggregate.Created):
    """A concern came to a body's attention, routed to the body that must decide.

    The learner's names and date of birth are sealed with their data key (ADR 0023)."""

    __personal__ = PersonalFields(
        ("learner.given_name", "learner.family_name", "learner.date_of_birth"),
        learner="learner.learner_id",
    )

    learner: dict[str, Any]
    raised_by: str
    came_to_attention_on: date
    body: dict[str, str]
    status: str
    no_decision_reason: str | None
    reconsidering_authority: str | None
    decision_deadline: dict[str, Any] | None


class ConsentRecorded(Aggregate.Event):
    """A young person consented (the decision clock starts) or refused."""

    given: bool
    recorded_on: date
    recorded_by: str
    decision_deadline: dict[str, Any] | None


@event(ConsentRecorded)
def consent_recorded(
    self: "Determination",
    given: bool,
    recorded_on: date,
    recorded_by: str,
    decision_deadline: dict[str, Any] | None,
) -> None:
    self.consent = {"given": given, "recorded_on": recorded_on, "recorded_by": recorded_by}
    if given and decision_deadline is not None:
        self.status = Status.GATHERING_INFORMATION
        self.deadlines[DECISION] = decision_deadline
    else:
        self.status = Status.NO_DECISION_REQUIRED
        self.no_decision_reason = NoDecisionReason.NO_CONSENT.value


class GraduatedResponseRecorded(Aggregate.Event):
    """Provision already made (the graduated response), with its Small Steps Plan."""

    __personal__ = PersonalFields(
        ("description", "small_steps_targets", "termly_reviews"), learner=LEARNER_ID
    )

    level: str
    description: str
    small_steps_targets: list[str]
    termly_reviews: list[dict[str, Any]]
    recorded_on: date
    recorded_by: str
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(GraduatedResponseRecorded)
def graduated_response_recorded(
    self: "Determination",
    level: str,
    description: str,
    small_steps_targets: list[str],
    termly_reviews: list[dict[str, Any]],
    recorded_on: date,
    recorded_by: str,
) -> None:
    self.graduated_response.append(
        {
            "level": level,
            "description": description,
            "small_steps_targets": small_steps_targets,
            "termly_reviews": termly_reviews,
            "recorded_on": recorded_on,
            "recorded_by": recorded_by,
        }
    )


class EvidenceRequested(Aggregate.Event):
    """Evidence was asked of another body."""

    __personal__ = PersonalFields(("description",), learner=LEARNER_ID)

    request_id: str
    from_organisation: str
    description: str
    requested_on: date
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(EvidenceRequested)
def evidence_requested(
    self: "Determination",
    request_id: str,
    from_organisation: str,
    description: str,
    requested_on: date,
) -> None:
    self.evidence_requests[request_id] = {
        "from_organisation": from_organisation,
        "description": description,
        "requested_on": requested_on,
        "answered_on": None,
    }


class EvidenceSubmitted(Aggregate.Event):
    """Evidence arrived, answering a request or unprompted, with its documents."""

    __personal__ = PersonalFields(("summary",), learner=LEARNER_ID)

    request_id: str | None
    submitted_by: str
    summary: str
    documents: list[dict[str, Any]]
    submitted_on: date
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(EvidenceSubmitted)
def evidence_submitted(
    self: "Determination",
    request_id: str | None,
    submitted_by: str,
    summary: str,
    documents: list[dict[str, Any]],
    submitted_on: date,
) -> None:
    self.evidence.append(
        {
            "request_id": request_id,
            "submitted_by": submitted_by,
            "summary": summary,
            "documents": documents,
            "submitted_on": submitted_on,
        }
    )
    if request_id is not None:
        self.evidence_requests[request_id]["answered_on"] = submitted_on


class NhsReferralReceived(Aggregate.Event):
    """An NHS body received a referral; its answer is due by ``deadline`` (D7)."""

    referral_id: str
    nhs_body: str
    received_on: date
    deadline: dict[str, Any]


@event(NhsReferralReceived)
def nhs_referral_received(
    self: "Determination",
    referral_id: str,
    nhs_body: str,
    received_on: date,
    deadline: dict[str, Any],
) -> None:
    self.nhs_referrals[referral_id] = {
        "nhs_body": nhs_body,
        "received_on": received_on,
        "answer": None,
    }
    self.deadlines[nhs_deadline_key(referral_id)] = deadline


class NhsReferralAnswered(Aggregate.Event):
    """The NHS body answered a referral."""

    __personal__ = PersonalFields(("details",), learner=LEARNER_ID)

    referral_id: str
    answer: str
    in_welsh: bool | None
    answered_on: date
    answered_by: str
    details: str
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(NhsReferralAnswered)
def nhs_referral_answered(
    self: "Determination",
    referral_id: str,
    answer: str,
    in_welsh: bool | None,
    answered_on: date,
    answered_by: str,
    details: str,
) -> None:
    self.nhs_referrals[referral_id]["answer"] = {
        "answer": answer,
        "in_welsh": in_welsh,
        "answered_on": answered_on,
        "answered_by": answered_by,
        "details": details,
    }


class ReferredToLocalAuthority(Aggregate.Event):
    """A school or FEI referred the decision to the LA, whose clock starts (s.12)."""

    __personal__ = PersonalFields(("reason",), learner=LEARNER_ID)

    local_authority: str
    reason: str
    referred_on: date
    referred_by: str
    deadline: dict[str, Any]
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(ReferredToLocalAuthority)
def referred_to_local_authority(
    self: "Determination",
    local_authority: str,
    reason: str,
    referred_on: date,
    referred_by: str,
    deadline: dict[str, Any],
) -> None:
    self.referral_to_la = {
        "from": self.body,
        "reason": reason,
        "referred_on": referred_on,
        "referred_by": referred_by,
    }
    self.body = DecidingBody(BodyKind.LOCAL_AUTHORITY, local_authority).as_dict()
    self.reconsidering_authority = None
    self.deadlines[DECISION] = deadline


class ExceptionClaimed(Aggregate.Event):
    """A body claimed an exception to a time limit, with its reason and evidence."""

    __personal__ = PersonalFields(("reason", "evidence"), learner=LEARNER_ID)

    deadline_key: str
    reason: str
    evidence: str
    claimed_on: date
    claimed_by: str
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(ExceptionClaimed)
def exception_claimed(
    self: "Determination",
    deadline_key: str,
    reason: str,
    evidence: str,
    claimed_on: date,
    claimed_by: str,
) -> None:
    self.exceptions.append(
        {
            "deadline_key": deadline_key,
            "reason": reason,
            "evidence": evidence,
            "claimed_on": claimed_on,
            "claimed_by": claimed_by,
        }
    )


class DeadlineRecalculated(Aggregate.Event):
    """A calendar or rule correction moved a deadline (both dates kept)."""

    deadline_key: str
    previous: dict[str, Any]
    deadline: dict[str, Any]
    reason: str


@event(DeadlineRecalculated)
def deadline_recalculated(
    self: "Determination",
    deadline_key: str,
    previous: dict[str, Any],
    deadline: dict[str, Any],
    reason: str,
) -> None:
    self.deadlines[deadline_key] = deadline
    self.recalculations.append(
        {"deadline_key": deadline_key, "previous": previous, "reason": reason}
    )


class Decided(Aggregate.Event):
    """The deciding body decided whether the learner has ALN (and, for a young person,
    perhaps that an IDP is not necessary), with the case's facts as they then stood."""

    __personal__ = PersonalFields(("reasons",), learner=LEARNER_ID)

    has_aln: bool
    reasons: str
    decided_on: date
    decided_by: str
    person: str
    within_time: bool
    # Decisions stored before the "IDP not necessary" decision existed lack these two.
    idp_necessary: bool = True
    necessity_deadline: dict[str, Any] | None = None
    # The facts its public event states, as they stood when it was decided. Decisions
    # stored before they were recorded here lack them (``deciding_body`` is None).
    deciding_body: str | None = None
    local_authority: str | None = None
    reconsidering_authority: str | None = None
    young_person: bool | None = None
    looked_after: bool | None = None
    decision_deadline: dict[str, Any] | None = None
    # The LA's s.14 choice for a learner at a school, and the school it directs. Decisions
    # stored before the choice was recorded lack them (None: whoever decided maintains).
    idp_arrangement: str | None = None
    directed_school: str | None = None
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(Decided)
def decided(
    self: "Determination",
    has_aln: bool,
    reasons: str,
    decided_on: date,
    decided_by: str,
    person: str,
    within_time: bool,
    idp_necessary: bool = True,
    necessity_deadline: dict[str, Any] | None = None,
    deciding_body: str | None = None,
    local_authority: str | None = None,
    reconsidering_authority: str | None = None,
    young_person: bool | None = None,
    looked_after: bool | None = None,
    decision_deadline: dict[str, Any] | None = None,
    idp_arrangement: str | None = None,
    directed_school: str | None = None,
) -> None:
    # The case's facts (deciding_body ... decision_deadline) are its state already.
    self.decision = {
        "has_aln": has_aln,
        "reasons": reasons,
        "decided_on": decided_on,
        "decided_by": decided_by,
        "person": person,
        "within_time": within_time,
        "idp_necessary": idp_necessary,
        "idp_arrangement": idp_arrangement,
        "directed_school": directed_school,
    }
    if necessity_deadline is not None:
        self.deadlines[NECESSITY] = necessity_deadline
    self.status = Status.decided(has_aln)


class NoticeIssued(Aggregate.Event):
    """A notice was given, with the content the Code requires."""

    notice_type: str
    recipients: list[str]
    content: dict[str, str]
    issued_on: date
    issued_by: str


@event(NoticeIssued)
def notice_issued(
    self: "Determination",
    notice_type: str,
    recipients: list[str],
    content: dict[str, str],
    issued_on: date,
    issued_by: str,
) -> None:
    self.notices.append(
        {
            "notice_type": notice_type,
            "recipients": recipients,
            "content": content,
            "issued_on": issued_on,
            "issued_by": issued_by,
        }
    )


class Reconsidered(Aggregate.Event):
    """The LA reconsidered the school's decision (R1): its decision is in force."""

    reconsideration_id: UUID
    local_authority: str
    has_aln: bool
    decided_on: date


@event(Reconsidered)
def reconsidered(
    self: "Determination",
    reconsideration_id: UUID,
    local_authority: str,
    has_aln: bool,
    decided_on: date,
) -> None:
    if self.decision is not None:
        self.superseded_decisions.append(deepcopy(self.decision))
    # The reasons stay with the reconsideration (disputes service); this is the outcome.
    self.decision = {
        "has_aln": has_aln,
        "decided_on": decided_on,
        "decided_by": local_authority,
        "reconsideration_id": reconsideration_id,
    }
    self.status = Status.decided(has_aln)


class Withdrawn(Aggregate.Event):
    """The concern was withdrawn."""

    __personal__ = PersonalFields(("reason",), learner=LEARNER_ID)

    reason: str
    withdrawn_on: date
    withdrawn_by: str
    learner_id: str = ""  # whose key seals the free text (ADR 0023)


@event(Withdrawn)
def withdrawn(self: "Determination", reason: str, withdrawn_on: date, withdrawn_by: str) -> None:
    self.withdrawal = {"reason": reason, "withdrawn_on": withdrawn_on, "by": withdrawn_by}
    self.status = Status.WITHDRAWN
