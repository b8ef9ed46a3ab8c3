"""The development sign-in outside embedded mode (``make run-stack``): offered where the
settings ask for it and the gateway is on loopback only; refused at start-up anywhere else."""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from gateway.console import development_sign_in_env, install_console
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings

CREDENTIALS = [{"client_id": "wrexham-la", "client_secret": "s3cret", "organisation": "la:665"}]


def _stack_settings(tmp_path: Path, **settings: Any) -> Settings:
    credentials = tmp_path / "dev-credentials.json"
    credentials.write_text(json.dumps(CREDENTIALS))
    runtime = RuntimeSettings(mode="stack", var_dir=tmp_path)
    return Settings(runtime=runtime, console_credentials_file=credentials, **settings)


def test_stack_mode_offers_the_development_sign_in_on_loopback_when_asked(tmp_path: Path) -> None:
    app = FastAPI()
    install_console(app, _stack_settings(tmp_path, console_dev_sign_in=True), b"k" * 32)
    assert app.state.console_dev_sign_in
    assert list(app.state.console_calls.organisations) == ["wrexham-la"]


def test_stack_mode_offers_no_development_sign_in_unless_asked(tmp_path: Path) -> None:
    app = FastAPI()
    install_console(app, _stack_settings(tmp_path), b"k" * 32)
    assert not app.state.console_dev_sign_in


#: Every interface (as in a container), or reached by a public address behind a proxy.
OFF_LOOPBACK = [{"host": "0.0.0.0"}, {"public_url": "https://llwybr.example.gov.wales"}]  # noqa: S104


@pytest.mark.parametrize("where", OFF_LOOPBACK)
def test_the_development_sign_in_off_loopback_refuses_to_start(
    tmp_path: Path, where: dict[str, str]
) -> None:
    settings = _stack_settings(tmp_path, console_dev_sign_in=True, **where)
    with pytest.raises(ValueError, match="loopback only"):
        install_console(FastAPI(), settings, b"k" * 32)


def test_run_stack_gives_the_gateway_its_development_clients(tmp_path: Path) -> None:
    env = development_sign_in_env(tmp_path / "gateway", {})
    assert env == {
        "GATEWAY_CONSOLE_DEV_SIGN_IN": "true",
        "GATEWAY_CONSOLE_CREDENTIALS_FILE": str(tmp_path / "gateway" / "dev-credentials.json"),
    }
    own = development_sign_in_env(tmp_path, {"GATEWAY_CONSOLE_CREDENTIALS_FILE": "/etc/c.json"})
    assert own["GATEWAY_CONSOLE_CREDENTIALS_FILE"] == "/etc/c.json"
