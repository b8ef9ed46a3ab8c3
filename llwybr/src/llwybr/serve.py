"""Run an ASGI app with uvicorn, JSON logs and (if the ``OTEL_*`` variables ask) traces."""

import uvicorn
from fastapi import FastAPI

from llwybr import tracing
from llwybr.logs import configure_logging
from llwybr.settings import RuntimeSettings


def serve(app: FastAPI, runtime: RuntimeSettings, host: str, port: int) -> None:
    """Serve ``app`` until stopped; its traces go out as ``llwybr-<deployable>`` (the
    gateway's process is the whole system in embedded mode: ``llwybr``)."""
    configure_logging(runtime.log_level, json_lines=runtime.json_logs)
    provider = tracing.configure(_service_name(app, runtime))
    try:
        uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)
    finally:
        if provider is not None:
            provider.shutdown()  # sends the spans still waiting


def _service_name(app: FastAPI, runtime: RuntimeSettings) -> str:
    metrics = getattr(app.state, "metrics", None)
    name = getattr(metrics, "service", None) or app.title
    if name == "gateway" and runtime.mode == "embedded":
        return "llwybr"
    return f"llwybr-{name}"
