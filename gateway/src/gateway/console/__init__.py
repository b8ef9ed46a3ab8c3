"""The case console: server-rendered pages for LA officers and auditors, over the public API
(ADR 0022). ``install_console`` mounts it on the gateway."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from gateway.console.gateway_calls import GatewayCalls, dev_organisations
from gateway.console.pages import router
from gateway.console.session import SessionCodec
from gateway.settings import Settings


def install_console(app: FastAPI, settings: Settings, secret: bytes) -> None:
    """Mount the pages and their stylesheet; the development sign-in only in embedded mode."""
    embedded = settings.runtime.mode == "embedded"
    organisations = dev_organisations(settings.runtime.var_dir) if embedded else {}
    app.state.console_calls = GatewayCalls(app, organisations)
    app.state.console_sessions = SessionCodec(secret)
    static = StaticFiles(directory=Path(__file__).parent / "static")
    app.mount("/console/static", static, name="console-static")
    app.include_router(router)
