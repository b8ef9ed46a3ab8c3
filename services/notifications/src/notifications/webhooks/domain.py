"""Webhook subscriptions and deliveries: their states, the retry schedule, the rules a
subscription must meet, and the errors. Pure: no I/O.

A delivery is ``pending`` until an attempt is accepted (``delivered``) or it has failed
``max_attempts`` times in a row (``dead``, the dead-letter state); a redelivery on request puts a
delivered or dead delivery back to ``pending`` with a fresh count. A subscription is ``active``,
``paused`` by its owner, or ``disabled`` by the dispatcher when the endpoint answered 410 Gone;
only an active subscription receives new events and has its pending deliveries sent.
"""

import ipaddress
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from llwybr.principal import Principal
from notifications.domain import NotificationsError


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


class SubscriptionStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DISABLED = "disabled"  # by the dispatcher, after 410 Gone


#: The organisation kinds that may own webhook subscriptions (those that act on cases).
SUBSCRIBER_KINDS = frozenset({"school", "fei", "la", "lhb", "nhs"})


class WebhookError(NotificationsError):
    """Base of the webhook errors."""


class InvalidWebhookUrlError(WebhookError):
    """The endpoint URL is not one the dispatcher may call."""


class WebhookAddressRefusedError(InvalidWebhookUrlError):
    """The endpoint's host is, or resolves to, an address the dispatcher must not connect to."""


class WebhookHostUnresolvedError(InvalidWebhookUrlError):
    """The endpoint's host name does not resolve to any address."""


class EventTypeNotOfferedError(WebhookError):
    """A subscription named an event type that is not delivered by webhook."""


class NotASubscriberError(WebhookError):
    """The caller's kind of organisation does not own webhook subscriptions."""


class SubscriptionNotFoundError(WebhookError):
    """No such subscription for the caller's organisation (another's is not found either)."""


class DeliveryNotFoundError(WebhookError):
    """No such delivery under the subscription."""


class DeliveryPendingError(WebhookError):
    """A redelivery was asked of a delivery that is still pending."""


LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, *, require_https: bool) -> str:
    """The endpoint as given if the dispatcher may call it; ``InvalidWebhookUrlError`` if not.

    http(s) only, with a host, a port (if any) in 1-65535, no credentials, fragment, white
    space or control character; with ``require_https`` (production), plain http only to a
    loopback address (a receiver on the same machine).
    """
    # urlsplit quietly drops tabs and line breaks (as browsers do), so a URL holding them
    # would pass here and be stored, and sent, with them: refuse any white space or control.
    if any(c.isspace() or not c.isprintable() for c in url):
        raise InvalidWebhookUrlError("a webhook URL must not contain white space or controls")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port  # raises on a port that is not a number in 0-65535
    except ValueError as error:
        raise InvalidWebhookUrlError(f"{url!r} is not a valid URL: {error}") from None
    if port == 0:
        raise InvalidWebhookUrlError("a webhook URL's port must be 1-65535")
    if parts.scheme not in {"http", "https"}:
        raise InvalidWebhookUrlError(f"a webhook URL must be http(s), not {parts.scheme!r}")
    if not host:
        raise InvalidWebhookUrlError("a webhook URL must name a host")
    if parts.username is not None or parts.password is not None:
        raise InvalidWebhookUrlError("a webhook URL must not carry credentials")
    if parts.fragment:
        raise InvalidWebhookUrlError("a webhook URL must not have a fragment")
    check_host(host)
    if require_https and parts.scheme != "https" and not is_loopback(host):
        raise InvalidWebhookUrlError("a webhook URL must be https (plain http only on loopback)")
    return url


def check_host(host: str) -> None:
    """An IP literal or a DNS name; not the other spellings of an address that resolvers
    accept (``127.1``, ``2130706433``, ``0x7f.0.0.1``), which only serve to hide one."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return
    try:
        name = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidWebhookUrlError(f"{host!r} is not a valid host name") from None
    labels = name.split(".")
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise InvalidWebhookUrlError(f"{host!r} is not a valid host name")
    if labels[-1].isdigit() or all(_NUMERIC.fullmatch(label) for label in labels):
        raise InvalidWebhookUrlError(
            f"{host!r} is neither a host name nor an IP address in standard notation"
        )


_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.IGNORECASE)
_NUMERIC = re.compile(r"(0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)


def check_event_types(requested: Collection[str], offered: Collection[str]) -> list[str]:
    """The requested types, sorted and unique, if every one is offered."""
    unknown = sorted(set(requested) - set(offered))
    if unknown:
        raise EventTypeNotOfferedError(
            f"not delivered by webhook: {', '.join(unknown)}; see the AsyncAPI document for "
            "the event types of aln.determination.v1, aln.idp.v1 and aln.disputes.v1"
        )
    if not requested:
        raise EventTypeNotOfferedError("a subscription needs at least one event type")
    return sorted(set(requested))


def check_owner(kind: str) -> None:
    if kind not in SUBSCRIBER_KINDS:
        raise NotASubscriberError(
            f"a {kind} client does not receive webhooks; subscribers are "
            f"{', '.join(sorted(SUBSCRIBER_KINDS))}"
        )


def owner(principal: Principal) -> str:
    """The organisation whose subscriptions the caller manages (a kind that subscribes)."""
    check_owner(principal.kind)
    return principal.organisation


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a delivery is retried (exponential back-off, full jitter)."""

    max_attempts: int
    base_seconds: float
    max_seconds: float

    def delay(self, failures: int, random: Callable[[], float]) -> timedelta:
        """Wait after the ``failures``-th failure in a row: uniform in [0, cap), with the cap
        ``base * 2**(failures - 1)`` bounded by ``max_seconds``. Full jitter spreads the
        retries of many deliveries that failed together (an endpoint that was down)."""
        if failures < 1:
            raise ValueError("a delay follows at least one failure")
        cap = min(self.max_seconds, self.base_seconds * 2 ** min(failures - 1, 62))
        return timedelta(seconds=cap * random())


@dataclass(frozen=True)
class AttemptResult:
    """What one POST gave: the status code if the endpoint answered, else the error."""

    status_code: int | None
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def gone(self) -> bool:
        return self.status_code == 410


@dataclass(frozen=True)
class Transition:
    """A delivery's state after an attempt, and whether its subscription is to be disabled."""

    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    disable_subscription: bool = False


def after_attempt(
    attempts: int,
    result: AttemptResult,
    now: datetime,
    policy: RetryPolicy,
    random: Callable[[], float],
    *,
    disable_on_gone: bool,
) -> Transition:
    """The state after attempt number ``attempts + 1`` of a pending delivery."""
    made = attempts + 1
    if result.accepted:
        return Transition(DeliveryStatus.DELIVERED, made, None)
    if result.gone and disable_on_gone:
        return Transition(DeliveryStatus.DEAD, made, None, disable_subscription=True)
    if made >= policy.max_attempts:
        return Transition(DeliveryStatus.DEAD, made, None)
    return Transition(DeliveryStatus.PENDING, made, now + policy.delay(made, random))


def redeliver(status: DeliveryStatus, now: datetime) -> Transition:
    """A redelivery on request: back to pending, due now, with a fresh count of attempts."""
    if status is DeliveryStatus.PENDING:
        raise DeliveryPendingError("the delivery is still pending; it is retried on its own")
    return Transition(DeliveryStatus.PENDING, 0, now)


@dataclass(frozen=True)
class RetentionPolicy:
    """How long finished deliveries are kept; pending ones are kept until they finish."""

    delivered: timedelta
    dead: timedelta

    def cutoffs(self, now: datetime) -> dict[DeliveryStatus, datetime]:
        """Per finished status, the moment before which a delivery that finished is deleted."""
        return {
            DeliveryStatus.DELIVERED: now - self.delivered,
            DeliveryStatus.DEAD: now - self.dead,
        }
