"""The Determination aggregate: one concern about a learner, to a decision on ALN.

States (docs/domain.md section 8): awaiting consent -> gathering information (a referral to the LA
moves the duty and starts a new clock) -> decided (ALN or no ALN) -> notices given; or no
decision required; or withdrawn. Deadlines are computed by the statutory clock before each
event and stored in it, never recomputed on replay. The events and their appliers are written
in ``events.py`` and nested here, which gives them their stored topics (never to change).
"""

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from determination.domain import events, given
from determination.domain.deciding import CaseAtDecision, IdpArrangement, decision_facts
from determination.domain.errors import (
    DateOutOfOrderError,
    DeterminationAlreadyDecidedError,
    DeterminationNotOpenError,
    IncompleteNoticeError,
    InvalidTransitionError,
    UnknownReferenceError,
    WrongDecidingBodyError,
)
from determination.domain.learner import Learner
from determination.domain.notices import NoticeType, Recipient, notice_gaps, notice_refusal
from determination.domain.routing import BodyKind, DecidingBody, Routing
from determination.domain.values import (
    DECISION,
    OPEN,
    Document,
    NhsAnswer,
    ProvisionLevel,
    Status,
)
from llwybr.clock import Deadline
from llwybr.personal_data.aggregate import SealedForLearner


class Determination(SealedForLearner, Aggregate):
    """One concern about one learner, and the duty to decide whether they have ALN."""

    class ConcernRaised(events.ConcernRaised): ...

    class ConsentRecorded(events.ConsentRecorded): ...

    class GraduatedResponseRecorded(events.GraduatedResponseRecorded): ...

    class EvidenceRequested(events.EvidenceRequested): ...

    class EvidenceSubmitted(events.EvidenceSubmitted): ...

    class NhsReferralReceived(events.NhsReferralReceived): ...

    class NhsReferralAnswered(events.NhsReferralAnswered): ...

    class ReferredToLocalAuthority(events.ReferredToLocalAuthority): ...

    class ExceptionClaimed(events.ExceptionClaimed): ...

    class DeadlineRecalculated(events.DeadlineRecalculated): ...

    class Decided(events.Decided): ...

    class NoticeIssued(events.NoticeIssued): ...

    class Reconsidered(events.Reconsidered): ...

    class Withdrawn(events.Withdrawn): ...

    class DecisionGiven(given.DecisionGiven): ...

    class GivenNoticeBounced(given.GivenNoticeBounced): ...

    # Each event's applier (events.py), called by the command that records the event.
    _record_consent = events.consent_recorded
    _record_graduated_response = events.graduated_response_recorded
    _request_evidence = events.evidence_requested
    _submit_evidence = events.evidence_submitted
    _receive_nhs_referral = events.nhs_referral_received
    _answer_nhs_referral = events.nhs_referral_answered
    _refer_to_local_authority = events.referred_to_local_authority
    _claim_exception = events.exception_claimed
    _recalculate_deadline = events.deadline_recalculated
    _decide = events.decided
    _issue_notice = events.notice_issued
    _reconsider = events.reconsidered
    _withdraw = events.withdrawn
    _record_given = given.decision_given  # commands in given.py
    _record_bounce = given.given_notice_bounced

    @property
    def sealed_for(self) -> str:  # whose key seals the case's free text (ADR 0023)
        return str(self.learner["learner_id"])

    @event(ConcernRaised)
    def __init__(
        self,
        learner: dict[str, Any],
        raised_by: str,
        came_to_attention_on: date,
        body: dict[str, str],
        status: str,
        no_decision_reason: str | None,
        reconsidering_authority: str | None,
        decision_deadline: dict[str, Any] | None,
    ) -> None:
        self.learner = learner
        self.raised_by = raised_by
        self.came_to_attention_on = came_to_attention_on
        self.body = body
        self.status = Status(status)
        self.no_decision_reason = no_decision_reason
        self.reconsidering_authority = reconsidering_authority
        self.deadlines: dict[str, dict[str, Any]] = {}
        if decision_deadline is not None:
            self.deadlines[DECISION] = decision_deadline
        self.consent: dict[str, Any] | None = None
        self.graduated_response: list[dict[str, Any]] = []
        self.evidence_requests: dict[str, dict[str, Any]] = {}
        self.evidence: list[dict[str, Any]] = []
        self.nhs_referrals: dict[str, dict[str, Any]] = {}
        self.referral_to_la: dict[str, Any] | None = None
        self.exceptions: list[dict[str, Any]] = []
        self.recalculations: list[dict[str, Any]] = []
        self.decision: dict[str, Any] | None = None  # the decision in force
        self.superseded_decisions: list[dict[str, Any]] = []  # lapsed on reconsideration
        self.notices: list[dict[str, Any]] = []
        self.withdrawal: dict[str, Any] | None = None
        self.given: dict[str, dict[str, Any]] = {}  # notices and IDP given (given.py)
        self.clock_met_on: date | None = None  # the decision clocks met (s.4(6))

    @classmethod
    def raise_concern(
        cls,
        learner: Learner,
        routing: Routing,
        *,
        raised_by: str,
        came_to_attention_on: date,
        decision_deadline: Deadline | None,
    ) -> "Determination":
        """A concern that a learner may have ALN came to a body's attention."""
        if came_to_attention_on < learner.born_on:
            raise DateOutOfOrderError("the concern cannot predate the learner's birth")
        status = routing.status
        if status is Status.GATHERING_INFORMATION and decision_deadline is None:
            raise ValueError("a body that must decide has a decision deadline")
        return cls(
            learner=learner.as_dict(),
            raised_by=raised_by,
            came_to_attention_on=came_to_attention_on,
            body=routing.body.as_dict(),
            status=status.value,
            no_decision_reason=routing.no_decision.value if routing.no_decision else None,
            reconsidering_authority=routing.reconsidering_authority,
            decision_deadline=decision_deadline.as_dict()
            if decision_deadline is not None and status is Status.GATHERING_INFORMATION
            else None,
        )

    @property
    def deciding_body(self) -> DecidingBody:
        return DecidingBody.from_dict(self.body)

    @property
    def learner_record(self) -> Learner:
        return Learner.from_dict(self.learner)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def deadline(self, key: str = DECISION) -> Deadline | None:
        data = self.deadlines.get(key)
        return Deadline.from_dict(data) if data is not None else None

    @property
    def consented_on(self) -> date:
        """The day a young person consented to the decision: recorded, else the day the
        concern came to attention (consent already given when it was raised)."""
        recorded: date | None = (self.consent or {}).get("recorded_on")
        return recorded if recorded is not None else self.came_to_attention_on

    @property
    def idp_necessary(self) -> bool:
        """False when the decision in force is that a young person's IDP is not necessary."""
        return bool((self.decision or {}).get("idp_necessary", True))

    def _require_open(self) -> None:
        if self.status in {Status.DECIDED_ALN, Status.DECIDED_NO_ALN}:
            raise DeterminationAlreadyDecidedError(f"determination {self.id} is already decided")
        if not self.is_open:
            raise DeterminationNotOpenError(f"determination {self.id} is {self.status.value}")

    def _require_not_before(self, day: date, earlier: date, what: str) -> None:
        if day < earlier:
            raise DateOutOfOrderError(f"{what} ({day}) cannot be before {earlier}")

    def _require_deadline(self, key: str) -> dict[str, Any]:
        if key not in self.deadlines:
            raise UnknownReferenceError(f"no deadline {key}")
        return self.deadlines[key]

    def record_consent(
        self,
        *,
        given: bool,
        recorded_on: date,
        recorded_by: str,
        decision_deadline: Deadline | None,
    ) -> None:
        """A young person consented (the clock starts) or refused (no duty to decide)."""
        if self.status is not Status.AWAITING_CONSENT:
            raise InvalidTransitionError(f"determination {self.id} is not awaiting consent")
        self._require_not_before(recorded_on, self.came_to_attention_on, "consent")
        if given and decision_deadline is None:
            raise ValueError("consent starts the decision clock: a deadline is needed")
        self._record_consent(
            given=given,
            recorded_on=recorded_on,
            recorded_by=recorded_by,
            decision_deadline=decision_deadline.as_dict() if given and decision_deadline else None,
        )

    # -- evidence -------------------------------------------------------------------------

    def record_graduated_response(
        self,
        *,
        level: ProvisionLevel,
        description: str,
        small_steps_targets: list[str],
        termly_reviews: list[dict[str, Any]],
        recorded_on: date,
        recorded_by: str,
    ) -> None:
        """Universal or targeted provision already made, with Small Steps Plan targets and
        their termly reviews (evidence of the graduated response)."""
        self._require_open()
        self._record_graduated_response(
            level=level.value,
            description=description,
            small_steps_targets=small_steps_targets,
            termly_reviews=termly_reviews,
            recorded_on=recorded_on,
            recorded_by=recorded_by,
        )

    def request_evidence(
        self, *, request_id: str, from_organisation: str, description: str, requested_on: date
    ) -> None:
        """Evidence asked of another body, e.g. a health board's DECLO."""
        self._require_open()
        if request_id in self.evidence_requests:
            raise InvalidTransitionError(f"evidence request {request_id} already exists")
        self._require_not_before(requested_on, self.came_to_attention_on, "the request")
        self._request_evidence(
            request_id=request_id,
            from_organisation=from_organisation,
            description=description,
            requested_on=requested_on,
        )

    def submit_evidence(
        self,
        *,
        submitted_by: str,
        summary: str,
        documents: list[Document],
        submitted_on: date,
        request_id: str | None = None,
    ) -> None:
        """Evidence received, answering a request or unprompted, with its documents."""
        self._require_open()
        self._require_not_before(submitted_on, self.came_to_attention_on, "evidence")
        if request_id is not None:
            request = self.evidence_requests.get(request_id)
            if request is None:
                raise UnknownReferenceError(f"no evidence request {request_id}")
            if request["from_organisation"] != submitted_by:
                raise WrongDecidingBodyError(
                    f"evidence request {request_id} was made of {request['from_organisation']}"
                )
        self._submit_evidence(
            request_id=request_id,
            submitted_by=submitted_by,
            summary=summary,
            documents=[d.as_dict() for d in documents],
            submitted_on=submitted_on,
        )

    # -- NHS referral ---------------------------------------------------------------------

    def receive_nhs_referral(
        self, *, referral_id: str, nhs_body: str, received_on: date, deadline: Deadline
    ) -> None:
        """An NHS body received a referral; it must answer on its own 6-week clock (D7)."""
        self._require_open()
        if referral_id in self.nhs_referrals:
            raise InvalidTransitionError(f"NHS referral {referral_id} already exists")
        self._require_not_before(received_on, self.came_to_attention_on, "the referral")
        self._receive_nhs_referral(
            referral_id=referral_id,
            nhs_body=nhs_body,
            received_on=received_on,
            deadline=deadline.as_dict(),
        )

    def answer_nhs_referral(
        self,
        *,
        referral_id: str,
        answer: NhsAnswer,
        in_welsh: bool | None,
        answered_on: date,
        answered_by: str,
        details: str,
    ) -> None:
        """The NHS body's answer: a treatment or service identified (and if in Welsh), or none."""
        referral = self.nhs_referrals.get(referral_id)
        if referral is None:
            raise UnknownReferenceError(f"no NHS referral {referral_id}")
        if referral["answer"] is not None:
            raise InvalidTransitionError(f"NHS referral {referral_id} is already answered")
        if answered_by != referral["nhs_body"]:
            raise WrongDecidingBodyError(
                f"NHS referral {referral_id} was made to {referral['nhs_body']}"
            )
        self._require_not_before(answered_on, referral["received_on"], "the answer")
        if answer is NhsAnswer.IDENTIFIED and in_welsh is None:
            raise ValueError("an identified treatment or service says whether it is in Welsh")
        self._answer_nhs_referral(
            referral_id=referral_id,
            answer=answer.value,
            in_welsh=in_welsh if answer is NhsAnswer.IDENTIFIED else None,
            answered_on=answered_on,
            answered_by=answered_by,
            details=details,
        )

    # -- referral to the LA, exceptions, recalculation ------------------------------------

    def refer_to_local_authority(
        self,
        *,
        local_authority: str,
        reason: str,
        referred_on: date,
        referred_by: str,
        deadline: Deadline,
    ) -> None:
        """A school or FEI refers the decision to the LA (s.12); the LA's clock starts."""
        self._require_open()
        body = self.deciding_body
        if body.is_local_authority:
            raise InvalidTransitionError("the local authority is already the deciding body")
        if referred_by != body.organisation:
            raise WrongDecidingBodyError(f"only {body.organisation} can refer this decision")
        self._require_not_before(referred_on, self.came_to_attention_on, "the referral")
        self._refer_to_local_authority(
            local_authority=local_authority,
            reason=reason,
            referred_on=referred_on,
            referred_by=referred_by,
            deadline=deadline.as_dict(),
        )

    def claim_exception(
        self, *, deadline_key: str, reason: str, evidence: str, claimed_on: date, claimed_by: str
    ) -> None:
        """A body claims an exception to a time limit: recorded, never a silent move."""
        self._require_deadline(deadline_key)
        self._claim_exception(
            deadline_key=deadline_key,
            reason=reason,
            evidence=evidence,
            claimed_on=claimed_on,
            claimed_by=claimed_by,
        )

    def recalculate_deadline(self, *, deadline_key: str, new: Deadline, reason: str) -> None:
        """A calendar or rule correction moved a deadline: an explicit event with both dates."""
        old = self._require_deadline(deadline_key)
        self._recalculate_deadline(
            deadline_key=deadline_key, previous=old, deadline=new.as_dict(), reason=reason
        )

    # -- decision, notices, withdrawal ----------------------------------------------------

    def decide(
        self,
        *,
        has_aln: bool,
        reasons: str,
        decided_on: date,
        decided_by: str,
        person: str,
        idp_necessary: bool = True,
        necessity_deadline: Deadline | None = None,
        idp_arrangement: IdpArrangement | None = None,
        names_place_or_board: bool = False,
    ) -> None:
        """The deciding body's decision whether the learner has ALN (checked and completed by
        ``deciding.decision_facts``); with it, for a young person outside a maintained school
        or FEI, the LA may decide an IDP is not necessary (s.14(1)(c)) on its own clock from
        consent (``necessity_deadline``, D5); for a learner at a school, the LA chooses who
        prepares and maintains the IDP (s.14: ``idp_arrangement``, the LA itself if none)."""
        self._require_open()
        body, learner = self.deciding_body, self.learner_record
        start = (self.referral_to_la or {}).get("referred_on", self.came_to_attention_on)
        case = CaseAtDecision(self.status, body, learner, start, self.deadline())
        self._decide(
            has_aln=has_aln,
            reasons=reasons,
            decided_on=decided_on,
            decided_by=decided_by,
            person=person,
            **decision_facts(
                case,
                has_aln=has_aln,
                decided_on=decided_on,
                decided_by=decided_by,
                idp_necessary=idp_necessary,
                necessity_deadline=necessity_deadline,
                arrangement=idp_arrangement,
                names_place_or_board=names_place_or_board,
            ),
            deciding_body=body.kind.value,
            local_authority=learner.local_authority,
            reconsidering_authority=self.reconsidering_authority,
            young_person=learner.young_person,
            looked_after=learner.looked_after,
            decision_deadline=self.deadlines.get(DECISION),
        )

    def issue_notice(
        self,
        *,
        notice_type: NoticeType,
        recipients: list[Recipient],
        content: dict[str, str],
        issued_on: date,
        issued_by: str,
    ) -> None:
        """A notice given with the content the Code requires (checked here)."""
        body = self.deciding_body
        if notice_type is NoticeType.NHS_REFERRAL:
            self._require_open()
        else:
            refusal = notice_refusal(notice_type, self.status, self.idp_necessary)
            if refusal is not None:
                raise InvalidTransitionError(refusal)
            assert self.decision is not None
            self._require_not_before(issued_on, self.decision["decided_on"], "the notice")
        if issued_by != body.organisation:
            raise WrongDecidingBodyError(f"the notice is given by {body.organisation}")
        gaps = notice_gaps(notice_type, body.kind, self.learner_record, recipients, content)
        if gaps:
            raise IncompleteNoticeError(f"the notice lacks {'; '.join(gaps)}")
        self._issue_notice(
            notice_type=notice_type.value,
            recipients=[r.value for r in recipients],
            content=content,
            issued_on=issued_on,
            issued_by=issued_by,
        )

    def record_reconsideration(
        self, *, reconsideration_id: UUID, local_authority: str, has_aln: bool, decided_on: date
    ) -> None:
        """The LA, asked to reconsider the school's decision (R1, s.26; also a school's refusal
        to decide), decided whether the learner has ALN: the LA's decision is in force from
        now and the school's lapses (kept in ``superseded_decisions``)."""
        if self.deciding_body.kind is not BodyKind.SCHOOL:
            raise WrongDecidingBodyError(
                f"only a school's decision is reconsidered by the LA, not a "
                f"{self.deciding_body.kind.value}'s"
            )
        if self.status is Status.WITHDRAWN:
            raise DeterminationNotOpenError(f"determination {self.id} was withdrawn")
        if (self.decision or {}).get("reconsideration_id") == reconsideration_id:
            raise InvalidTransitionError(f"reconsideration {reconsideration_id} is recorded")
        self._require_not_before(decided_on, self.came_to_attention_on, "the LA's decision")
        self._reconsider(
            reconsideration_id=reconsideration_id,
            local_authority=local_authority,
            has_aln=has_aln,
            decided_on=decided_on,
        )

    def withdraw(self, *, reason: str, withdrawn_on: date, withdrawn_by: str) -> None:
        """The concern is withdrawn (e.g. the learner left the setting)."""
        self._require_open()
        self._require_not_before(withdrawn_on, self.came_to_attention_on, "the withdrawal")
        self._withdraw(reason=reason, withdrawn_on=withdrawn_on, withdrawn_by=withdrawn_by)
