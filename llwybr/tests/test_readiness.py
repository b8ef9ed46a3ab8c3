"""Readiness means "can take commands": a broker that is away degrades, it does not fail."""

import pytest

from llwybr.service import build_service
from llwybr.settings import ServiceSettings
from tests.stack import free_port

from .test_service import SPEC, started

pytestmark = pytest.mark.integration


async def test_with_kafka_away_the_service_stays_ready_says_it_is_degraded_and_takes_commands(
    postgres_settings: ServiceSettings,
) -> None:
    away = f"127.0.0.1:{free_port()}"  # nothing listens there
    runtime = postgres_settings.runtime.model_copy(
        update={"mode": "stack", "kafka_bootstrap_servers": away}
    )
    settings = postgres_settings.model_copy(update={"runtime": runtime})
    async for client in started(build_service(settings, SPEC)):
        ready = await client.get("/readyz")
        assert ready.status_code == 200, ready.text
        body = ready.json()
        assert body["status"] == "ready"
        assert body["checks"]["database"] == "ok"
        assert body["checks"]["kafka"].startswith("degraded: ")
        assert body["degraded"] == ["kafka"]
        assert (await client.get("/healthz")).status_code == 200
        metrics = (await client.get("/metrics")).text
        assert "llwybr_broker_available 0.0" in metrics.splitlines()

        response = await client.post("/cases", json={"learner_id": "l-1"})
        assert response.status_code == 201  # the outbox holds the event until Kafka is back


async def test_with_kafka_answering_nothing_is_degraded(
    postgres_settings: ServiceSettings, kafka_bootstrap: str
) -> None:
    runtime = postgres_settings.runtime.model_copy(
        update={"mode": "stack", "kafka_bootstrap_servers": kafka_bootstrap}
    )
    settings = postgres_settings.model_copy(update={"runtime": runtime})
    async for client in started(build_service(settings, SPEC)):
        body = (await client.get("/readyz")).json()
        assert (body["checks"]["kafka"], body["degraded"]) == ("ok", [])
        metrics = (await client.get("/metrics")).text
        assert "llwybr_broker_available 1.0" in metrics.splitlines()
