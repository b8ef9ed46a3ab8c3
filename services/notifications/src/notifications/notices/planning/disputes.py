"""Disputes events: reconsiderations, appeals, Tribunal orders and recommendations."""

from functools import singledispatch
from typing import Any

from contracts import disputes as dis
from contracts.determination import DeadlineFacts
from contracts.organisations import la_id
from llwybr.clock import RuleId
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning.actions import (
    DECIDING_BODY,
    HEALTH_BODY,
    PARTY,
    RESPONDENT,
    TRIBUNAL,
    TRIBUNAL_OF_APPEAL,
    DeadlineAction,
    Meet,
    Plan,
    PlannedNotice,
    Related,
    Subject,
    Watch,
    deadline_facts,
    kept,
    watching,
)


@singledispatch
def plan_disputes(e: dis.DisputeEvent, known: Subject | None) -> Plan:
    """Events that call for nothing here (advocacy, the LA's own notice records, ...)."""
    return Plan(learner_id=e.learner_id)


@plan_disputes.register
def _reconsideration_requested(e: dis.ReconsiderationRequested, known: Subject | None) -> Plan:
    case, la, facts = _reconsideration(e)
    facts |= {"requested_on": e.requested_on.isoformat(), **deadline_facts(e.deadline)}
    notice = PlannedNotice(
        NoticeKind.RECONSIDERATION_RECEIVED,
        la,
        case,
        facts,
        organisations=((e.school, Role.GOVERNING_BODY),),
    )
    watch = watching(f"{case}/decision", "reconsideration_decision", case, la, e.deadline)
    return Plan(
        learner_id=e.learner_id,
        relations=((la, DECIDING_BODY), (e.school, PARTY)),
        subject=Subject(case, "reconsideration", la, "local_authority"),
        notices=(notice,),
        deadlines=(watch,),
    )


@plan_disputes.register
def _reconsideration_decided(e: dis.ReconsiderationDecided, known: Subject | None) -> Plan:
    case, la, facts = _reconsideration(e)
    facts |= {
        "outcome": e.outcome,
        "decided_on": e.decided_on.isoformat(),
        "reasons": kept(e.reasons),  # quoted as the LA recorded them (sealed)
    }
    notice = PlannedNotice(
        NoticeKind.RECONSIDERATION_DECIDED,
        la,
        case,
        facts,
        family=True,
        copies=((e.school, Role.GOVERNING_BODY),),
    )
    return Plan(
        learner_id=e.learner_id,
        relations=((la, DECIDING_BODY), (e.school, PARTY)),
        subject=Subject(case, "reconsideration", la, "local_authority"),
        notices=(notice,),
        deadlines=(Meet(f"{case}/decision", e.decided_on),),
    )


def _reconsideration(
    e: dis.ReconsiderationRequested | dis.ReconsiderationDecided,
) -> tuple[str, str, dict[str, Any]]:
    """The case, its LA, and the facts every reconsideration notice states."""
    la = la_id(e.local_authority)
    facts: dict[str, Any] = {
        "kind": e.kind,
        "school": e.school,
        "local_authority": la,
        "subject_case": str(e.subject_id),
        "body_kind": "local_authority",
    }
    return str(e.reconsideration_id), la, facts


@plan_disputes.register
def _resolution_started(e: dis.DisagreementResolutionStarted, known: Subject | None) -> Plan:
    if known is None:
        return Plan(learner_id=e.learner_id)
    facts = {"started_on": e.started_on.isoformat(), **_window_facts(e.appeal_window, known)}
    notice = PlannedNotice(
        NoticeKind.APPEAL_WINDOW_EXTENDED,
        known.organisation,
        str(e.reconsideration_id),
        facts,
        family=True,
    )
    return Plan(learner_id=e.learner_id, notices=(notice,))


@plan_disputes.register
def _resolution_opened(e: dis.DisagreementResolutionOpened, known: Subject | None) -> Plan:
    la = la_id(e.local_authority)
    subject = Subject(str(e.case_id), "disagreement_resolution", la, "local_authority")
    # the LA's own learner or not, the registry says: opening a case gives no relationship
    return Plan(learner_id=e.learner_id, subject=subject)


@plan_disputes.register
def _window_recalculated(e: dis.AppealWindowRecalculated, known: Subject | None) -> Plan:
    if known is None:
        return Plan(learner_id=e.learner_id)
    facts = {
        "started_on": None,
        "previous_due_on": e.previous_due_on.isoformat(),
        **_window_facts(e.appeal_window, known),
    }
    subject_id = str(e.subject_id or e.case_id)
    notice = PlannedNotice(
        NoticeKind.APPEAL_WINDOW_EXTENDED, known.organisation, subject_id, facts, family=True
    )
    return Plan(learner_id=e.learner_id, notices=(notice,))


@plan_disputes.register
def _window_from_notice(e: dis.AppealWindowFromNotice, known: Subject | None) -> Plan:
    """The disputes service enforces a later last day than a notice told the family (a rule
    table corrected in between): the family is told the day enforced (ADR 0017)."""
    window, told = e.appeal_window, e.quoted_until
    if known is None or window is None or told is None or window.due_on <= told:
        return Plan(learner_id=e.learner_id)
    facts = {"started_on": None, "previous_due_on": told.isoformat(),
             **_window_facts(window, known)}  # fmt: skip
    notice = PlannedNotice(
        NoticeKind.APPEAL_WINDOW_CORRECTED, known.organisation, str(e.subject_id), facts,
        family=True,
    )  # fmt: skip
    return Plan(learner_id=e.learner_id, notices=(notice,))


def _window_facts(w: DeadlineFacts, known: Subject) -> dict[str, Any]:
    """What an extended appeal window's notice states of it (the LA gives it)."""
    return {
        "local_authority": known.organisation,
        "body_kind": "local_authority",
        "appeal_window_until": w.due_on.isoformat(),
        "appeal_window_rule": w.rule_id,
        "appeal_window_explanation": w.explanation,
    }


@plan_disputes.register
def _appeal_lodged(e: dis.AppealLodged, known: Subject | None) -> Plan:
    appeal = str(e.appeal_id)
    facts = {
        "matter": e.matter,
        "respondent": e.respondent,
        "lodged_on": e.lodged_on.isoformat(),
        "late_admitted_by_president": e.late_admitted_by_president,
    }
    notice = PlannedNotice(
        NoticeKind.APPEAL_LODGED,
        TRIBUNAL,
        appeal,
        facts,
        family=True,
        copies=((e.respondent, Role.RESPONDENT),),
    )
    return Plan(
        learner_id=e.learner_id,
        relations=((e.respondent, RESPONDENT), (TRIBUNAL, TRIBUNAL_OF_APPEAL)),
        subject=Subject(appeal, "appeal", e.respondent),
        notices=(notice,),
    )


@plan_disputes.register
def _order_complied(e: dis.OrderComplied, known: Subject | None) -> Plan:
    key = f"{e.appeal_id}/order:{e.order_id}"
    return Plan(learner_id=e.learner_id, deadlines=(Meet(key, e.complied_on),))


@plan_disputes.register
def _recommendation_reported(e: dis.RecommendationReported, known: Subject | None) -> Plan:
    key = f"{e.appeal_id}/recommendation:{e.recommendation_id}"
    return Plan(learner_id=e.learner_id, deadlines=(Meet(key, e.reported_on),))


@plan_disputes.register
def _appeal_decided(e: dis.AppealDecided, known: Subject | None) -> Plan:
    appeal = str(e.appeal_id)
    respondent = known.organisation if known else None
    orders = [o.model_dump(mode="json") for o in e.orders]
    recommendations = [r.model_dump(mode="json") for r in e.recommendations]
    facts = {
        "outcome": e.outcome,
        "decided_on": e.decided_on.isoformat(),
        "respondent": respondent,
        "orders": orders,
        "recommendations": recommendations,
    }
    copies: list[tuple[str, Role]] = []
    if respondent:
        copies.append((respondent, Role.RESPONDENT))
    copies += [(o.addressed_to, Role.ORDER_ADDRESSEE) for o in e.orders]
    copies += [(r.nhs_body, Role.NHS_BODY) for r in e.recommendations]
    actions: list[DeadlineAction] = []
    for o in e.orders:
        if o.comply_by is not None:
            actions.append(
                Watch(
                    f"{appeal}/order:{o.order_id}",
                    "order_compliance",
                    appeal,
                    o.addressed_to,
                    None,
                    o.comply_by,
                    None,
                    f"Tribunal order {o.order_id} ({o.kind}): comply by {o.comply_by.isoformat()}",
                )
            )
    for r in e.recommendations:
        if r.report_by is not None:
            actions.append(
                Watch(
                    f"{appeal}/recommendation:{r.recommendation_id}",
                    "recommendation_report",
                    appeal,
                    r.nhs_body,
                    RuleId.D20,
                    r.report_by,
                    None,
                    f"report back to the Tribunal on recommendation "
                    f"{r.recommendation_id} by {r.report_by.isoformat()}",
                )
            )
    relations: list[tuple[str, Related]] = [(TRIBUNAL, TRIBUNAL_OF_APPEAL)]
    relations += [(org, RESPONDENT) for org, role in copies if role != Role.NHS_BODY]
    relations += [(r.nhs_body, HEALTH_BODY) for r in e.recommendations]
    notice = PlannedNotice(
        NoticeKind.APPEAL_DECIDED, TRIBUNAL, appeal, facts, family=True, copies=tuple(copies)
    )
    return Plan(
        learner_id=e.learner_id,
        relations=tuple(relations),
        notices=(notice,),
        deadlines=tuple(actions),
    )
