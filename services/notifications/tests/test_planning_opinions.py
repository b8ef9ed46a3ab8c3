"""An NHS body's s.64 opinion on a child under compulsory school age: who is told, by whom,
and in what order (planning, pure)."""

from datetime import date

import pytest

from notifications.notices.model import NoticeKind, Role
from notifications.notices.planning import health

from .test_planning import LA, LEARNER, LHB, SCHOOL

OPINION = health.Opinion(
    "opinion-1",
    LEARNER,
    LHB,
    LA,
    date(2026, 2, 16),
    health.Officer("Dr Angharad Rees", None, "01745 000000"),
)


def test_a_health_body_opinion_goes_to_the_parents_from_the_health_body() -> None:
    notice = health.parent_notice(OPINION)
    assert (notice.kind, notice.issuer, notice.subject_id) == (
        NoticeKind.HEALTH_BODY_OPINION,
        LHB,
        "opinion-1",
    )
    assert notice.family
    assert notice.organisations == ()
    assert notice.facts["local_authority"] == LA
    assert notice.facts["officer"] == {
        "name": "Dr Angharad Rees",
        "email": None,
        "phone": "01745 000000",
    }


def test_the_la_is_told_the_day_the_first_parent_was() -> None:
    informed = health.parent_informed_on([None, date(2026, 2, 20), date(2026, 2, 18)])
    assert informed == date(2026, 2, 18)
    notice = health.local_authority_notice(OPINION, informed, None)
    assert notice.kind is NoticeKind.HEALTH_BODY_OPINION_TO_LA
    assert notice.organisations == ((LA, Role.LOCAL_AUTHORITY),)
    assert (notice.facts["parent_informed_on"], notice.facts["discussed_on"]) == (
        "2026-02-18",
        None,
    )


def test_the_la_is_not_told_before_a_parent() -> None:
    with pytest.raises(health.ParentNotYetInformedError):
        health.parent_informed_on([None])


def test_a_discussion_before_the_opinion_is_refused() -> None:
    with pytest.raises(health.DiscussionDateError):
        health.local_authority_notice(OPINION, date(2026, 2, 18), date(2026, 2, 15))


@pytest.mark.parametrize("organisation", [SCHOOL, LA, "auditor:wales", "tribunal:etw"])
def test_only_an_nhs_body_forms_an_opinion(organisation: str) -> None:
    with pytest.raises(health.NotAHealthBodyError):
        health.require_health_body(organisation)
    health.require_health_body("nhs:RYT")
    health.require_health_body(LHB)
