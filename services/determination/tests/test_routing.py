"""The routing rule, row by row (docs/domain.md section 2), and every no-decision-needed case."""

from dataclasses import replace
from datetime import date

import pytest

from determination.domain import (
    BodyKind,
    Circumstances,
    Learner,
    NoDecisionReason,
    Setting,
    route,
)
from llwybr.clock import RuleId

PUPIL = Learner(
    learner_id="l-1",
    given_name="Cerys",
    family_name="Jones",
    date_of_birth=date(2017, 5, 2),
    setting=Setting.MAINTAINED_SCHOOL,
    setting_id="6652001",
    local_authority="665",
)
AT_SCHOOL = Circumstances(raised_with="school:6652001")
AT_LA = Circumstances(raised_with="la:665")


@pytest.mark.parametrize(
    ("learner", "circumstances", "kind", "organisation", "rule"),
    [
        pytest.param(
            PUPIL, AT_SCHOOL, BodyKind.SCHOOL, "school:6652001", RuleId.D1, id="school pupil",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.PUPIL_REFERRAL_UNIT, setting_id="6651100"),
            Circumstances(raised_with="school:6651100"),
            BodyKind.SCHOOL, "school:6651100", RuleId.D1, id="PRU pupil",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.FURTHER_EDUCATION, setting_id="6659001",
                    young_person=True, date_of_birth=date(2008, 3, 1)),
            Circumstances(raised_with="fei:6659001", young_person_consents=True),
            BodyKind.FEI, "fei:6659001", RuleId.D2, id="young person at an FEI only",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.FURTHER_EDUCATION, setting_id="6659001",
                    young_person=True, date_of_birth=date(2008, 3, 1), dual_registered=True),
            Circumstances(raised_with="fei:6659001", young_person_consents=True),
            BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3,
            id="dual-registered at a school and an FEI (s.30, issue #18)",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.DETAINED, setting_id=None, looked_after=True,
                    looking_after_authority="681"),
            AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3,
            id="detained, flagged looked after: not looked after (s.15, issue #18)",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.EARLY_YEARS, setting_id=None,
                    date_of_birth=date(2023, 1, 1)),
            AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3,
            id="under school age, not at school",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.INDEPENDENT_SCHOOL, setting_id="6656001"),
            AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3, id="independent school",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.EDUCATED_OTHERWISE, setting_id=None),
            AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3, id="education otherwise",
        ),
        pytest.param(
            replace(PUPIL, dual_registered=True), AT_SCHOOL,
            BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3, id="dual-registered",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.HOME_EDUCATED, setting_id=None),
            AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3, id="home-educated",
        ),
        pytest.param(
            replace(PUPIL, setting=Setting.DETAINED, setting_id=None),
            AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3, id="detained",
        ),
        pytest.param(
            replace(PUPIL, looked_after=True, looking_after_authority="681"), AT_SCHOOL,
            BodyKind.LA_LOOKING_AFTER, "la:681", RuleId.D4, id="looked after by a Welsh LA",
        ),
        pytest.param(
            replace(PUPIL, looked_after=True, looking_after_authority="ENG"), AT_SCHOOL,
            BodyKind.SCHOOL, "school:6652001", RuleId.D1, id="looked after by an English LA",
        ),
        pytest.param(
            replace(PUPIL, resident_in_england=True), AT_SCHOOL,
            BodyKind.SCHOOL, "school:6652001", RuleId.D1,
            id="resident in England at a Welsh school",
        ),
        pytest.param(
            PUPIL, Circumstances(raised_with="la:665", referred_by="school:6652001"),
            BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3, id="referred by the school to the LA",
        ),
        pytest.param(
            PUPIL, AT_LA, BodyKind.LOCAL_AUTHORITY, "la:665", RuleId.D3,
            id="brought to the LA and the school is not deciding",
        ),
    ],
)  # fmt: skip
def test_the_routing_rule_names_the_body_that_must_decide(
    learner: Learner,
    circumstances: Circumstances,
    kind: BodyKind,
    organisation: str,
    rule: RuleId,
) -> None:
    routing = route(learner, circumstances)
    assert routing.must_decide
    assert (routing.body.kind, routing.body.organisation) == (kind, organisation)
    assert routing.body.decision_rule == rule


def test_a_schools_decision_is_reconsidered_by_the_la_maintaining_it() -> None:
    routing = route(replace(PUPIL, resident_in_england=True), AT_SCHOOL)
    assert routing.reconsidering_authority == "la:665"
    assert route(replace(PUPIL, dual_registered=True), AT_SCHOOL).reconsidering_authority is None


@pytest.mark.parametrize(
    ("learner", "circumstances", "reason"),
    [
        pytest.param(
            PUPIL, Circumstances(raised_with="school:6652001", idp_maintained=True),
            NoDecisionReason.IDP_ALREADY_MAINTAINED, id="an IDP is already maintained",
        ),
        pytest.param(
            PUPIL,
            Circumstances(raised_with="school:6652001", previously_decided_by="school:6652001",
                          material_change=False),
            NoDecisionReason.DECIDED_BEFORE_NO_MATERIAL_CHANGE,
            id="the same body decided before and nothing material changed",
        ),
        pytest.param(
            replace(PUPIL, young_person=True, setting=Setting.FURTHER_EDUCATION,
                    setting_id="6659001", date_of_birth=date(2008, 3, 1)),
            Circumstances(raised_with="fei:6659001", young_person_consents=False),
            NoDecisionReason.NO_CONSENT, id="the young person does not consent",
        ),
        pytest.param(
            PUPIL, Circumstances(raised_with="la:665", school_already_deciding=True),
            NoDecisionReason.SCHOOL_ALREADY_DECIDING, id="for the LA: the school is deciding",
        ),
        pytest.param(
            replace(PUPIL, young_person=True, setting=Setting.FURTHER_EDUCATION,
                    setting_id="6659001", date_of_birth=date(2008, 3, 1)),
            Circumstances(raised_with="la:665", young_person_consents=True),
            NoDecisionReason.FEI_ONLY_WITHOUT_REFERRAL,
            id="for the LA: a young person at an FEI only, not referred",
        ),
    ],
)  # fmt: skip
def test_no_decision_is_needed(
    learner: Learner, circumstances: Circumstances, reason: NoDecisionReason
) -> None:
    routing = route(learner, circumstances)
    assert not routing.must_decide
    assert routing.no_decision is reason


def test_a_decision_by_another_body_before_does_not_excuse_this_one() -> None:
    circumstances = Circumstances(
        raised_with="school:6652001", previously_decided_by="la:665", material_change=False
    )
    assert route(PUPIL, circumstances).must_decide


def test_a_young_person_not_yet_asked_awaits_consent() -> None:
    young = replace(PUPIL, young_person=True, setting=Setting.NOT_IN_EDUCATION, setting_id=None)
    routing = route(young, AT_LA)
    assert routing.must_decide
    assert routing.awaiting_consent
    assert routing.body.organisation == "la:665"
