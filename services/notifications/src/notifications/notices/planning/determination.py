"""Determination events: decisions to tell families, decision and NHS clocks to watch."""

from datetime import date
from functools import singledispatch

from contracts import determination as det
from contracts.organisations import la_id
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning.actions import (
    DECIDING_BODY,
    HEALTH_BODY,
    Cancel,
    DeadlineAction,
    ExceptionClaim,
    LearnerUpdate,
    Meet,
    MetOn,
    Move,
    Plan,
    PlannedNotice,
    Subject,
    deadline_facts,
    kept,
    watching,
)
from notifications.notices.planning.health import HEALTH_BODY_KINDS


@singledispatch
def plan_determination(e: det.DeterminationEvent, known: Subject | None) -> Plan:
    """Evidence and the body's own notice records: nothing to send."""
    return Plan(learner_id=e.learner_id)


@plan_determination.register
def _concern_raised(e: det.ConcernRaised, known: Subject | None) -> Plan:
    case = str(e.determination_id)
    la = e.local_authority
    watches: tuple[DeadlineAction, ...] = ()
    if e.decision_deadline is not None:
        watches = (
            watching(
                f"{case}/decision", "decision", case, e.deciding_organisation, e.decision_deadline
            ),
        )
    return Plan(
        learner_id=e.learner_id,
        learner=LearnerUpdate(local_authority=la),
        relations=((e.deciding_organisation, DECIDING_BODY),),
        subject=Subject(case, "determination", e.deciding_organisation, e.deciding_body),
        deadlines=watches,
    )


@plan_determination.register
def _consent_recorded(e: det.ConsentRecorded, known: Subject | None) -> Plan:
    case = str(e.determination_id)
    if not e.given:
        return Plan(learner_id=e.learner_id, deadlines=(Cancel(f"{case}/"),))
    if e.decision_deadline is None or known is None:
        return Plan(learner_id=e.learner_id)
    watch = watching(f"{case}/decision", "decision", case, known.organisation, e.decision_deadline)
    return Plan(learner_id=e.learner_id, deadlines=(watch,))


@plan_determination.register
def _evidence_requested(e: det.EvidenceRequested, known: Subject | None) -> Plan:
    """A health body asked for evidence is related to the learner (``health_body``, ADR
    0015), as one referred to; another body asked is not related by being asked."""
    kind = e.from_organisation.partition(":")[0]
    related = ((e.from_organisation, HEALTH_BODY),) if kind in HEALTH_BODY_KINDS else ()
    return Plan(learner_id=e.learner_id, relations=related)


@plan_determination.register
def _nhs_referral_received(e: det.NhsReferralReceived, known: Subject | None) -> Plan:
    case = str(e.determination_id)
    watch = watching(
        f"{case}/nhs:{e.referral_id}", "nhs_answer", case, e.nhs_body, e.answer_deadline
    )
    return Plan(
        learner_id=e.learner_id,
        relations=((e.nhs_body, HEALTH_BODY),),
        notices=_referral(e, case, known),
        deadlines=(watch,),
    )


@plan_determination.register
def _nhs_referral_answered(e: det.NhsReferralAnswered, known: Subject | None) -> Plan:
    case = str(e.determination_id)
    notices: tuple[PlannedNotice, ...] = ()
    if known is not None:
        facts = {
            "answer": e.answer,
            "in_welsh": e.in_welsh,
            "nhs_body": e.nhs_body,
            "answered_on": e.answered_on.isoformat(),
            "referral_id": e.referral_id,
        }
        notices = (
            PlannedNotice(
                NoticeKind.NHS_ANSWER,
                e.nhs_body,
                case,
                facts,
                organisations=((known.organisation, Role.REFERRER),),
            ),
        )
    meet = Meet(f"{case}/nhs:{e.referral_id}", e.answered_on)
    return Plan(learner_id=e.learner_id, notices=notices, deadlines=(meet,))


@plan_determination.register
def _referred_to_local_authority(e: det.ReferredToLocalAuthority, known: Subject | None) -> Plan:
    case = str(e.determination_id)
    la = e.local_authority
    watch = watching(f"{case}/decision", "decision", case, la, e.decision_deadline)
    return Plan(
        learner_id=e.learner_id,
        relations=((la, DECIDING_BODY),),
        subject=Subject(case, "determination", la, "local_authority"),
        deadlines=(watch,),
    )


@plan_determination.register
def _exception_claimed(e: det.ExceptionClaimed, known: Subject | None) -> Plan:
    key = f"{e.determination_id}/{e.deadline_key}"
    return Plan(learner_id=e.learner_id, deadlines=(ExceptionClaim(key, e.claimed_on),))


@plan_determination.register
def _deadline_recalculated(e: det.DeadlineRecalculated, known: Subject | None) -> Plan:
    d = e.deadline
    key = f"{e.determination_id}/{e.deadline_key}"
    move = Move(key, d.rule_id, d.due_on, d.calendar_id, d.explanation, d.provisional)
    return Plan(learner_id=e.learner_id, deadlines=(move,))


@plan_determination.register
def _withdrawn(e: det.Withdrawn, known: Subject | None) -> Plan:
    return Plan(learner_id=e.learner_id, deadlines=(Cancel(f"{e.determination_id}/"),))


@plan_determination.register
def _decided(e: det.Decided, known: Subject | None) -> Plan:
    case = str(e.determination_id)
    la = e.local_authority
    facts = {
        "decided_on": e.decided_on.isoformat(),
        "decided_by": e.decided_by,
        "body_kind": e.deciding_body,
        "local_authority": la,
        "reconsidering_authority": la_id(e.reconsidering_authority)
        if e.reconsidering_authority
        else la,
        "within_time": e.within_time,
        # Quoted as recorded (s.13(3)), kept sealed until rendered; None only on old events.
        "reasons": kept(e.reasons),
        **deadline_facts(e.decision_deadline),
    }
    if e.idp_arrangement is not None:  # the LA's s.14 choice: who prepares and maintains the plan
        facts |= {"idp_arrangement": e.idp_arrangement, "directed_school": e.directed_school}
    kind = NoticeKind.DECISION_HAS_ALN if e.has_aln else NoticeKind.DECISION_NO_ALN
    if e.has_aln and not e.idp_necessary:
        kind = NoticeKind.IDP_NOT_NECESSARY  # the LA's s.14(1)(c) decision, to the young person
    notice = PlannedNotice(kind, e.decided_by, case, facts, family=True)
    return Plan(
        learner_id=e.learner_id,
        learner=LearnerUpdate(la, e.young_person, e.looked_after),
        relations=((e.decided_by, DECIDING_BODY),),
        notices=(notice,),
        # the clock is met when the decision is given, not made (s.4(6)): ``decision-given``
    )


@plan_determination.register
def _decision_given(e: det.DecisionGiven, known: Subject | None) -> Plan:
    """The determination service judged the day the decision clocks were met (its notice or
    the IDP given to the family): read, never computed here."""
    return Plan(
        learner_id=e.learner_id,
        deadlines=_met_on(e.determination_id, e.deadline_keys, e.clocks_met_on),
    )


@plan_determination.register
def _decision_notice_bounced(e: det.DecisionNoticeBounced, known: Subject | None) -> Plan:
    """The notice that met the clocks bounced: met on another day, or running again."""
    return Plan(
        learner_id=e.learner_id,
        deadlines=_met_on(e.determination_id, e.deadline_keys, e.clocks_met_on),
    )


def _met_on(case: object, keys: list[str], met_on: date | None) -> tuple[DeadlineAction, ...]:
    return tuple(MetOn(f"{case}/{key}", met_on) for key in keys)


def _referral(
    e: det.NhsReferralReceived, case: str, known: Subject | None
) -> tuple[PlannedNotice, ...]:
    """The referral, from the body deciding the case to the NHS body, with the answer date the
    event carries (D7, computed by the determination service; never here)."""
    if known is None:
        return ()  # a case never opened here: nobody known to give it
    d = e.answer_deadline
    facts = {
        "referral_id": e.referral_id,
        "referred_by": known.organisation,
        "nhs_body": e.nhs_body,
        "received_on": e.received_on.isoformat(),
        "answer_rule": d.rule_id,
        "answer_due_on": d.due_on.isoformat(),
        "answer_explanation": d.explanation,
    }
    notice = PlannedNotice(
        NoticeKind.NHS_REFERRAL,
        known.organisation,
        case,
        facts,
        organisations=((e.nhs_body, Role.NHS_BODY),),
    )
    return (notice,)
