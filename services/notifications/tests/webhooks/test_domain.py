"""Webhook rules, the retry schedule and the delivery state machine (pure)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifications.webhooks.domain import (
    AttemptResult,
    DeliveryPendingError,
    DeliveryStatus,
    EventTypeNotOfferedError,
    InvalidWebhookUrlError,
    NotASubscriberError,
    RetryPolicy,
    Transition,
    after_attempt,
    check_event_types,
    check_owner,
    check_url,
    redeliver,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
POLICY = RetryPolicy(max_attempts=5, base_seconds=30, max_seconds=600)


def highest() -> float:
    return 0.999999


def lowest() -> float:
    return 0.0


# -- back-off ------------------------------------------------------------------------------------


def test_the_cap_doubles_from_the_base_then_stops_at_the_maximum() -> None:
    caps = [POLICY.delay(n, lambda: 1.0).total_seconds() for n in range(1, 8)]
    assert caps == [30, 60, 120, 240, 480, 600, 600]


def test_full_jitter_can_retry_at_once() -> None:
    assert POLICY.delay(3, lowest) == timedelta(0)


@given(failures=st.integers(min_value=1, max_value=200), draw=st.floats(0, 1, exclude_max=True))
def test_every_delay_lies_in_zero_to_the_cap(failures: int, draw: float) -> None:
    delay = POLICY.delay(failures, lambda: draw).total_seconds()
    cap = min(600, 30 * 2 ** (failures - 1))
    assert 0 <= delay <= cap  # [0, cap) before rounding to microseconds


def test_a_delay_follows_a_failure() -> None:
    with pytest.raises(ValueError, match="at least one failure"):
        POLICY.delay(0, lowest)


# -- after an attempt ----------------------------------------------------------------------------


def attempt(attempts: int, result: AttemptResult, *, disable_on_gone: bool = True) -> Transition:
    return after_attempt(attempts, result, NOW, POLICY, highest, disable_on_gone=disable_on_gone)


@pytest.mark.parametrize("status", [200, 201, 202, 204, 299])
def test_a_2xx_answer_delivers(status: int) -> None:
    transition = attempt(2, AttemptResult(status))
    assert transition.status is DeliveryStatus.DELIVERED
    assert transition.attempts == 3
    assert transition.next_attempt_at is None


@pytest.mark.parametrize(
    "result",
    [
        AttemptResult(500, "HTTP 500"),
        AttemptResult(302, "HTTP 302"),
        AttemptResult(None, "timeout"),
    ],
)
def test_a_failure_is_retried_after_a_jittered_delay(result: AttemptResult) -> None:
    transition = attempt(1, result)
    assert transition.status is DeliveryStatus.PENDING
    assert transition.attempts == 2
    assert transition.next_attempt_at is not None
    assert NOW <= transition.next_attempt_at < NOW + timedelta(seconds=60)


def test_the_last_allowed_failure_dead_letters() -> None:
    assert attempt(3, AttemptResult(503)).status is DeliveryStatus.PENDING
    dead = attempt(4, AttemptResult(503))
    assert dead.status is DeliveryStatus.DEAD
    assert dead.attempts == 5
    assert dead.next_attempt_at is None
    assert not dead.disable_subscription


def test_410_gone_dead_letters_and_disables_the_subscription() -> None:
    transition = attempt(0, AttemptResult(410, "HTTP 410"))
    assert transition.status is DeliveryStatus.DEAD
    assert transition.disable_subscription


def test_410_gone_is_an_ordinary_failure_when_so_configured() -> None:
    transition = attempt(0, AttemptResult(410, "HTTP 410"), disable_on_gone=False)
    assert transition.status is DeliveryStatus.PENDING
    assert not transition.disable_subscription


# -- redelivery ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [DeliveryStatus.DEAD, DeliveryStatus.DELIVERED])
def test_a_redelivery_is_pending_now_with_a_fresh_count(status: DeliveryStatus) -> None:
    transition = redeliver(status, NOW)
    assert (transition.status, transition.attempts, transition.next_attempt_at) == (
        DeliveryStatus.PENDING,
        0,
        NOW,
    )


def test_a_pending_delivery_cannot_be_redelivered() -> None:
    with pytest.raises(DeliveryPendingError):
        redeliver(DeliveryStatus.PENDING, NOW)


# -- subscription rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://mis.example.org/hooks",
        "https://mis.example.org:8443/hooks?tenant=1",
        "http://127.0.0.1:9000/hooks",
        "http://localhost/hooks",
        "http://[::1]:9000/hooks",
        "https://1.1.1.1/hooks",
        "https://[2606:4700::1111]/hooks",
        "https://mis-1.ysgol.cymru./hooks",
        "https://bücher.example/hooks",
    ],
)
def test_https_and_loopback_http_are_accepted_in_production(url: str) -> None:
    assert check_url(url, require_https=True) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://mis.example.org/hooks", "must be https"),
        ("ftp://mis.example.org/hooks", "must be http"),
        ("https:///hooks", "must name a host"),
        ("https://user:pw@mis.example.org/hooks", "credentials"),
        ("https://mis.example.org/hooks#x", "fragment"),
        ("https://mis.example.org:99999/hooks", "not a valid URL"),
        ("mis.example.org/hooks", "must be http"),
        ("https://127.1/hooks", "standard notation"),
        ("https://2130706433/hooks", "standard notation"),
        ("https://0x7f.0.0.1/hooks", "standard notation"),
        ("https://mis.example.123/hooks", "standard notation"),
        ("https://mis_1.example.org/hooks", "not a valid host name"),
        ("https://-mis.example.org/hooks", "not a valid host name"),
        ("https://mis..example.org/hooks", "not a valid host name"),
        ("https://mis.example.org/hooks\r\nX-Injected: 1", "white space or controls"),
        ("https://mis.example.org/ho\noks", "white space or controls"),
        ("https://mis.example.org/ho oks", "white space or controls"),
        ("https://mis.example.org/\x00", "white space or controls"),
        ("https://mis.example.org/\u202ehooks", "white space or controls"),
        ("https://mis.example.org:0/hooks", "port must be 1-65535"),
        ("https://mis.example.org:65536/hooks", "not a valid URL"),
        ("https://@mis.example.org/hooks", "credentials"),
    ],
)
def test_other_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(InvalidWebhookUrlError, match=reason):
        check_url(url, require_https=True)


def test_plain_http_anywhere_when_https_is_not_required() -> None:
    url = "http://mis.example.org/hooks"
    assert check_url(url, require_https=False) == url


def test_event_types_must_be_offered_and_are_kept_once_in_order() -> None:
    offered = {"a.v1", "b.v1", "c.v1"}
    assert check_event_types(["c.v1", "a.v1", "c.v1"], offered) == ["a.v1", "c.v1"]
    with pytest.raises(EventTypeNotOfferedError, match=r"x\.v1"):
        check_event_types(["a.v1", "x.v1"], offered)
    with pytest.raises(EventTypeNotOfferedError, match="at least one"):
        check_event_types([], offered)


@pytest.mark.parametrize("kind", ["school", "fei", "la", "lhb", "nhs"])
def test_organisations_that_act_on_cases_subscribe(kind: str) -> None:
    check_owner(kind)


@pytest.mark.parametrize("kind", ["auditor", "tribunal", "system"])
def test_others_do_not(kind: str) -> None:
    with pytest.raises(NotASubscriberError):
        check_owner(kind)
