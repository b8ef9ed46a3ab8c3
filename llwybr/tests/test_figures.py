"""Domain figures read from the service's database at each scrape, and several deployables'
metrics on one page (embedded mode) (issue #21)."""

from collections.abc import Iterable

import pytest
import sqlalchemy as sa
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from llwybr.db import create_engine, create_tables
from llwybr.figures import DomainFigures, Figure, Sample, Store
from llwybr.metrics import Metrics, exposition
from llwybr.settings import ServiceSettings
from llwybr_testkit import ExampleService


def samples(text: bytes, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    return {
        tuple(sorted(s.labels.items())): s.value
        for family in text_string_to_metric_families(text.decode())
        for s in family.samples
        if s.name == name
    }


def registry_with(figures: DomainFigures) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=True)
    registry.register(figures)
    return registry


def notes(conn: sa.Connection) -> Iterable[Sample]:
    return [(("opened",), 2.0)]


def broken(conn: sa.Connection) -> Iterable[Sample]:
    raise sa.exc.OperationalError("SELECT", {}, Exception("the database restarts"))


def test_the_outbox_backlog_counts_stored_events_the_relay_has_not_published(
    sqlite_settings: ServiceSettings,
) -> None:
    engine = create_engine(sqlite_settings)
    create_tables(engine)
    service = ExampleService(sqlite_settings.eventsourcing_env())
    try:
        figures = DomainFigures("example", [Figure("example_cases", "Cases", ("kind",), notes)])
        registry = registry_with(figures)  # registration reads no database
        assert samples(generate_latest(registry), "llwybr_figures_up") == {
            (("service", "example"),): 0.0
        }
        case = service.open_case("learner-1")
        service.note(case, "seen")
        figures = DomainFigures("example", [Figure("example_cases", "Cases", ("kind",), notes)])
        figures.store = Store(engine, service, "example.outbox")
        text = generate_latest(registry_with(figures))
        assert samples(text, "llwybr_outbox_backlog_events") == {(("service", "example"),): 2}
        assert samples(text, "example_cases") == {(("kind", "opened"), ("service", "example")): 2}
        assert samples(text, "llwybr_figures_up") == {(("service", "example"),): 1.0}
    finally:
        service.close()
        engine.dispose()


def test_a_figure_that_cannot_be_read_says_so_and_fails_no_scrape(
    sqlite_settings: ServiceSettings,
) -> None:
    engine = create_engine(sqlite_settings)
    create_tables(engine)
    service = ExampleService(sqlite_settings.eventsourcing_env())
    try:
        figures = DomainFigures("example", [Figure("example_cases", "Cases", (), broken)])
        figures.store = Store(engine, service, "example.outbox")
        text = generate_latest(registry_with(figures))
        assert samples(text, "llwybr_figures_up") == {(("service", "example"),): 0.0}
    finally:
        service.close()
        engine.dispose()


@pytest.mark.parametrize("count", [1, 3])
def test_one_page_shows_each_deployable_s_figures_by_service(count: int) -> None:
    parts = [Metrics(name) for name in ("gateway", "idp", "notifications")[:count]]
    for part in parts:
        part.requests.labels("GET", "/v1/idps", "200").inc()
        part.consumer_dead_letters.labels(part.service, f"{part.service}.x").inc()
    text = exposition(parts)
    requests = samples(text, "http_requests_total")
    if count == 1:
        assert requests == {(("method", "GET"), ("route", "/v1/idps"), ("status", "200")): 1}
    else:
        assert {dict(k)["service"] for k in requests} == {"gateway", "idp", "notifications"}
    letters = samples(text, "llwybr_consumer_dead_letters_total")
    assert {dict(k)["service"] for k in letters} == {p.service for p in parts}
    # each family once on the page (Prometheus refuses a family split in two)
    names = [f.name for f in text_string_to_metric_families(text.decode())]
    assert len(names) == len(set(names))
