"""The learner registry's service layer on SQLite and on PostgreSQL: one learner per key
under concurrency, a setting's own id then the UPN, merging duplicates, and the facts the
registry publishes for every service's access checks."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from uuid import UUID

from contracts.determination import LearnerRelationsRecorded
from determination.application import DeterminationService, Raised
from determination.domain.errors import OpenDeterminationError
from determination.domain.registry import LearnerRecord
from determination.publisher import translator
from llwybr.principal import Principal

from .test_api import valid_upn
from .test_application import LA, SCHOOL, at, pupil

ON = date(2026, 3, 2)


def learner_of(service: DeterminationService, raised: Raised) -> LearnerRecord:
    record = service.learner_record(raised.learner_id)
    assert record is not None
    return record


def test_concurrent_concerns_about_one_new_learner_make_one_learner_and_one_case(
    service: DeterminationService,
) -> None:
    concern = at("school:6652001", pupil(upn=valid_upn()), ON)
    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(lambda _: _try(service, concern), range(20)))
    raised = [o for o in outcomes if isinstance(o, Raised)]
    assert len(raised) == 1, outcomes
    assert all(isinstance(o, OpenDeterminationError) for o in outcomes if o not in raised)
    stored = service.recorder.select_notifications(1, 1000)  # (PostgreSQL's ids have gaps)
    assert len(stored) == 4  # one case, one learner, its UPN index, its open-case index


def _try(service: DeterminationService, concern: object) -> object:
    try:
        return service.raise_concern(SCHOOL, concern)  # type: ignore[arg-type]
    except OpenDeterminationError as error:
        return error


def known_by_local_id_then_upn(service: DeterminationService) -> tuple[Raised, Raised]:
    """A learner raised by a setting's own id, then (the case withdrawn) again with the UPN."""
    first = service.raise_concern(SCHOOL, at("school:6652001", pupil(), ON, "mis-7"))
    service.withdraw(SCHOOL, first.determination_id, reason="r", withdrawn_on=ON,
                     withdrawn_by="school:6652001")  # fmt: skip
    again = service.raise_concern(SCHOOL, at("school:6652001", pupil(upn=valid_upn()), ON, "mis-7"))
    return first, again


def test_a_settings_own_id_finds_the_learner_until_the_upn_arrives(
    service: DeterminationService,
) -> None:
    first, again = known_by_local_id_then_upn(service)
    assert again.learner_id == first.learner_id
    assert learner_of(service, again).upn == valid_upn()


def test_a_upn_that_belongs_to_another_record_merges_the_later_into_the_earlier(
    service: DeterminationService,
) -> None:
    by_local = service.raise_concern(SCHOOL, at("school:6652001", pupil(), ON, "mis-7"))
    by_upn = service.raise_concern(SCHOOL, at("school:6652001", pupil(upn=valid_upn()), ON))
    for case in (by_local, by_upn):
        service.withdraw(SCHOOL, case.determination_id, reason="r", withdrawn_on=ON,
                         withdrawn_by="school:6652001")  # fmt: skip
    both = service.raise_concern(SCHOOL, at("school:6652001", pupil(upn=valid_upn()), ON, "mis-7"))
    assert both.learner_id == by_local.learner_id
    assert learner_of(service, by_upn).learner_id == by_local.learner_id  # followed
    duplicate = service.get_as(UUID(by_upn.learner_id), LearnerRecord)
    assert duplicate.merged_into == by_local.learner_id
    assert learner_of(service, both).upn == valid_upn()


def test_the_registry_publishes_the_learners_whole_relations_when_they_change(
    service: DeterminationService,
) -> None:
    looked_after = pupil(looked_after=True, looking_after_authority="681")
    raised = service.raise_concern(SCHOOL, at("school:6652001", looked_after, ON))
    service.enrol(Principal("officer", "la:681", frozenset()), raised.learner_id,
                  setting="school:6810001", enrolled_on=ON, recorded_by="la:681")  # fmt: skip
    translate = translator(service)
    published = []
    for recorded in service.recorded_events(UUID(raised.learner_id)):
        publication = translate(recorded)
        assert publication is not None
        assert publication.learner_id == raised.learner_id
        published.append(publication.event)
    first, second = published
    assert isinstance(first, LearnerRelationsRecorded)
    assert (first.responsible_authority, first.looking_after_authority) == ("la:665", "la:681")
    assert first.enrolled_at == ["school:6652001"]
    assert (first.compulsory_school_age_on, first.young_person_on) == (
        date(2022, 8, 31), date(2033, 6, 25),
    )  # fmt: skip
    assert isinstance(second, LearnerRelationsRecorded)
    assert second.enrolled_at == ["school:6652001", "school:6810001"]
    assert LA.organisation == second.responsible_authority


def test_the_registry_publishes_the_upn_it_learns_with_the_relations(
    service: DeterminationService,
) -> None:
    raised, _ = known_by_local_id_then_upn(service)
    translate = translator(service)
    published = [translate(r) for r in service.recorded_events(UUID(raised.learner_id))]
    facts = [p.event for p in published if p is not None]
    assert all(isinstance(f, LearnerRelationsRecorded) for f in facts)
    # Known by the setting's own id first (no UPN), then the UPN arrives and is published.
    assert [f.upn for f in facts] == [None, valid_upn()]  # type: ignore[attr-defined]


def test_a_new_learners_relations_are_stored_before_the_concern_about_them(
    service: DeterminationService,
) -> None:
    """Published in that order on one key, so every service knows who may see the concern
    (and register the learner's contacts) by the time it hears of it."""
    service.raise_concern(SCHOOL, at("school:6652001", pupil(upn=valid_upn()), ON))
    translate = translator(service)
    log = service.select_notifications(0, 100)
    recorded = [service.chained_mapper.to_recorded_event(n) for n in log]
    names = [p.event.name for r in recorded if (p := translate(r)) is not None]
    assert names == ["learner-relations-recorded", "concern-raised"]
