"""What each public event means here: notices to whom, and deadlines watched or closed."""

import uuid
from datetime import date
from typing import Any, get_args

from contracts import determination as det
from contracts import disputes as dis
from contracts import idp
from contracts.determination import DeadlineFacts
from llwybr.access import Relationship
from llwybr.clock import RuleId
from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning import (
    TRIBUNAL,
    Cancel,
    Meet,
    MetOn,
    Move,
    Reassign,
    Subject,
    Watch,
    plan,
)
from notifications.notices.planning.actions import Related

CASE = uuid.UUID("00000000-0000-4000-8000-00000000000a")
PLAN = uuid.UUID("00000000-0000-4000-8000-00000000000b")
SCHOOL, LA, LHB = "school:6652001", "la:665", "lhb:7A1"
LEARNER = "learner-1"


def deadline(rule: str, due: date, calendar: str | None = None) -> DeadlineFacts:
    return DeadlineFacts(
        rule_id=rule,
        rule_table_version="2026.1",
        unit="school_days",
        length=35,
        trigger_date=date(2026, 1, 5),
        due_on=due,
        calendar_id=calendar,
        provisional=False,
        explanation=f"{rule} due",
    )


def decided(**changes: Any) -> det.Decided:
    values: dict[str, Any] = {
        "determination_id": CASE,
        "learner_id": LEARNER,
        "has_aln": False,
        "decided_on": date(2026, 2, 2),
        "decided_by": SCHOOL,
        "deciding_body": "school",
        "local_authority": "la:665",
        "reconsidering_authority": None,
        "within_time": True,
        "young_person": False,
        "looked_after": False,
        "decision_deadline": deadline(RuleId.D1, date(2026, 2, 25), SCHOOL),
    }
    return det.Decided(**{**values, **changes})


def test_a_concern_watches_the_deciding_bodys_decision_deadline() -> None:
    raised = det.ConcernRaised(
        determination_id=CASE,
        learner_id=LEARNER,
        deciding_body="school",
        deciding_organisation=SCHOOL,
        local_authority="la:665",
        status="gathering_information",
        no_decision_reason=None,
        came_to_attention_on=date(2026, 1, 5),
        decision_deadline=deadline(RuleId.D1, date(2026, 2, 25), SCHOOL),
    )
    result = plan(raised, None)
    assert result.relations == ((SCHOOL, Relationship.DECIDING_BODY),)  # the LA's: the registry
    assert result.subject == Subject(str(CASE), "determination", SCHOOL, "school")
    [watch] = result.deadlines
    assert isinstance(watch, Watch)
    assert (watch.key, watch.responsible, watch.due_on, watch.calendar_id) == (
        f"{CASE}/decision",
        SCHOOL,
        date(2026, 2, 25),
        SCHOOL,
    )


def test_a_no_aln_decision_tells_the_family_and_leaves_the_deadline_to_the_notice() -> None:
    """The clock is met when the decision is given (s.4(6)), not made: ``decision-given``."""
    result = plan(decided(), None)
    [notice] = result.notices
    assert (notice.kind, notice.issuer, notice.family) == (NoticeKind.DECISION_NO_ALN, SCHOOL, True)
    assert notice.facts["body_kind"] == "school"
    assert notice.facts["reconsidering_authority"] == LA
    assert result.deadlines == ()
    assert (result.learner and result.learner.young_person) is False


def test_an_aln_decision_is_a_has_aln_notice() -> None:
    [notice] = plan(decided(has_aln=True), None).notices
    assert notice.kind is NoticeKind.DECISION_HAS_ALN
    assert notice.facts["deadline_due_on"] == "2026-02-25"


def test_an_las_idp_not_necessary_decision_tells_the_young_person() -> None:
    la_decision = decided(
        has_aln=True, idp_necessary=False, decided_by=LA, deciding_body="local_authority",
        young_person=True, decision_deadline=deadline(RuleId.D5, date(2026, 5, 28)),
    )  # fmt: skip
    result = plan(la_decision, None)
    [notice] = result.notices
    assert (notice.kind, notice.issuer, notice.family) == (NoticeKind.IDP_NOT_NECESSARY, LA, True)
    assert (notice.facts["body_kind"], notice.facts["deadline_due_on"]) == (
        "local_authority", "2026-05-28",
    )  # fmt: skip
    assert result.learner is not None
    assert result.learner.young_person is True  # the young person receives it
    assert result.deadlines == ()  # met when the notice is given (``decision-given``)


def test_the_decision_clocks_are_met_on_the_day_the_determination_says_and_reopened() -> None:
    """The day the decision was given is the determination service's judgment, read as is."""
    keys = ["decision", "idp_necessity"]
    given = det.DecisionGiven(
        determination_id=CASE, learner_id="l-1", given_id="n1", given_as="notice",
        given_on=date(2026, 2, 5), deadline_keys=keys, clocks_met_on=date(2026, 2, 5),
    )  # fmt: skip
    met = date(2026, 2, 5)
    assert plan(given, None).deadlines == tuple(MetOn(f"{CASE}/{k}", met) for k in keys)
    bounced = det.DecisionNoticeBounced(
        determination_id=CASE, learner_id="l-1", given_id="n1", bounced_on=date(2026, 2, 6),
        deadline_keys=["decision"], clocks_met_on=None,
    )  # fmt: skip
    assert plan(bounced, None).deadlines == (MetOn(f"{CASE}/decision", None),)


def test_an_aln_decision_published_before_idp_necessity_existed_is_a_has_aln_notice() -> None:
    data = decided(has_aln=True).model_dump(mode="json", exclude={"idp_necessary"})
    [notice] = plan(det.Decided.model_validate(data), None).notices
    assert notice.kind is NoticeKind.DECISION_HAS_ALN


def test_the_bodys_own_notice_record_sends_nothing_again() -> None:
    issued = det.NoticeIssued(
        determination_id=CASE,
        learner_id=LEARNER,
        notice_type="no_aln",
        recipients=["parent"],
        issued_by=SCHOOL,
        issued_on=date(2026, 2, 3),
    )
    assert plan(issued, None).notices == ()


def referral_received() -> det.NhsReferralReceived:
    return det.NhsReferralReceived(
        determination_id=CASE,
        learner_id=LEARNER,
        referral_id="r1",
        nhs_body=LHB,
        received_on=date(2026, 2, 2),
        answer_deadline=deadline(RuleId.D7, date(2026, 3, 16)),
    )


def test_a_referral_is_given_to_the_nhs_body_by_the_body_deciding_the_case() -> None:
    known = Subject(str(CASE), "determination", SCHOOL, "school")
    result = plan(referral_received(), known)
    [notice] = result.notices
    assert notice.kind is NoticeKind.NHS_REFERRAL
    assert (notice.issuer, notice.subject_id, notice.family) == (SCHOOL, str(CASE), False)
    assert notice.organisations == ((LHB, Role.NHS_BODY),)
    assert notice.facts == {
        "referral_id": "r1",
        "referred_by": SCHOOL,
        "nhs_body": LHB,
        "received_on": "2026-02-02",
        "answer_rule": RuleId.D7,
        "answer_due_on": "2026-03-16",  # the event's date, never recomputed here
        "answer_explanation": "D7 due",
    }
    assert result.relations == ((LHB, Relationship.HEALTH_BODY),)
    [watch] = result.deadlines
    assert isinstance(watch, Watch)
    assert (watch.key, watch.kind, watch.responsible, watch.due_on) == (
        f"{CASE}/nhs:r1",
        "nhs_answer",
        LHB,
        date(2026, 3, 16),
    )


def test_a_referral_on_a_case_never_seen_here_is_watched_but_gives_no_notice() -> None:
    result = plan(referral_received(), None)
    assert result.notices == ()
    assert len(result.deadlines) == 1


def test_an_nhs_answer_is_sent_to_the_referrer_and_meets_its_deadline() -> None:
    known = Subject(str(CASE), "determination", SCHOOL, "school")
    answered = det.NhsReferralAnswered(
        determination_id=CASE,
        learner_id=LEARNER,
        referral_id="r1",
        nhs_body=LHB,
        answer="identified",
        in_welsh=True,
        answered_on=date(2026, 3, 1),
    )
    result = plan(answered, known)
    [notice] = result.notices
    assert notice.organisations == ((SCHOOL, Role.REFERRER),)
    assert result.deadlines == (Meet(f"{CASE}/nhs:r1", date(2026, 3, 1)),)


def test_a_referral_to_the_la_moves_the_decision_deadline_to_the_la() -> None:
    referred = det.ReferredToLocalAuthority(
        determination_id=CASE,
        learner_id=LEARNER,
        referred_by=SCHOOL,
        local_authority="la:665",
        referred_on=date(2026, 2, 1),
        decision_deadline=deadline(RuleId.D3, date(2026, 4, 27)),
    )
    result = plan(referred, None)
    [watch] = result.deadlines
    assert isinstance(watch, Watch)
    assert (watch.key, watch.responsible, watch.due_on) == (
        f"{CASE}/decision",
        LA,
        date(2026, 4, 27),
    )
    assert result.subject is not None
    assert result.subject.organisation == LA


def test_a_recalculated_deadline_is_moved_not_restarted() -> None:
    moved = det.DeadlineRecalculated(
        determination_id=CASE,
        learner_id=LEARNER,
        deadline_key="decision",
        previous_due_on=date(2026, 2, 25),
        deadline=deadline(RuleId.D1, date(2026, 3, 4)),
        reason="INSET",
    )
    [action] = plan(moved, None).deadlines
    assert action == Move(f"{CASE}/decision", RuleId.D1, date(2026, 3, 4), None, "D1 due")


def test_a_withdrawn_concern_ends_its_deadlines() -> None:
    withdrawn = det.Withdrawn(
        determination_id=CASE, learner_id=LEARNER, withdrawn_on=date(2026, 1, 20)
    )
    assert plan(withdrawn, None).deadlines == (Cancel(f"{CASE}/"),)


def issued(version: int) -> idp.IdpIssued:
    return idp.IdpIssued(
        idp_id=PLAN,
        learner_id=LEARNER,
        plan_version=version,
        issued_on=date(2026, 3, 2),
        issued_by=LA,
        review_deadline=deadline(RuleId.D14, date(2027, 3, 2)),
        revision_reason=None,
        nhs_bodies_securing_alp=[LHB],
        alp_in_welsh=1,
        alp_elements=3,
    )


def test_the_nhs_bodies_securing_alp_are_the_plans_providers() -> None:
    known = Subject(str(PLAN), "idp", LA, "local_authority")
    assert set(plan(issued(1), known).relations) == {(LA, "maintainer"), (LHB, "provider")}


def test_an_issued_plan_tells_the_family_and_starts_the_review_clock() -> None:
    known = Subject(str(PLAN), "idp", LA, "local_authority")
    result = plan(issued(1), known)
    [notice] = result.notices
    assert (notice.kind, notice.facts["body_kind"]) == (NoticeKind.IDP_ISSUED, "local_authority")
    watch = result.deadlines[-1]
    assert isinstance(watch, Watch)
    assert (watch.key, watch.kind, watch.responsible) == (
        f"{PLAN}/review/2027-03-02",
        "idp_review",
        LA,
    )
    assert Meet(f"{PLAN}/preparation", date(2026, 3, 2)) in result.deadlines


def test_a_later_version_is_a_revised_plan_notice() -> None:
    known = Subject(str(PLAN), "idp", LA, "local_authority")
    assert plan(issued(2), known).notices[0].kind is NoticeKind.IDP_REVISED


def test_a_transfer_hands_the_open_deadlines_to_the_new_maintainer() -> None:
    known = Subject(str(PLAN), "idp", SCHOOL, "school")
    moved = idp.ResponsibilityTransferred(
        idp_id=PLAN,
        learner_id=LEARNER,
        from_organisation=SCHOOL,
        to_kind="local_authority",
        to_organisation=LA,
        reason="la_take_over",
        transferred_on=date(2026, 5, 1),
    )
    result = plan(moved, known)
    assert result.deadlines == (Reassign(f"{PLAN}/", LA),)
    assert result.notices[0].issuer == LA
    # the new maintainer sends the learner notices; the former one only reads the plan
    assert (LA, Relationship.MAINTAINER) in result.relations
    assert (SCHOOL, Relationship.FORMER_MAINTAINER) in result.relations
    assert result.ended == ((SCHOOL, Relationship.MAINTAINER),)


def test_an_event_about_a_plan_never_opened_here_tells_nobody() -> None:
    proposed = idp.CeaseProposed(idp_id=PLAN, learner_id=LEARNER, proposed_on=date(2026, 5, 1))
    assert plan(proposed, None).notices == ()


def test_a_reconsideration_outcome_tells_the_family_with_a_copy_to_the_school() -> None:
    decided_r = dis.ReconsiderationDecided(
        learner_id=LEARNER,
        reconsideration_id=CASE,
        kind="R1",
        subject_id=PLAN,
        school=SCHOOL,
        local_authority=LA,
        outcome="no_aln",
        decided_on=date(2026, 5, 1),
        appeal_window=deadline(RuleId.D18, date(2026, 6, 26)),
    )
    [notice] = plan(decided_r, None).notices
    assert (notice.kind, notice.issuer, notice.family) == (
        NoticeKind.RECONSIDERATION_DECIDED,
        LA,
        True,
    )
    assert notice.copies == ((SCHOOL, Role.GOVERNING_BODY),)


def test_a_tribunal_decision_watches_its_orders_and_recommendations() -> None:
    appeal = uuid.uuid4()
    known = Subject(str(appeal), "appeal", LA)
    decision = dis.AppealDecided(
        learner_id=LEARNER,
        appeal_id=appeal,
        outcome="orders",
        decided_on=date(2026, 6, 1),
        orders=[
            dis.OrderFacts(
                order_id="o1", kind="revise_idp", addressed_to=LA, comply_by=date(2026, 7, 1)
            )
        ],
        recommendations=[
            dis.RecommendationFacts(recommendation_id="r1", nhs_body=LHB, report_by=None)
        ],
    )
    result = plan(decision, known)
    [notice] = result.notices
    assert notice.issuer == TRIBUNAL
    assert notice.copies == (
        (LA, Role.RESPONDENT),
        (LA, Role.ORDER_ADDRESSEE),
        (LHB, Role.NHS_BODY),
    )
    [watch] = result.deadlines  # a recommendation without a date is not watched
    assert isinstance(watch, Watch)
    assert (watch.key, watch.responsible, watch.due_on) == (
        f"{appeal}/order:o1",
        LA,
        date(2026, 7, 1),
    )


def test_an_appeal_window_recalculated_by_disagreement_resolution_tells_the_family() -> None:
    case = uuid.uuid4()
    opened = dis.DisagreementResolutionOpened(
        learner_id=LEARNER,
        case_id=case,
        local_authority=LA,
        subject_id=CASE,
        opened_on=date(2026, 5, 2),
    )
    known = plan(opened, None).subject
    assert known == Subject(str(case), "disagreement_resolution", LA, "local_authority")
    recalculated = dis.AppealWindowRecalculated(
        learner_id=LEARNER,
        case_id=case,
        subject_id=CASE,
        previous_due_on=date(2026, 6, 26),
        appeal_window=deadline(RuleId.D18, date(2026, 8, 21)),
    )
    [notice] = plan(recalculated, known).notices
    assert (notice.kind, notice.issuer, notice.family) == (
        NoticeKind.APPEAL_WINDOW_EXTENDED,
        LA,
        True,
    )
    assert notice.facts["appeal_window_until"] == "2026-08-21"


def window_from_notice(told: date, enforced: date) -> dis.AppealWindowFromNotice:
    return dis.AppealWindowFromNotice(
        learner_id=LEARNER, subject_id=CASE, notice_id=uuid.uuid4(), given=True,
        given_on=date(2026, 3, 3), quoted_until=told, previous_due_on=None, due_on=enforced,
        appeal_window=deadline(RuleId.D18, enforced),
    )  # fmt: skip


def test_a_later_day_the_owner_enforces_than_the_notice_told_is_told_to_the_family() -> None:
    known = Subject(str(CASE), "reconsideration", LA, "local_authority")
    same = window_from_notice(date(2026, 4, 28), date(2026, 4, 28))
    assert plan(same, known).notices == ()
    [notice] = plan(window_from_notice(date(2026, 4, 28), date(2026, 5, 5)), known).notices
    assert (notice.kind, notice.issuer, notice.family) == (
        NoticeKind.APPEAL_WINDOW_CORRECTED, LA, True,
    )  # fmt: skip
    assert (notice.facts["previous_due_on"], notice.facts["appeal_window_until"]) == (
        "2026-04-28", "2026-05-05",
    )  # fmt: skip


def test_every_relationship_an_event_gives_is_one_the_access_policy_knows() -> None:
    assert {Relationship(r) for r in get_args(Related)} <= set(Relationship)


def test_a_provisional_deadline_is_watched_and_moved_as_provisional() -> None:
    provisional = deadline(RuleId.D1, date(2026, 8, 3)).model_copy(update={"provisional": True})
    [watch] = plan(det.ConcernRaised(
        determination_id=CASE, learner_id=LEARNER, deciding_body="school",
        deciding_organisation=SCHOOL, local_authority="la:665", status="gathering_information",
        no_decision_reason=None, came_to_attention_on=date(2026, 6, 15),
        decision_deadline=provisional,
    ), None).deadlines  # fmt: skip
    assert isinstance(watch, Watch)
    assert watch.provisional is True
    firm = deadline(RuleId.D1, date(2026, 9, 14), SCHOOL)
    moved = det.DeadlineRecalculated(
        determination_id=CASE, learner_id=LEARNER, deadline_key="decision",
        previous_due_on=date(2026, 8, 3), deadline=firm, reason="calendar published",
    )  # fmt: skip
    [move] = plan(moved, None).deadlines
    assert isinstance(move, Move)
    assert (move.due_on, move.provisional) == (date(2026, 9, 14), False)


def test_a_plan_with_no_statutory_limit_is_reminded_at_the_interval_the_idp_service_set() -> None:
    opened = idp.IdpOpened(
        idp_id=PLAN, learner_id=LEARNER, maintainer_kind="local_authority",
        maintaining_organisation=LA, opened_on=date(2026, 5, 1), determination_id=None,
        preparation_deadline=None, reason="aln_decision", preparation_reminder_every_days=28,
    )  # fmt: skip
    [watch] = plan(opened, None).deadlines
    assert isinstance(watch, Watch)
    assert (watch.key, watch.due_on, watch.repeat_every_days) == (
        f"{PLAN}/preparation",
        date(2026, 5, 29),
        28,
    )
    assert watch.rule_id is None


def test_the_first_reminder_is_the_day_the_idp_service_published_not_recomputed() -> None:
    """Issue #17: the IDP service owns the reminder schedule; a first reminder it published
    on another day than opening + interval is the one watched."""
    opened = idp.IdpOpened(
        idp_id=PLAN, learner_id=LEARNER, maintainer_kind="local_authority",
        maintaining_organisation=LA, opened_on=date(2026, 5, 1), determination_id=None,
        preparation_deadline=None, reason="aln_decision", preparation_reminder_every_days=28,
        preparation_first_reminder_on=date(2026, 6, 3),
    )  # fmt: skip
    [watch] = plan(opened, None).deadlines
    assert isinstance(watch, Watch)
    assert (watch.due_on, watch.repeat_every_days) == (date(2026, 6, 3), 28)
