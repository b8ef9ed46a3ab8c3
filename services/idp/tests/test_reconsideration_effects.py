"""An LA's reconsideration of a school's decision changes the learner's plan (Act ss.26-32);
an LA's decision that a young person's IDP is not necessary opens none (s.14(1)(c))."""

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from contracts.determination import Decided
from contracts.disputes import ReconsiderationDecided
from contracts.envelope import Envelope
from contracts.idp import IdpOpened
from idp.application import IdpService
from idp.domain import (
    PREPARATION,
    Idp,
    Maintainer,
    MaintainerKind,
    OpeningReason,
    PlanOfLearner,
    indexed,
)
from idp.publisher import translator
from idp.settings import Settings
from idp.views import plan_view
from llwybr.clock import DEFAULT_RULES, RuleId, compute_deadline
from llwybr.db import create_engine
from llwybr.settings import ServiceSettings

LEARNER = "learner-r"


def plans_changed(service: IdpService, envelope: Envelope) -> list[Idp]:
    """The plans the consumer's effect of ``envelope`` changes (what it would save)."""
    changed = service.on_public_event(envelope)
    plans = [a for a in changed if isinstance(a, Idp)]
    index = [a for a in changed if isinstance(a, PlanOfLearner)]  # a plan opened: its entry
    assert len(plans) + len(index) == len(changed)
    return plans


def decided(kind: str, outcome: str) -> Envelope:
    facts = compute_deadline(DEFAULT_RULES, RuleId.D18, date(2026, 5, 1)).as_dict()
    event = ReconsiderationDecided(
        learner_id=LEARNER, reconsideration_id=uuid.uuid4(), kind=kind,
        subject_id=uuid.uuid4(), school="school:6652001", local_authority="la:665",
        outcome=outcome, decided_on=date(2026, 5, 1), appeal_window=facts,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=LEARNER, aggregate_id=uuid.uuid4(), aggregate_version=3,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def test_an_la_deciding_has_aln_on_reconsideration_opens_an_la_maintained_plan(
    service: IdpService,
) -> None:
    [plan] = plans_changed(service, decided("R1", "has_aln"))
    assert plan.maintainer == {"kind": "local_authority", "organisation": "la:665"}
    service.save(*service.on_public_event(decided("R1", "has_aln")))
    assert plans_changed(service, decided("R1", "has_aln")) == []  # one plan per learner


def test_the_las_plan_after_r1_records_no_statutory_limit_found_and_a_reminder_interval(
    service: IdpService,
) -> None:
    changed = service.on_public_event(decided("R1", "has_aln"))
    service.save(*changed)
    [plan] = [a for a in changed if isinstance(a, Idp)]
    assert plan.deadline(PREPARATION) is None  # no limit invented
    shown = plan_view(plan, date(2026, 6, 15)).deadlines[PREPARATION]
    assert shown["statutory_limit"] == "no statutory limit found"
    assert shown["remind_every_days"] == 28  # IDP_PREPARATION_REMINDER_DAYS's default
    assert shown["next_reminder_on"] == date(2026, 6, 26)  # 1 May + 2 x 28 days
    assert (shown["state"], shown["due_on"], shown["overdue"]) == ("open", None, False)
    [opened] = [r for r in service.recorded_events(plan.id) if isinstance(r.event, Idp.Opened)]
    published = translator(service)(opened)
    assert published is not None
    assert isinstance(published.event, IdpOpened)
    assert published.event.preparation_reminder_every_days == 28
    # the first reminder's day is the IDP service's to decide and publish (issue #17)
    assert published.event.preparation_first_reminder_on == date(2026, 5, 29)  # 1 May + 28


@pytest.mark.parametrize(
    "maintainer",
    [Maintainer(MaintainerKind.SCHOOL, "school:6652001"), Maintainer(MaintainerKind.FEI, "fei:1")],
)
def test_a_take_over_moves_the_plan_to_the_la(service: IdpService, maintainer: Maintainer) -> None:
    """A school's plan, or an FEI's (R3 covers FEIs, s.28(1)(a): issue #18)."""
    school = maintainer
    plan = Idp.open(
        learner_id=LEARNER, maintainer=school, opened_on=date(2026, 4, 1), determination_id=None,
        preparation_deadline=None, looked_after=False, reason=OpeningReason.ALN_DECISION,
    )  # fmt: skip
    service.save(*indexed(plan))
    [changed] = plans_changed(service, decided("R3", "taken_over"))
    assert changed.maintainer["organisation"] == "la:665"
    assert changed.transfers[-1]["reason"] == "la_take_over"


def test_a_refusal_changes_nothing(service: IdpService) -> None:
    assert plans_changed(service, decided("R3", "refused")) == []


def test_revised_and_directed_makes_a_revision_by_the_la_due(service: IdpService) -> None:
    from idp.domain import AlpElement, RevisionReason
    from idp.domain.values import AlnDescription, OnePageProfile, Section1, Section3

    school = Maintainer(MaintainerKind.SCHOOL, "school:6652001")
    plan = Idp.open(
        learner_id=LEARNER, maintainer=school, opened_on=date(2026, 3, 1), determination_id=None,
        preparation_deadline=None, looked_after=False, reason=OpeningReason.ALN_DECISION,
    )  # fmt: skip
    assert plans_changed(service, decided("R2", "revised_directed")) == []  # not issued yet
    plan.set_section_1(Section1("Cerys", date(2017, 5, 2), "Cymraeg", "Parents consulted"))
    plan.set_one_page_profile(OnePageProfile("Kind", "Football", "Short instructions"))
    plan.set_aln_description(AlnDescription("Dyslexia", "Reading age 2 years below", None))
    plan.add_alp_element(AlpElement.from_dict({
        "element_id": "e1", "intended_outcome": "Reads 100 words", "provision": "Phonics",
        "delivered_by": "TA", "frequency": "3 a week", "duration": "30 minutes, 2 terms",
        "in_welsh": False, "provider_kind": "school", "provider_organisation": "school:6652001",
        "start_on": date(2026, 4, 1), "review_or_end_on": date(2026, 12, 1), "rationale": "x",
    }))  # fmt: skip
    plan.set_welsh_language_decision("Not in Welsh: English-medium school")
    plan.set_section_3(Section3("Reports", "Yearly"))
    review = compute_deadline(DEFAULT_RULES, RuleId.D14, date(2026, 4, 1))
    plan.issue(issued_on=date(2026, 4, 1), review_by=review, issued_by="school:6652001")
    service.save(*indexed(plan))

    [directed] = plans_changed(service, decided("R2", "revised_directed"))
    assert directed.revision_due == ["reconsideration"]
    assert directed.revising_authority == "la:665"
    assert directed.maintainer["organisation"] == "school:6652001"  # the school maintains it
    revised = compute_deadline(DEFAULT_RULES, RuleId.D14, date(2026, 5, 10))
    directed.revise(issued_on=date(2026, 5, 10), review_by=revised,
                    reason=RevisionReason.RECONSIDERATION, issued_by="la:665")  # fmt: skip
    service.save(directed)
    again = service.load(directed.id, Idp)
    assert (again.revision_due, again.revising_authority) == ([], None)
    assert again.revision_directions[0]["revised_in"] == 2


YOUNG_PERSON = "learner-yp"


def la_decided(
    learner_id: str = YOUNG_PERSON, young_person: bool = True, **changes: Any
) -> Envelope:
    """An LA's decision that a learner (a young person outside school or FEI unless told) has
    ALN, decided on 1 April 2026."""
    deadline = compute_deadline(DEFAULT_RULES, RuleId.D3, date(2026, 3, 5)).as_dict()
    event = Decided(
        determination_id=uuid.uuid4(), learner_id=learner_id, has_aln=True,
        decided_on=date(2026, 4, 1), decided_by="la:665", deciding_body="local_authority",
        local_authority="la:665", reconsidering_authority=None, within_time=True,
        young_person=young_person, looked_after=False, decision_deadline=deadline, **changes,
    )  # fmt: skip
    return Envelope.wrap(
        event, learner_id=learner_id, aggregate_id=event.determination_id, aggregate_version=3,
        time=datetime.now(UTC), integrity_hash="0" * 64,
    )  # fmt: skip


def test_an_idp_not_necessary_decision_opens_no_plan(service: IdpService) -> None:
    assert plans_changed(service, la_decided(idp_necessary=False)) == []


def test_an_aln_decision_with_an_idp_necessary_opens_the_la_plan(service: IdpService) -> None:
    [plan] = plans_changed(service, la_decided(idp_necessary=True))
    assert plan.maintainer == {"kind": "local_authority", "organisation": "la:665"}


def test_a_decision_published_before_the_field_existed_opens_a_plan(service: IdpService) -> None:
    envelope = la_decided()
    old = replace(envelope, data={k: v for k, v in envelope.data.items() if k != "idp_necessary"})
    assert "idp_necessary" not in old.data
    [plan] = plans_changed(service, old)
    assert plan.maintainer["organisation"] == "la:665"


def test_the_reminder_interval_is_the_services_setting(store_settings: ServiceSettings) -> None:
    settings = Settings(preparation_reminder_days=14)
    env = store_settings.eventsourcing_env() | {
        k: v for k, v in settings.eventsourcing_env().items() if k.startswith("IDP_")
    }
    create_engine(store_settings).dispose()
    app = IdpService(env)
    try:
        [plan] = plans_changed(app, decided("R1", "has_aln"))
        assert plan_view(plan, date(2026, 5, 2)).deadlines[PREPARATION]["remind_every_days"] == 14
    finally:
        app.close()
