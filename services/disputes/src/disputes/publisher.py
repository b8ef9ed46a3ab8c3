"""Which stored disputes events become public integration events (ids and statutory facts)."""

from typing import Any

from contracts import disputes as public
from contracts.determination import deadline_facts
from contracts.events import IntegrationEvent
from disputes.domain import Advocacy, Appeal, DisagreementResolution, Reconsideration
from llwybr.eventstore import ChainedApplication, RecordedEvent
from llwybr.outbox import Publication, Translator


def _reconsideration(
    case: Reconsideration, name: str, s: dict[str, Any]
) -> IntegrationEvent | None:
    ids = {"learner_id": case.learner_id, "reconsideration_id": case.id}
    if name == "Requested":
        deadline = deadline_facts(s["deadline"])
        assert deadline is not None
        return public.ReconsiderationRequested(
            **ids, kind=s["kind"], subject_id=s["subject_id"], school=s["school"],
            local_authority=s["local_authority"], requested_on=s["requested_on"],
            deadline=deadline,
        )  # fmt: skip
    if name == "Decided":
        window = deadline_facts(s["appeal_window"])
        assert window is not None
        return public.ReconsiderationDecided(
            **ids, kind=case.kind.value, subject_id=case.subject_id, school=case.school,
            local_authority=case.local_authority, outcome=s["outcome"],
            decided_on=s["decided_on"], appeal_window=window,
        )  # fmt: skip
    if name == "NoticeIssued":
        window = deadline_facts(s["appeal_window"])
        assert window is not None
        assert case.decision is not None  # a notice follows a decision
        return public.ReconsiderationNoticeIssued(
            **ids, kind=case.kind.value, outcome=case.decision["outcome"],
            issued_on=s["issued_on"], recipients=s["recipients"], appeal_window=window,
        )  # fmt: skip
    if name == "DisagreementResolutionStarted":
        window = deadline_facts(s["appeal_window"])
        assert window is not None
        return public.DisagreementResolutionStarted(
            **ids, started_on=s["started_on"], appeal_window=window
        )
    return None


def _appeal(appeal: Appeal, name: str, s: dict[str, Any]) -> IntegrationEvent | None:
    ids = {"learner_id": appeal.learner_id, "appeal_id": appeal.id}
    if name == "Lodged":
        return public.AppealLodged(
            **ids, matter=s["matter"], respondent=s["respondent"], lodged_on=s["lodged_on"],
            late_admitted_by_president=s["late_admitted_by_president"],
        )  # fmt: skip
    if name == "Decided":
        return public.AppealDecided(
            **ids, outcome=s["outcome"], decided_on=s["decided_on"],
            orders=[public.OrderFacts(order_id=o["order_id"], kind=o["kind"],
                                      addressed_to=o["addressed_to"], comply_by=o["comply_by"])
                    for o in s["orders"]],
            recommendations=[public.RecommendationFacts(
                recommendation_id=r["recommendation_id"], nhs_body=r["nhs_body"],
                report_by=r["report_by"]) for r in s["recommendations"]],
        )  # fmt: skip
    if name == "ComplianceRecorded" and s.get("met"):
        return public.OrderComplied(**ids, order_id=s["order_id"], complied_on=s["complied_on"])
    if name == "RecommendationReported":
        return public.RecommendationReported(
            **ids, recommendation_id=s["recommendation_id"], nhs_body=s["reported_by"],
            reported_on=s["reported_on"],
        )  # fmt: skip
    return None


def _disagreement(
    case: DisagreementResolution, name: str, s: dict[str, Any]
) -> IntegrationEvent | None:
    ids = {"learner_id": case.learner_id, "case_id": case.id}
    if name == "Opened":
        return public.DisagreementResolutionOpened(
            **ids, local_authority=case.local_authority, subject_id=case.subject_id,
            opened_on=case.opened_on,
        )  # fmt: skip
    if name == "AppealWindowRecalculated":
        window = deadline_facts(s["window"])
        assert window is not None
        return public.AppealWindowRecalculated(
            **ids, subject_id=case.subject_id, previous_due_on=s["previous"]["due_on"],
            appeal_window=window,
        )  # fmt: skip
    if name == "Concluded":
        return public.DisagreementResolutionConcluded(
            **ids, outcome=s["outcome"], concluded_on=s["concluded_on"]
        )
    return None


def _advocacy(advocacy: Advocacy, name: str, s: dict[str, Any]) -> IntegrationEvent | None:
    ids = {"learner_id": advocacy.learner_id, "advocacy_id": advocacy.id}
    if name == "Requested":
        return public.AdvocacyRequested(
            **ids, local_authority=advocacy.local_authority,
            for_person=advocacy.for_person.value, requested_on=advocacy.requested_on,
        )  # fmt: skip
    if name == "Provided":
        return public.AdvocacyProvided(**ids, provided_on=s["provided_on"])
    if name == "Ended":
        return public.AdvocacyEnded(**ids, ended_on=s["ended_on"])
    return None


def translator(app: ChainedApplication) -> Translator:
    def translate(recorded: RecordedEvent) -> Publication | None:
        event = recorded.event
        name, state = type(event).__name__, dict(vars(event))
        # The aggregate as it was when this event was recorded.
        aggregate: object = app.repository.get(
            recorded.originator_id, version=recorded.originator_version
        )
        if isinstance(aggregate, Reconsideration):
            facts = _reconsideration(aggregate, name, state)
        elif isinstance(aggregate, Appeal):
            facts = _appeal(aggregate, name, state)
        elif isinstance(aggregate, DisagreementResolution):
            facts = _disagreement(aggregate, name, state)
        elif isinstance(aggregate, Advocacy):
            facts = _advocacy(aggregate, name, state)
        else:
            return None
        return Publication(facts, aggregate.learner_id) if facts is not None else None

    return translate
