"""Who may receive which event by webhook: the one access policy on the learner's relations."""

import uuid
from datetime import date

from contracts import determination
from llwybr.access import Relations, Relationship
from llwybr.clock import RuleId
from notifications.webhooks.audience import entitled
from notifications.webhooks.consumer import reader

DEADLINE = determination.DeadlineFacts(
    rule_id=RuleId.D1, rule_table_version="2026.1", unit="school_days", length=35,
    trigger_date=date(2026, 3, 2), due_on=date(2026, 4, 24), calendar_id="school:6652001",
    provisional=False,
)  # fmt: skip
LEARNER = "learner-1"
DECIDED = determination.Decided(
    determination_id=uuid.uuid4(), learner_id=LEARNER, has_aln=False,
    decided_on=date(2026, 4, 20), decided_by="school:6652001", deciding_body="school",
    local_authority="la:665", reconsidering_authority=None, within_time=True,
    young_person=False, looked_after=False, decision_deadline=DEADLINE,
)  # fmt: skip
RELATIONS = Relations.of(
    [
        ("la:667", Relationship.RESPONSIBLE_LA),
        ("la:666", Relationship.LOOKING_AFTER_LA),
        ("school:6652001", Relationship.DECIDING_BODY),
        ("school:6652002", Relationship.ENROLLED_SETTING),
        ("lhb:7A1", Relationship.HEALTH_BODY),
    ],
    jurisdiction=["la:667", "la:666"],
)


def test_a_case_event_reaches_those_the_policy_lets_read_the_learner() -> None:
    may_read = reader(RELATIONS)
    for organisation in ("school:6652001", "la:667", "la:666", "lhb:7A1", "auditor:666"):
        assert entitled(organisation, DECIDED, may_read), organisation


def test_nobody_by_the_number_range_or_by_being_named_or_by_enrolment_alone() -> None:
    may_read = reader(RELATIONS)
    # la:665 is named in the event and its number begins the school's: neither is a relationship
    for organisation in ("la:665", "school:6652002", "lhb:7A2", "auditor:665"):
        assert not entitled(organisation, DECIDED, may_read), organisation
    assert not entitled("school:6652001", DECIDED, reader(Relations()))


def test_calendars_and_the_rule_table_reach_every_subscriber() -> None:
    calendar = determination.CalendarPublished(
        calendar_id="school:6652001", calendar_version=1, calendar_name="Ysgol 2026",
        terms=[], closures=[],
    )  # fmt: skip
    corrected = determination.RuleTableCorrected(
        rule_table_version="2026.2", rules=[], corrected_by="system:admin"
    )
    for public in (calendar, corrected):
        assert entitled("school:6652002", public, reader(Relations()))
