"""The case console: server-rendered pages for LA officers and auditors, over the public API
(ADR 0022). ``install_console`` mounts it on the gateway."""

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from gateway.console.case_parts import router as case_parts_router
from gateway.console.gateway_calls import GatewayCalls, dev_organisations
from gateway.console.notices import router as notices_router
from gateway.console.oidc import OidcConfig, OidcSignIn
from gateway.console.pages import router
from gateway.console.session import SessionCodec
from gateway.console.sign_in import CALLBACK_PATH
from gateway.console.sign_in import router as sign_in_router
from gateway.console.statistics import router as statistics_router
from gateway.settings import Settings


def install_console(app: FastAPI, settings: Settings, secret: bytes) -> None:
    """Mount the pages and their stylesheet. The development sign-in in embedded mode, and
    where ``console_dev_sign_in`` asks for it on loopback (``make run-stack``); sign-in
    through an identity provider wherever one is configured."""
    embedded = settings.runtime.mode == "embedded"
    if settings.console_dev_sign_in and not on_loopback(settings):
        raise ValueError(
            "GATEWAY_CONSOLE_DEV_SIGN_IN lets anyone who reaches the console act for any "
            f"development organisation: the gateway must listen on loopback only, not "
            f"{settings.base_url()} (set GATEWAY_CONSOLE_OIDC_* for an identity provider)"
        )
    credentials = settings.console_credentials_file
    if credentials is None and embedded:
        credentials = settings.runtime.var_dir / "gateway" / "dev-credentials.json"
    organisations = dev_organisations(credentials) if credentials is not None else {}
    app.state.console_calls = GatewayCalls(app, organisations)
    app.state.console_sessions = SessionCodec(secret)
    app.state.console_dev_sign_in = embedded or settings.console_dev_sign_in
    app.state.console_oidc = oidc_sign_in(settings)
    static = StaticFiles(directory=Path(__file__).parent / "static")
    app.mount("/console/static", static, name="console-static")
    app.include_router(sign_in_router)
    app.include_router(router)
    app.include_router(statistics_router)
    app.include_router(notices_router)
    app.include_router(case_parts_router)


def oidc_sign_in(settings: Settings) -> OidcSignIn | None:
    """The identity provider people sign in through, if one is configured."""
    if settings.console_oidc_issuer is None or settings.console_oidc_client_id is None:
        return None
    secret = settings.console_oidc_client_secret
    config = OidcConfig(
        issuer=settings.console_oidc_issuer,
        client_id=settings.console_oidc_client_id,
        client_secret=secret.get_secret_value() if secret is not None else None,
        redirect_url=f"{settings.base_url()}{CALLBACK_PATH}",
        organisation_claim=settings.console_oidc_organisation_claim,
    )
    return OidcSignIn(config)


def on_loopback(settings: Settings) -> bool:
    """Whether the gateway listens, and is reached, on this machine only."""
    hosts = {settings.host, urlsplit(settings.base_url()).hostname or ""}
    return all(_loopback(host) for host in hosts)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def development_sign_in_env(gateway_dir: Path, env: Mapping[str, str]) -> dict[str, str]:
    """The gateway's settings for the development sign-in of ``make run-stack``: the
    development clients it writes (unless the environment names other credentials)."""
    credentials = env.get("GATEWAY_CONSOLE_CREDENTIALS_FILE")
    return {
        "GATEWAY_CONSOLE_DEV_SIGN_IN": "true",
        "GATEWAY_CONSOLE_CREDENTIALS_FILE": credentials
        or str(gateway_dir / "dev-credentials.json"),
    }
