"""Facts for every notice kind, and the context a notice is rendered with (tests only)."""

from datetime import date
from typing import Any

from llwybr.clock import DEFAULT_RULES, RuleId
from notifications.notices.model import NoticeKind
from notifications.notices.rendering import Organisation
from notifications.notices.windows import window_for

GIVEN = date(2026, 3, 3)
LA, SCHOOL, LHB = "la:665", "school:6652001", "lhb:7A1"
ORGANISATIONS = {
    LA: Organisation(
        LA,
        "Wrexham County Borough Council",
        "Cyngor Bwrdeistref Sirol Wrecsam",
        "aln@wrexham.example",
        disagreement_resolution="Ring 01978 000000",
    ),
    SCHOOL: Organisation(SCHOOL, "Ysgol Example", email="office@ysgol.example"),
}
DECISION = {
    "decided_on": "2026-02-02",
    "decided_by": LA,
    "body_kind": "local_authority",
    "local_authority": LA,
    "reconsidering_authority": LA,
    "within_time": True,
    "deadline_due_on": "2026-02-25",
    "deadline_explanation": "D3",
    "reasons": "The assessments show that Cerys learns as well as most of her age.",
}
PLAN = {
    "issued_on": "2026-03-02",
    "issued_by": LA,
    "plan_version": 1,
    "body_kind": "school",
    "revision_reason": None,
    "alp_in_welsh": 1,
    "alp_elements": 2,
    "nhs_bodies": [LHB],
    "review_due_on": "2027-03-02",
    "maintainer": SCHOOL,
}
DEADLINE = {
    "deadline_kind": "decision",
    "due_on": "2026-03-10",
    "explanation": "35 school days",
    "subject_id": "case-1",
    "rule_id": RuleId.D1,
    "exception_claimed_on": None,
}
OPINION = {
    "opinion_id": "opinion-1",
    "health_body": LHB,
    "local_authority": LA,
    "formed_on": "2026-02-16",
    "officer": {"name": "Dr Angharad Rees", "email": "angharad@bcuhb.example", "phone": None},
}
SHORTFALL = {
    "element_id": "e1", "provider_organisation": SCHOOL, "maintaining_organisation": SCHOOL,
    "found_on": "2026-06-12", "since": "2026-06-05", "kinds": ["below_share"],
    "window_share": 0.667,
}  # fmt: skip

FACTS: dict[NoticeKind, dict[str, Any]] = {
    NoticeKind.DECISION_HAS_ALN: DECISION,
    NoticeKind.DECISION_NO_ALN: DECISION,
    NoticeKind.IDP_NOT_NECESSARY: {**DECISION, "deadline_explanation": "D5"},
    NoticeKind.NHS_REFERRAL: {
        "referral_id": "r1",
        "referred_by": SCHOOL,
        "nhs_body": LHB,
        "received_on": "2026-02-02",
        "answer_rule": RuleId.D7,
        "answer_due_on": "2026-03-16",
        "answer_explanation": "6 weeks from the day after receipt",
    },
    NoticeKind.HEALTH_BODY_OPINION: {
        **OPINION,
        "voluntary_organisations": [{"name": "Rhieni Example", "contact": "0800 000 0001"}],
    },
    NoticeKind.HEALTH_BODY_OPINION_TO_LA: {
        **OPINION,
        "parent_informed_on": "2026-02-20",
        "discussed_on": "2026-02-26",
    },
    NoticeKind.NHS_ANSWER: {
        "answer": "identified",
        "in_welsh": False,
        "nhs_body": LHB,
        "answered_on": "2026-03-01",
        "referral_id": "r1",
    },
    NoticeKind.IDP_ISSUED: PLAN,
    NoticeKind.IDP_REVISED: {**PLAN, "plan_version": 2},
    NoticeKind.IDP_NOT_REVISED: {
        "body_kind": "fei",
        "maintainer": "fei:6659001",
        "held_on": "2026-03-01",
        "deadline_due_on": "2027-03-01",
        "deadline_explanation": "D14",
    },
    NoticeKind.REVIEW_REQUESTED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "requested_by_kind": "nhs_body",
        "requested_on": "2026-03-01",
    },
    NoticeKind.RESPONSIBILITY_TRANSFERRED: {
        "body_kind": "local_authority",
        "maintainer": LA,
        "from_organisation": SCHOOL,
        "reason": "la_take_over",
        "transferred_on": "2026-03-01",
    },
    NoticeKind.CEASE_PROPOSED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "proposed_on": "2026-03-01",
        "reasons": "Cerys has met the plan's outcomes.",
    },
    NoticeKind.IDP_DATE_CONFIRMED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "due_on": "2026-09-14",
        "previous_due_on": "2026-08-03",
        "previous_provisional": True,
    },
    NoticeKind.IDP_CEASED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "decided_on": "2026-03-01",
        "reasons": "Cerys no longer needs additional learning provision.\n\nShe progresses well.",
        "reconsideration_window_until": "2026-03-31",
    },
    NoticeKind.CEASE_WINDOW_CORRECTED: {
        "body_kind": "school",
        "maintainer": SCHOOL,
        "given_on": "2026-03-05",
        "previous_due_on": "2026-03-31",
        "reconsideration_window_until": "2026-04-02",
    },
    NoticeKind.RECONSIDERATION_RECEIVED: {
        "kind": "R1",
        "school": SCHOOL,
        "local_authority": LA,
        "subject_case": "x",
        "body_kind": "local_authority",
        "requested_on": "2026-03-01",
        "deadline_due_on": "2026-04-19",
        "deadline_explanation": "D8",
    },
    NoticeKind.RECONSIDERATION_DECIDED: {
        "kind": "R2",
        "school": SCHOOL,
        "local_authority": LA,
        "subject_case": "x",
        "body_kind": "local_authority",
        "outcome": "taken_over",
        "decided_on": "2026-03-01",
        "reasons": "The school cannot secure the speech and language therapy Cerys needs.",
    },
    NoticeKind.APPEAL_WINDOW_EXTENDED: {
        "started_on": "2026-03-01",
        "local_authority": LA,
        "body_kind": "local_authority",
        "appeal_window_until": "2026-06-23",
        "appeal_window_rule": RuleId.D18,
        "appeal_window_explanation": "8 more weeks",
    },
    NoticeKind.APPEAL_WINDOW_CORRECTED: {
        "started_on": None,
        "previous_due_on": "2026-04-28",
        "local_authority": LA,
        "body_kind": "local_authority",
        "appeal_window_until": "2026-05-05",
        "appeal_window_rule": RuleId.D18,
        "appeal_window_explanation": "8 weeks beginning with the notice (rules corrected)",
    },
    NoticeKind.APPEAL_LODGED: {
        "matter": "whether_aln",
        "respondent": LA,
        "lodged_on": "2026-03-01",
        "late_admitted_by_president": True,
    },
    NoticeKind.APPEAL_DECIDED: {
        "outcome": "orders",
        "decided_on": "2026-03-01",
        "respondent": LA,
        "orders": [
            {"order_id": "o1", "kind": "revise_idp", "addressed_to": LA, "comply_by": "2026-04-01"}
        ],
        "recommendations": [
            {
                "recommendation_id": "r1",
                "nhs_body": LHB,
                "report_by": None,
                "wording": "Assess Cerys's sensory needs within 6 weeks",
            }
        ],
    },
    NoticeKind.DEADLINE_REMINDER: DEADLINE,
    NoticeKind.DEADLINE_MISSED: {**DEADLINE, "exception_claimed_on": "2026-03-09"},
    NoticeKind.PROVISION_SHORTFALL: SHORTFALL,
    NoticeKind.PROVISION_SHORTFALL_ALERT: SHORTFALL,
    NoticeKind.UNDELIVERABLE: {
        "failed_notice_id": "n-0",
        "failed_role": "parent",
        "failed_name": "Siân",
        "reason": "550 mailbox unavailable",
        "failed_kind": "decision_no_aln",
    },
}


def context(kind: NoticeKind, **changes: Any) -> dict[str, Any]:
    facts = FACTS[kind]
    values = {
        "facts": facts,
        "recipient_name": "Siân Jones",
        "recipient_role": "parent",
        "copy": False,
        "learner_name": "Cerys",
        "learner_id": "learner-1",
        "issuer": facts.get("decided_by", LA),
        "local_authority": LA,
        "given_on": GIVEN,
        "window": window_for(kind, facts, GIVEN, DEFAULT_RULES),
        "notice_id": "notice-1",
    }
    return {**values, **changes}
