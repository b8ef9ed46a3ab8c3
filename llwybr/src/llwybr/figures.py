"""Domain figures for operators, read from the service's own database when Prometheus scrapes
(so every replica, and a replica that just started, reports the same, and a figure is right
while the broker is away, when it matters most).

Each service has the outbox backlog (stored events its relay has not yet published); a
service adds its own figures (the notifications service: escalated notices, missed statutory
deadlines) with ``ServiceSpec.figures``. Read at most every ``max_age`` seconds; a database
that does not answer gives no samples (and ``llwybr_figures_up`` 0), never a failed scrape.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric

from llwybr.eventstore import ChainedApplication
from llwybr.outbox import relay_positions

log = logging.getLogger(__name__)

#: One reading of a figure: its label values (after ``service``) and its value.
Sample = tuple[tuple[str, ...], float]


@dataclass(frozen=True)
class Figure:
    """A gauge read from the service's database: ``read`` gives its samples."""

    name: str
    documentation: str
    labels: tuple[str, ...]
    read: Callable[[sa.Connection], Iterable[Sample]]


@dataclass(frozen=True)
class Store:
    """Where a service's figures are read: set once its storage is ready."""

    engine: sa.Engine
    application: ChainedApplication
    relay: str


class DomainFigures:
    """A Prometheus collector of a service's figures (register it on the service's registry)."""

    def __init__(self, service: str, figures: Sequence[Figure], max_age: float = 5.0) -> None:
        self.service = service
        self.figures = tuple(figures)
        self.store: Store | None = None
        self._max_age = max_age
        self._lock = threading.Lock()
        self._read_at = -max_age
        self._cached: list[Metric] = []

    def describe(self) -> Iterator[Metric]:
        """The families (without reading the database: registration must not touch it)."""
        yield GaugeMetricFamily("llwybr_figures_up", "", labels=["service"])
        yield GaugeMetricFamily("llwybr_outbox_backlog_events", "", labels=["service"])
        for figure in self.figures:
            yield GaugeMetricFamily(figure.name, "", labels=["service", *figure.labels])

    def collect(self) -> Iterator[Metric]:
        with self._lock:
            if time.monotonic() - self._read_at >= self._max_age:
                self._cached = self._read()
                self._read_at = time.monotonic()
            yield from self._cached

    def _read(self) -> list[Metric]:
        up = GaugeMetricFamily(
            "llwybr_figures_up",
            "1 when the service's domain figures could be read from its database",
            labels=["service"],
        )
        store = self.store
        if store is None:
            up.add_metric([self.service], 0)
            return [up]
        try:
            families = [self._backlog(store), *self._own(store.engine)]
        except Exception as error:  # the scrape must not fail; the gauge says why figures lack
            log.warning("%s: domain figures unreadable: %r", self.service, error)
            up.add_metric([self.service], 0)
            return [up]
        up.add_metric([self.service], 1)
        return [up, *families]

    def _backlog(self, store: Store) -> Metric:
        family = GaugeMetricFamily(
            "llwybr_outbox_backlog_events",
            "Stored events the outbox relay has not yet published to the bus",
            labels=["service"],
        )
        latest = store.application.recorder.max_notification_id() or 0
        with store.engine.connect() as conn:
            position = conn.execute(
                sa.select(relay_positions.c.position).where(relay_positions.c.relay == store.relay)
            ).scalar()
        family.add_metric([self.service], max(0, latest - int(position or 0)))
        return family

    def _own(self, engine: sa.Engine) -> list[Metric]:
        families: list[Metric] = []
        with engine.connect() as conn:
            for figure in self.figures:
                family = GaugeMetricFamily(
                    figure.name, figure.documentation, labels=["service", *figure.labels]
                )
                for labels, value in figure.read(conn):
                    family.add_metric([self.service, *labels], value)
                families.append(family)
        return families
