"""Run an ASGI app with uvicorn, JSON logs and (if the ``OTEL_*`` variables ask) traces."""

import errno
import socket

import uvicorn
from fastapi import FastAPI

from llwybr import tracing
from llwybr.logs import configure_logging
from llwybr.settings import RuntimeSettings

#: How long a kept-alive connection may stay idle before the server closes it. A client that
#: reuses a connection the server is closing at that moment gets it dropped mid-request (a
#: POST is then "may or may not have taken effect"): clients must give connections up
#: sooner. The gateway keeps its connections to the services idle for at most
#: ``gateway.services.KEEPALIVE_EXPIRY_SECONDS``; uvicorn's own default is 5 s, httpx's too.
KEEP_ALIVE_SECONDS = 75


#: Connections held until the server accepts them (uvicorn's default backlog).
BACKLOG = 2048


def listen(name: str, host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (port 0: any free one), or one line saying why not.

    Bound before the app is built or started: a taken port is then said at once, not after
    every service has started (seconds) in a JSON log line.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
    try:
        sock.bind((host, port))
        # Listening now, not when uvicorn starts: two sockets with SO_REUSEADDR may both bind
        # a port nobody listens on yet, so a second start during the first's start-up would
        # otherwise fail only after building the app, with a traceback.
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        reason = "the port is in use" if error.errno == errno.EADDRINUSE else error.strerror
        raise SystemExit(f"{name}: cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)
    return sock


def serve(
    app: FastAPI,
    runtime: RuntimeSettings,
    host: str,
    port: int,
    sock: socket.socket | None = None,
) -> None:
    """Serve ``app`` until stopped (on ``sock`` if given, bound by ``listen``); its traces go
    out as ``llwybr-<deployable>`` (the gateway's process is the whole system in embedded
    mode: ``llwybr``)."""
    configure_logging(runtime.log_level, json_lines=runtime.json_logs)
    provider = tracing.configure(_service_name(app, runtime))
    try:
        config = uvicorn.Config(
            app, host=host, port=port, log_config=None, access_log=False,
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        )  # fmt: skip
        uvicorn.Server(config).run(sockets=[sock] if sock is not None else None)
    finally:
        if provider is not None:
            provider.shutdown()  # sends the spans still waiting


def _service_name(app: FastAPI, runtime: RuntimeSettings) -> str:
    metrics = getattr(app.state, "metrics", None)
    name = getattr(metrics, "service", None) or app.title
    if name == "gateway" and runtime.mode == "embedded":
        return "llwybr"
    return f"llwybr-{name}"
