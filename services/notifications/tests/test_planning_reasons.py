"""Decision notices carry the decision's reasons as the deciding body recorded them (s.13(3),
s.31(8), s.32(3), Regs reg 10), and the Tribunal's recommendations their wording: read from the
owner's public event, never written here."""

import uuid
from datetime import date

from contracts import disputes as dis
from contracts import idp
from llwybr.clock import RuleId
from notifications.notices.model import NoticeKind
from notifications.notices.planning import Subject, plan

from .test_planning import CASE, LA, LEARNER, LHB, PLAN, SCHOOL, deadline, decided

REASONS = "The school's assessment and the speech and language therapist's report show ..."


def test_a_decision_notice_carries_the_reasons_the_body_recorded() -> None:
    for decision in (decided(reasons=REASONS), decided(has_aln=True, reasons=REASONS)):
        [notice] = plan(decision, None).notices
        assert notice.facts["reasons"] == REASONS


def test_a_decision_published_before_it_carried_its_reasons_has_none() -> None:
    [notice] = plan(decided(), None).notices
    assert notice.facts["reasons"] is None  # the notice then says they must be given


def test_the_proposal_and_the_decision_to_cease_carry_their_reasons() -> None:
    known = Subject(str(PLAN), "idp", SCHOOL, "school")
    proposed = idp.CeaseProposed(
        idp_id=PLAN, learner_id=LEARNER, proposed_on=date(2026, 5, 1), reasons="Needs met"
    )
    ceased = idp.Ceased(
        idp_id=PLAN, learner_id=LEARNER, decided_on=date(2026, 6, 1),
        reconsideration_window_until=date(2026, 6, 29), reasons="Targets met; no ALP needed",
    )  # fmt: skip
    [proposal] = plan(proposed, known).notices
    [decision] = plan(ceased, known).notices
    assert (proposal.kind, proposal.facts["reasons"]) == (NoticeKind.CEASE_PROPOSED, "Needs met")
    assert (decision.kind, decision.facts["reasons"]) == (
        NoticeKind.IDP_CEASED, "Targets met; no ALP needed",
    )  # fmt: skip


def test_a_reconsideration_outcome_carries_the_las_reasons() -> None:
    outcome = dis.ReconsiderationDecided(
        learner_id=LEARNER, reconsideration_id=CASE, kind="R1", subject_id=PLAN, school=SCHOOL,
        local_authority=LA, outcome="has_aln", decided_on=date(2026, 5, 1),
        appeal_window=deadline(RuleId.D18, date(2026, 6, 26)), reasons=REASONS,
    )  # fmt: skip
    [notice] = plan(outcome, None).notices
    assert notice.facts["reasons"] == REASONS


def test_a_tribunal_decision_carries_each_recommendations_wording() -> None:
    appeal = uuid.uuid4()
    decision = dis.AppealDecided(
        learner_id=LEARNER, appeal_id=appeal, outcome="orders", decided_on=date(2026, 6, 1),
        orders=[],
        recommendations=[dis.RecommendationFacts(
            recommendation_id="r1", nhs_body=LHB, report_by=None,
            wording="Provide a sensory assessment by an occupational therapist",
        )],
    )  # fmt: skip
    [notice] = plan(decision, Subject(str(appeal), "appeal", LA)).notices
    [recommendation] = notice.facts["recommendations"]
    assert recommendation["wording"] == "Provide a sensory assessment by an occupational therapist"
