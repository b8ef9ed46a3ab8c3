"""An LA's decision that a young person with ALN needs no IDP (Act s.14(1)(c), Regs 10): who
may make it, its own clock from consent (D5), its notice, and old decisions replayed."""

from dataclasses import replace
from datetime import date

import pytest

from determination.domain import (
    NECESSITY,
    Circumstances,
    Determination,
    Learner,
    NoticeType,
    Recipient,
    Setting,
    Status,
    route,
)
from determination.domain.errors import (
    IdpNecessityNotDecidableError,
    IncompleteNoticeError,
    InvalidTransitionError,
)
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline

LA = "la:665"
RAISED_ON, CONSENTED_ON = date(2026, 3, 2), date(2026, 3, 5)
D5 = compute_deadline(DEFAULT_RULES, RuleId.D5, CONSENTED_ON)
YOUNG_PERSON = Learner(
    learner_id="l-2",
    given_name="Dylan",
    family_name="Evans",
    date_of_birth=date(2007, 9, 1),
    setting=Setting.NOT_IN_EDUCATION,
    local_authority="665",
    young_person=True,
)
CONTENT = {
    "decision_and_reasons": "Dylan has ALN; his training provider meets his needs without a plan.",
    "contact_details": "ALN team, Wrexham County Borough Council, 01978 000000",
    "information_and_advice": "Wrexham ALN information service",
    "disagreement_resolution": "Wrexham disagreement resolution arrangements",
    "independent_advocacy": "Advocacy service details",
    "right_of_appeal": "You may appeal to the Education Tribunal for Wales within 8 weeks",
}


def consented(learner: Learner = YOUNG_PERSON) -> Determination:
    """A concern about a young person, raised with their LA, consented to on 5 March."""
    routing = route(learner, Circumstances(raised_with=LA))
    case = Determination.raise_concern(
        learner, routing, raised_by=LA, came_to_attention_on=RAISED_ON, decision_deadline=None
    )
    body = case.deciding_body
    decision_deadline = compute_deadline(DEFAULT_RULES, body.decision_rule, CONSENTED_ON)
    case.record_consent(
        given=True, recorded_on=CONSENTED_ON, recorded_by=LA, decision_deadline=decision_deadline
    )
    return case


def not_necessary(case: Determination, *, has_aln: bool = True, on: date = RAISED_ON) -> None:
    case.decide(
        has_aln=has_aln, reasons="needs met by the training provider", decided_on=on,
        decided_by=case.deciding_body.organisation, person="ALN officer",
        idp_necessary=False, necessity_deadline=D5,
    )  # fmt: skip


def test_an_la_may_decide_a_young_person_outside_school_needs_no_idp() -> None:
    case = consented()
    not_necessary(case, on=date(2026, 5, 1))
    assert case.status is Status.DECIDED_ALN
    assert case.decision is not None
    assert (case.decision["has_aln"], case.decision["idp_necessary"]) == (True, False)
    assert case.decision["within_time"] is True
    assert case.consented_on == CONSENTED_ON
    assert case.deadline(NECESSITY) == D5  # kept with the decision, to explain it


def test_the_decision_is_judged_on_twelve_weeks_from_the_day_after_consent() -> None:
    assert (D5.rule_id, D5.trigger_date, D5.due_on) == (RuleId.D5, CONSENTED_ON, date(2026, 5, 28))
    case = consented()
    not_necessary(case, on=date(2026, 5, 29))
    assert case.decision is not None
    assert case.decision["within_time"] is False  # flagged, not refused


@pytest.mark.parametrize(
    "setting", [Setting.HOME_EDUCATED, Setting.EDUCATED_OTHERWISE, Setting.INDEPENDENT_SCHOOL]
)
def test_any_young_person_not_at_a_maintained_school_or_fei_qualifies(setting: Setting) -> None:
    case = consented(replace(YOUNG_PERSON, setting=setting))
    not_necessary(case)
    assert case.idp_necessary is False


@pytest.mark.parametrize(
    ("learner", "reason"),
    [
        (replace(YOUNG_PERSON, setting=Setting.FURTHER_EDUCATION, setting_id="6659001"), "FEI"),
        (replace(YOUNG_PERSON, setting=Setting.DETAINED), "s.40"),
        (
            replace(YOUNG_PERSON, setting=Setting.MAINTAINED_SCHOOL, setting_id="6652001",
                    dual_registered=True),
            "maintained school, PRU or FEI",
        ),
    ],
)  # fmt: skip
def test_the_decision_is_refused_for_a_young_person_at_school_fei_or_detained(
    learner: Learner, reason: str
) -> None:
    # the FEI's referral (s.12) makes the LA decide
    referred_by = "fei:6659001" if learner.setting is Setting.FURTHER_EDUCATION else None
    circumstances = Circumstances(LA, young_person_consents=True, referred_by=referred_by)
    routing = route(learner, circumstances)
    assert routing.body.organisation == LA
    deadline = compute_deadline(DEFAULT_RULES, routing.body.decision_rule, RAISED_ON)
    case = Determination.raise_concern(
        learner, routing, raised_by=LA, came_to_attention_on=RAISED_ON, decision_deadline=deadline
    )
    case.collect_events()
    with pytest.raises(IdpNecessityNotDecidableError, match=reason):
        not_necessary(case)
    assert case.collect_events() == []  # nothing recorded
    assert case.is_open


def test_the_decision_is_refused_for_a_child() -> None:
    child = replace(
        YOUNG_PERSON,
        young_person=False,
        setting=Setting.EARLY_YEARS,
        date_of_birth=date(2023, 1, 1),
    )
    routing = route(child, Circumstances(raised_with=LA))
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D3, RAISED_ON)
    case = Determination.raise_concern(
        child, routing, raised_by=LA, came_to_attention_on=RAISED_ON, decision_deadline=deadline
    )
    with pytest.raises(IdpNecessityNotDecidableError, match="a child with ALN always gets an IDP"):
        not_necessary(case)


def test_the_decision_is_refused_with_a_no_aln_decision() -> None:
    case = consented()
    with pytest.raises(IdpNecessityNotDecidableError, match="no ALN"):
        not_necessary(case, has_aln=False)


def test_the_decision_is_refused_to_a_school_deciding() -> None:
    pupil = replace(
        YOUNG_PERSON, setting=Setting.MAINTAINED_SCHOOL, setting_id="6652001"
    )  # a sixth-former: the school decides
    routing = route(pupil, Circumstances(raised_with="school:6652001", young_person_consents=True))
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D1, RAISED_ON)
    case = Determination.raise_concern(
        pupil, routing, raised_by="school:6652001", came_to_attention_on=RAISED_ON,
        decision_deadline=deadline,
    )  # fmt: skip
    with pytest.raises(IdpNecessityNotDecidableError, match="only the LA responsible"):
        not_necessary(case)


def test_its_notice_goes_to_the_young_person_with_every_right_and_the_appeal() -> None:
    case = consented()
    not_necessary(case)
    without_appeal = {k: v for k, v in CONTENT.items() if k != "right_of_appeal"}
    with pytest.raises(IncompleteNoticeError, match="right_of_appeal"):
        case.issue_notice(
            notice_type=NoticeType.IDP_NOT_NECESSARY, recipients=[Recipient.YOUNG_PERSON],
            content=without_appeal, issued_on=RAISED_ON, issued_by=LA,
        )  # fmt: skip
    with pytest.raises(IncompleteNoticeError, match="young_person"):
        case.issue_notice(
            notice_type=NoticeType.IDP_NOT_NECESSARY, recipients=[Recipient.PARENT],
            content=CONTENT, issued_on=RAISED_ON, issued_by=LA,
        )  # fmt: skip
    with pytest.raises(InvalidTransitionError, match="idp_not_necessary"):
        case.issue_notice(
            notice_type=NoticeType.HAS_ALN, recipients=[Recipient.YOUNG_PERSON],
            content={"decision_and_reasons": "d"}, issued_on=RAISED_ON, issued_by=LA,
        )  # fmt: skip
    case.issue_notice(
        notice_type=NoticeType.IDP_NOT_NECESSARY, recipients=[Recipient.YOUNG_PERSON],
        content=CONTENT, issued_on=RAISED_ON, issued_by=LA,
    )  # fmt: skip
    assert case.notices[0]["notice_type"] == "idp_not_necessary"


def test_an_idp_not_necessary_notice_needs_that_decision() -> None:
    case = consented()
    case.decide(has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by=LA, person="p")
    with pytest.raises(InvalidTransitionError, match="not necessary"):
        case.issue_notice(
            notice_type=NoticeType.IDP_NOT_NECESSARY, recipients=[Recipient.YOUNG_PERSON],
            content=CONTENT, issued_on=RAISED_ON, issued_by=LA,
        )  # fmt: skip


def test_a_decision_stored_before_the_idp_necessity_existed_replays_as_idp_necessary() -> None:
    case = consented()
    case.decide(has_aln=True, reasons="r", decided_on=RAISED_ON, decided_by=LA, person="p")
    events = case.collect_events()
    decided = events[-1]
    # As the mapper rebuilds an old stored event: its state lacks the newer attributes.
    del vars(decided)["idp_necessary"], vars(decided)["necessity_deadline"]
    replayed: Determination | None = None
    for e in events:
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Determination)
    assert replayed.idp_necessary is True
    assert replayed.decision is not None
    assert replayed.decision["idp_necessary"] is True
    assert NECESSITY not in replayed.deadlines


def test_an_idp_not_necessary_decision_replays_to_the_same_state() -> None:
    case = consented()
    not_necessary(case)
    replayed: Determination | None = None
    for e in case.collect_events():
        replayed = e.mutate(replayed)
    assert isinstance(replayed, Determination)
    assert (replayed.decision, replayed.deadlines) == (case.decision, case.deadlines)
