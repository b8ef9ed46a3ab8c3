"""The bounce settings refuse a configuration that would send unsigned VERP addresses."""

import pytest
from pydantic import SecretStr, ValidationError

from notifications.settings import BounceSettings

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
