"""Prometheus metrics, one registry per deployable (embedded mode hosts several in one process
and shows them all on one ``/metrics``: ``exposition``)."""

from collections.abc import Iterator, Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.metrics_core import Metric


class Metrics:
    """Requests, outbox relay, consumer and integrity figures for one deployable."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "http_requests", "HTTP requests handled", ["method", "route", "status"], registry=r
        )
        self.request_seconds = Histogram(
            "http_request_duration_seconds", "HTTP request latency", ["method", "route"], registry=r
        )
        self.relay_lag = Gauge(
            "outbox_relay_lag_events", "Stored events not yet published", ["relay"], registry=r
        )
        self.relay_published = Counter(
            "outbox_relay_published_events", "Events published to the bus", ["relay"], registry=r
        )
        self.relay_active = Gauge(
            "outbox_relay_active", "1 when this replica holds the relay lock", ["relay"], registry=r
        )
        self.relay_failures = Counter(
            "outbox_relay_failures",
            "Relay batches that failed and were retried",
            ["relay"],
            registry=r,
        )
        self.consumer_lag = Gauge(
            "consumer_lag_messages", "Messages waiting for a consumer", ["consumer"], registry=r
        )
        self.consumer_events = Counter(
            "consumer_events", "Events received by a consumer", ["consumer", "outcome"], registry=r
        )
        self.broker_available = Gauge(
            "llwybr_broker_available",
            "1 while the message broker answers, 0 while it is away (stack mode; the outbox "
            "holds events meanwhile)",
            registry=r,
        )
        self.consumer_stuck = Gauge(
            "llwybr_consumer_stuck_messages",
            "Messages whose effect failed and is being retried (1 while a consumer is stuck)",
            ["service", "consumer"],
            registry=r,
        )
        self.consumer_dead_letters = Counter(
            "llwybr_consumer_dead_letters",  # exported as llwybr_consumer_dead_letters_total
            "Messages a consumer set aside as dead letters (unreadable, or failing N times)",
            ["service", "consumer"],
            registry=r,
        )
        self.consumer_dead_letters_waiting = Gauge(
            "llwybr_consumer_dead_letters_waiting",
            "Dead letters stored and not yet replayed",
            ["service", "consumer"],
            registry=r,
        )
        self.integrity_failures = Counter(
            "llwybr_integrity_failures",
            "Loads of an aggregate refused because its stored events fail the integrity chain",
            ["service"],
            registry=r,
        )


class Combined:
    """Several deployables' registries as one collector: each family once, each sample with
    the ``service`` label of the deployable it came from (unless it has its own)."""

    def __init__(self, parts: Sequence[Metrics]) -> None:
        self.parts = tuple(parts)

    def collect(self) -> Iterator[Metric]:
        families: dict[str, Metric] = {}
        for part in self.parts:
            for family in part.registry.collect():
                merged = families.get(family.name)
                if merged is None:
                    merged = Metric(family.name, family.documentation, family.type, family.unit)
                    families[family.name] = merged
                for sample in family.samples:
                    labels = sample.labels
                    if "service" not in labels:
                        labels = {"service": part.service, **labels}
                    merged.samples.append(sample._replace(labels=labels))
        yield from families.values()


def exposition(parts: Sequence[Metrics]) -> bytes:
    """The Prometheus text of one deployable, or of several in one process (embedded mode:
    the gateway's and every service's figures, told apart by ``service``). Blocking: domain
    figures are read from the databases."""
    if len(parts) == 1:
        return generate_latest(parts[0].registry)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(Combined(parts))
    return generate_latest(registry)
