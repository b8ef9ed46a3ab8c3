"""What every request leaves behind for operators: its metrics and its access line."""

import time

from fastapi import Request

from llwybr.logs import log_access
from llwybr.metrics import Metrics


def observed(request: Request, metrics: Metrics, status: int, started: float) -> None:
    """Count and time the request (by route template) and write its access line. The client
    is the caller the gateway vouched for (a service) or the token's client (the gateway)."""
    seconds = time.perf_counter() - started
    template = getattr(request.scope.get("route"), "path", None)
    route = template or "unmatched"
    metrics.requests.labels(request.method, route, str(status)).inc()
    metrics.request_seconds.labels(request.method, route).observe(seconds)
    state = request.state
    principal = getattr(state, "principal", None)
    client_id = getattr(principal, "subject", None) or getattr(state, "client_id", None)
    rid = getattr(state, "request_id", None)
    log_access(request.method, template, request.url.path, status, seconds, rid, client_id)
