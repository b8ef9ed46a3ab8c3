"""Who may receive which event by webhook, from the organisations public events name (pure)."""

import uuid
from datetime import date

from contracts import determination, disputes, idp
from contracts.events import IntegrationEvent
from llwybr.clock import RuleId
from notifications.webhooks.audience import entitled, named_organisations

DEADLINE = determination.DeadlineFacts(
    rule_id=RuleId.D1, rule_table_version="2026.1", unit="school_days", length=35,
    trigger_date=date(2026, 3, 2), due_on=date(2026, 4, 24), calendar_id="school:6652001",
    provisional=False,
)  # fmt: skip
LEARNER = "learner-1"


def named(event: IntegrationEvent) -> set[str]:
    return named_organisations(event)


def test_a_concern_names_the_deciding_school_and_the_learners_la() -> None:
    event = determination.ConcernRaised(
        determination_id=uuid.uuid4(), learner_id=LEARNER, deciding_body="school",
        deciding_organisation="school:6652001", local_authority="665",
        status="gathering_information", no_decision_reason=None,
        came_to_attention_on=date(2026, 3, 2), decision_deadline=DEADLINE,
    )  # fmt: skip
    assert named(event) == {"school:6652001", "la:665"}


def test_an_evidence_request_names_the_health_board() -> None:
    event = determination.EvidenceRequested(
        determination_id=uuid.uuid4(), learner_id=LEARNER, request_id="r1",
        from_organisation="lhb:7A1", requested_on=date(2026, 3, 3),
    )  # fmt: skip
    assert named(event) == {"lhb:7A1"}


def test_a_school_maintained_plan_also_names_the_schools_la() -> None:
    event = idp.IdpOpened(
        idp_id=uuid.uuid4(), learner_id=LEARNER, maintainer_kind="school",
        maintaining_organisation="school:6652001", opened_on=date(2026, 4, 1),
        determination_id=None, preparation_deadline=None, reason="aln_decision",
    )  # fmt: skip
    assert named(event) == {"school:6652001", "la:665"}


def test_a_plan_version_names_the_nhs_bodies_securing_alp() -> None:
    event = idp.IdpIssued(
        idp_id=uuid.uuid4(), learner_id=LEARNER, plan_version=1, issued_on=date(2026, 4, 20),
        issued_by="la:665", review_deadline=DEADLINE, revision_reason=None,
        nhs_bodies_securing_alp=["lhb:7A1", "nhs:trust1"], alp_in_welsh=0, alp_elements=2,
    )  # fmt: skip
    assert named(event) == {"la:665", "lhb:7A1", "nhs:trust1"}


def test_an_appeal_decision_names_the_ordered_and_recommended_bodies_not_the_school() -> None:
    event = disputes.AppealDecided(
        learner_id=LEARNER, appeal_id=uuid.uuid4(), outcome="orders", decided_on=date(2026, 9, 1),
        orders=[disputes.OrderFacts(order_id="o1", kind="revise", addressed_to="la:665",
                                    comply_by=None)],
        recommendations=[disputes.RecommendationFacts(recommendation_id="r1",
                                                      nhs_body="lhb:7A1", report_by=None)],
    )  # fmt: skip
    assert named(event) == {"la:665", "lhb:7A1"}


def test_a_reconsideration_names_the_school_and_its_la() -> None:
    event = disputes.ReconsiderationRequested(
        learner_id=LEARNER, reconsideration_id=uuid.uuid4(), kind="R1",
        subject_id=uuid.uuid4(), school="school:6652001", local_authority="la:665",
        requested_on=date(2026, 5, 1), deadline=DEADLINE,
    )  # fmt: skip
    assert named(event) == {"school:6652001", "la:665"}


def test_a_case_event_reaches_only_its_audience() -> None:
    decided = determination.Decided(
        determination_id=uuid.uuid4(), learner_id=LEARNER, has_aln=False,
        decided_on=date(2026, 4, 20), decided_by="school:6652001", deciding_body="school",
        local_authority="665", reconsidering_authority=None, within_time=True,
        young_person=False, looked_after=False, decision_deadline=DEADLINE,
    )  # fmt: skip
    audience = {"school:6652001", "la:665"}
    assert entitled("school:6652001", decided, audience)
    assert entitled("la:665", decided, audience)
    assert not entitled("school:6652002", decided, audience)
    assert not entitled("la:666", decided, audience)
    assert not entitled("lhb:7A1", decided, set())


def test_calendars_and_the_rule_table_reach_every_subscriber() -> None:
    calendar = determination.CalendarPublished(
        calendar_id="school:6652001", calendar_version=1, calendar_name="Ysgol 2026",
        terms=[], closures=[],
    )  # fmt: skip
    corrected = determination.RuleTableCorrected(
        rule_table_version="2026.2", rules=[], corrected_by="system:admin"
    )
    for public in (calendar, corrected):
        assert entitled("school:6652002", public, set())
