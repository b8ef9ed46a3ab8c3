"""Who is related to each case and learner, as the read models filter by it, on SQLite and on
PostgreSQL: an LA sees its own cases and its learners', an auditor its jurisdiction, a change
of the learner's relationships changes who sees their cases."""

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa

from contracts.determination import LearnerRelationsRecorded
from disputes.application import DisputesService
from disputes.domain import AdvocacyFor
from disputes.projections import (
    PROJECTION,
    RELATIONS,
    open_cases,
    outcomes,
    readers,
    related_to,
)
from disputes.publisher import translator
from llwybr.db import create_engine, create_tables
from llwybr.principal import Principal
from llwybr.projections import ProjectionRunner
from llwybr.settings import ServiceSettings
from llwybr_testkit import published_envelopes

HOME, LOOKING_AFTER = "la:665", "la:670"
ON = date(2026, 5, 1)


def caller(organisation: str) -> Principal:
    return Principal("client", organisation, frozenset())


@pytest.fixture
def stores(
    store_settings: ServiceSettings,
) -> Iterator[tuple[DisputesService, sa.Engine]]:
    engine = create_engine(store_settings)
    create_tables(engine)
    for table in (*PROJECTION.tables, *RELATIONS.tables):
        table.create(engine, checkfirst=True)
    app = DisputesService(store_settings.eventsourcing_env())
    yield app, engine
    app.close()
    engine.dispose()


def record(
    app: DisputesService, learner_id: str, looking_after: str | None = None, upn: str | None = None
) -> None:
    app.save(*app.adopt_learner(LearnerRelationsRecorded(
        learner_id=learner_id, responsible_authority=HOME, looking_after_authority=looking_after,
        compulsory_school_age_on=date(2021, 9, 1), young_person_on=date(2033, 9, 1), upn=upn,
    )))  # fmt: skip


def advocacy(app: DisputesService, learner_id: str, la: str = HOME) -> str:
    advocacy_id, _ = app.request_advocacy(
        caller(la), learner_id=learner_id, for_person=AdvocacyFor.CHILD,
        requested_by="Parent", requested_on=ON, related_case_id=None,
    )  # fmt: skip
    return str(advocacy_id)


def listed(app: DisputesService, engine: sa.Engine, of: str, by: str) -> set[str]:
    for projection in (PROJECTION, RELATIONS):
        runner = ProjectionRunner(projection, app, engine)
        while runner.catch_up():
            pass
    with engine.connect() as conn:
        rows = open_cases(conn, related_to(of), readers(caller(by)), ON)
        assert outcomes(conn, related_to(of), readers(caller(by))) == []
    return {r["case_id"] for r in rows}


def test_an_la_lists_its_own_and_its_learners_cases_and_an_auditor_its_jurisdiction(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    app, engine = stores
    learner = f"learner-{uuid.uuid4()}"
    record(app, learner)
    case = advocacy(app, learner)
    assert listed(app, engine, HOME, HOME) == {case}
    assert listed(app, engine, LOOKING_AFTER, LOOKING_AFTER) == set()
    assert listed(app, engine, HOME, "auditor:665") == {case}
    assert listed(app, engine, HOME, "auditor:wales") == {case}
    assert listed(app, engine, HOME, "auditor:670") == set()
    assert listed(app, engine, HOME, "la:666") == set()
    # the child becomes looked after by another LA: it sees the case, and its auditor too
    record(app, learner, looking_after=LOOKING_AFTER)
    assert listed(app, engine, LOOKING_AFTER, LOOKING_AFTER) == {case}
    assert listed(app, engine, LOOKING_AFTER, "auditor:670") == {case}
    assert listed(app, engine, HOME, LOOKING_AFTER) == {case}


def test_the_history_of_a_case_is_read_through_its_relations(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    """The hook the history endpoints ask (``llwybr.history_access``): a case's relations are
    the learner's and its own; the rule table in force is no learner's."""
    app, _ = stores
    learner = f"learner-{uuid.uuid4()}"
    record(app, learner, looking_after=LOOKING_AFTER)
    case: object = app.repository.get(uuid.UUID(advocacy(app, learner)))
    relations = app.relations_of_aggregate(case)
    assert set(relations.parties) == {HOME, LOOKING_AFTER}
    assert relations.jurisdiction == {"665", "670"}
    assert app.relations_of_aggregate(app.rule_table_in_force()).parties == {}


def test_a_disputes_event_carries_the_upn_from_the_registrys_facts(
    stores: tuple[DisputesService, sa.Engine],
) -> None:
    app, _ = stores
    record(app, "learner-known", upn="M665200125001")
    record(app, "learner-no-upn")
    advocacy(app, "learner-known")
    advocacy(app, "learner-no-upn")
    upns = {e.subject: e.data["upn"] for e in published_envelopes(app, translator(app))}
    assert upns == {"learner-known": "M665200125001", "learner-no-upn": None}
