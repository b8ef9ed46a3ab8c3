"""The bulk path of an MIS's nightly sync (issue 19): many learners' aggregates saved in one
transaction, their data keys made together, the integrity chain whole, a repeat idempotent."""

from datetime import date
from uuid import UUID

import sqlalchemy as sa

from determination.application import DeterminationService, Raised
from determination.domain.errors import DateOutOfOrderError, OpenDeterminationError
from llwybr.personal_data.vault import Vault
from llwybr_testkit import CountingRecorder

from .test_application import SCHOOL, at, pupil

ON = date(2026, 3, 2)


def sync(service: DeterminationService, prefix: str, count: int) -> list[Raised | Exception]:
    return service.raise_concerns(
        SCHOOL, [at("school:6652001", pupil(), ON, f"{prefix}-{n}") for n in range(count)]
    )


def test_a_syncs_new_learners_keys_are_made_in_one_transaction(
    service: DeterminationService,
) -> None:
    assert isinstance(service.vault, Vault)
    commits = [0]
    sa.event.listen(
        service.vault.engine, "commit", lambda _c: commits.__setitem__(0, commits[0] + 1)
    )
    results = sync(service, "keys", 40)
    assert all(isinstance(r, Raised) for r in results)
    assert commits[0] == 1  # not one per learner
    for raised in results:
        assert isinstance(raised, Raised)
        assert service.verify(raised.determination_id).ok
        assert service.verify(UUID(raised.learner_id)).ok
        view = service.learner(SCHOOL, raised.learner_id)
        assert (view.given_name, view.family_name) == ("Cerys", "Jones")  # sealed, opened


def test_a_repeated_sync_creates_nothing_and_a_bad_item_loses_none_of_the_good(
    service: DeterminationService,
) -> None:
    first = sync(service, "again", 30)
    before = service.recorder.max_notification_id() or 0
    again = sync(service, "again", 30)
    assert all(isinstance(r, OpenDeterminationError) for r in again)
    assert (service.recorder.max_notification_id() or 0) == before
    ids = {r.determination_id for r in first if isinstance(r, Raised)}
    assert {r.determination_id for r in again if isinstance(r, OpenDeterminationError)} == {
        str(i) for i in ids
    }
    unborn = pupil(date_of_birth=date(2027, 1, 1))
    mixed = [at("school:6652001", pupil(), ON, f"mixed-{n}") for n in range(5)]
    mixed.insert(2, at("school:6652001", unborn, ON, "mixed-bad"))
    results = service.raise_concerns(SCHOOL, mixed)
    assert isinstance(results[2], DateOutOfOrderError)
    assert sum(isinstance(r, Raised) for r in results) == 5
    assert (service.recorder.max_notification_id() or 0) - before == 5 * 4


def test_a_syncs_reads_are_a_few_round_trips_whatever_its_size(
    service: DeterminationService,
) -> None:
    """What each item reads (its learner's indexes and record, their open case) is read for
    all the items together, a level at a time: the same round trips for 40 items as for 4."""
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one

    def reads(prefix: str, count: int, outcome: type) -> tuple[int, int]:
        counting.many_reads = counting.reads = 0
        assert all(isinstance(r, outcome) for r in sync(service, prefix, count))
        return counting.many_reads, counting.reads

    # New learners: their indexes, found missing; alone: the rule table and calendars.
    few, many = reads("few", 4, Raised), reads("many", 40, Raised)
    assert few == many
    assert many[0] == 1
    # Known learners: indexes, records, open-determination indexes, cases.
    few, many = reads("few", 4, OpenDeterminationError), reads("many", 40, OpenDeterminationError)
    assert few == many == (4, 1)  # alone: the rule table
