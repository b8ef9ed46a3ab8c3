"""JSON structured logs to stdout: UTC timestamps (ISO 8601, ``Z``), the request id of the
request in hand and, inside a trace, its trace and span ids; and one access line per request.
"""

import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

from opentelemetry import trace
from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("llwybr_request_id", default=None)

#: The access log: one line per request, at INFO (``configure_logging`` keeps it on).
access_log = logging.getLogger("llwybr.access")

# A path segment that names a resource (words and hyphens, or the API version); any other
# names a record or an organisation (ids, hashes, UUIDs, ``school:6652001``, an LA number).
_RESOURCE = re.compile(r"(v[0-9]+|[a-z]+(-[a-z]+)*)?")
_MAX_PATH = 200
#: Parameters of a route that forwards (the gateway's ``/v1/{resource}/{rest:path}``): its
#: template says nothing of the request, so the path is logged, masked.
_FORWARDING = ("{resource}", ":path}")
#: Probes and scrapes, every few seconds: their access lines are DEBUG, not to drown the rest.
PROBES = frozenset({"/healthz", "/readyz", "/metrics"})


def utc_timestamp(created: float) -> str:
    """A log record's time as ISO 8601 in UTC, to the millisecond: 2026-03-20T09:15:02.123Z."""
    moment = datetime.fromtimestamp(created, UTC)
    return moment.isoformat(timespec="milliseconds").removesuffix("+00:00") + "Z"


class _Context(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:  # an access line brings its own
            record.request_id = request_id.get()
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            record.trace_id = f"{span.trace_id:032x}"
            record.span_id = f"{span.span_id:016x}"
        return True


class UtcJsonFormatter(JsonFormatter):
    """``JsonFormatter`` with its ``time`` in UTC (ISO 8601 with ``Z``)."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return utc_timestamp(record.created)


class UtcFormatter(logging.Formatter):
    """Plain lines (``LLWYBR_JSON_LOGS=false``), with the same UTC timestamps."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return utc_timestamp(record.created)


def configure_logging(level: str = "INFO", *, json_lines: bool = True) -> None:
    """Replace the root handlers with one stdout handler (idempotent)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_Context())
    if json_lines:
        handler.setFormatter(
            UtcJsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                timestamp=False,
            )
        )
    else:
        handler.setFormatter(UtcFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("aiokafka").setLevel(max(logging.WARNING, root.level))
    # The access lines are the operators' record of traffic: kept at any root level.
    access_log.setLevel(min(logging.INFO, root.level))


def path_template(route: str | None, path: str) -> str:
    """The path to log for a request: its route's template (``/v1/idps/{idp_id}``), or, for a
    forwarding route (the gateway's) or none, the path with every segment that
    names a record or an organisation replaced by ``{id}``. Never the query string."""
    if route is not None and not any(p in route for p in _FORWARDING):
        return route
    segments = [s if _RESOURCE.fullmatch(s) else "{id}" for s in path.split("/")]
    return "/".join(segments)[:_MAX_PATH]


def log_access(
    method: str,
    route: str | None,
    path: str,
    status: int,
    seconds: float,
    rid: str | None,
    client_id: str | None,
) -> None:
    """The request's access line: method, path template, status, duration, request id and
    the calling client (its OAuth client id; never a person's data)."""
    template = path_template(route, path)
    access_log.log(
        logging.DEBUG if path in PROBES else logging.INFO,
        "%s %s %d",
        method,
        template,
        status,
        extra={
            "method": method,
            "path": template,
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
            "request_id": rid,
            "client_id": client_id,
        },
    )
