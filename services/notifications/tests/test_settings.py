"""The bounce settings refuse a configuration that would send unsigned VERP addresses; the
webhook networks default to loopback in embedded mode only."""

import pytest
from pydantic import SecretStr, ValidationError

from llwybr.settings import RuntimeSettings
from notifications.settings import BounceSettings, Settings
from notifications.webhooks.addresses import parse_networks

KEY = SecretStr("k" * 32)


def test_bounces_are_off_by_default() -> None:
    settings = BounceSettings()
    assert (settings.domain, settings.listen_port, settings.keys()) == (None, None, [])


def test_a_bounce_domain_needs_a_signing_key() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEYS"):
        BounceSettings(domain="bounces.llwybr.example")


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 32 characters"):
        BounceSettings(domain="bounces.llwybr.example", secret_keys=SecretStr("short"))


def test_a_listener_needs_the_domain_it_accepts_mail_for() -> None:
    with pytest.raises(ValidationError, match="needs NOTIFICATIONS_BOUNCES_DOMAIN"):
        BounceSettings(listen_port=2525, secret_keys=KEY)


def test_keys_are_listed_newest_first() -> None:
    settings = BounceSettings(
        domain="bounces.llwybr.example", secret_keys=SecretStr(f"{'n' * 32}, {'o' * 32}")
    )
    assert settings.keys() == [b"n" * 32, b"o" * 32]


def test_embedded_mode_lets_webhooks_reach_a_receiver_on_loopback() -> None:
    settings = Settings(runtime=RuntimeSettings(mode="embedded"))
    assert settings.webhooks.allowed_networks == parse_networks("127.0.0.0/8, ::1")


def test_stack_mode_reaches_public_addresses_only() -> None:
    runtime = RuntimeSettings(mode="stack", internal_secret=SecretStr("s"))
    assert Settings(runtime=runtime).webhooks.allowed_networks == ()


def test_networks_set_by_the_operator_win_even_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFICATIONS_WEBHOOKS_ALLOWED_NETWORKS", "")
    assert Settings(runtime=RuntimeSettings(mode="embedded")).webhooks.allowed_networks == ()
    monkeypatch.setenv("NOTIFICATIONS_WEBHOOKS_ALLOWED_NETWORKS", "10.20.0.0/16")
    networks = Settings(runtime=RuntimeSettings(mode="embedded")).webhooks.allowed_networks
    assert networks == parse_networks("10.20.0.0/16")
