"""The dispatcher: a background worker that sends due deliveries and records every attempt.

Each round it leases a batch of due deliveries (``queue.claim_due``), POSTs them concurrently,
signed, and stores each attempt and the delivery's next state (``domain.after_attempt``). Any
number of replicas can run it side by side. Redirects are not followed: the endpoint registered
is the one that must answer 2xx.

Before each attempt the endpoint's host is resolved and every address checked (``guard``); the
request then goes to a checked address, not to the name, so DNS that changes between the check
and the connection (rebinding) cannot send it inside. TLS is still verified against the host
name (it is the SNI and the name checked in the certificate), and the Host header is the URL's.
"""

import asyncio
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import sqlalchemy as sa

from llwybr.blocking import run_blocking
from llwybr.eventstore import ChainedApplication
from llwybr.settings import ServiceSettings
from notifications.settings import Settings
from notifications.webhooks import queue, signing
from notifications.webhooks.consumer import CONTENT_TYPE
from notifications.webhooks.domain import (
    AttemptResult,
    InvalidWebhookUrlError,
    RetryPolicy,
    after_attempt,
)
from notifications.webhooks.guard import Resolver, permitted_endpoint, system_resolver
from notifications.webhooks.sealing import Sealer, SealingError
from notifications.webhooks.settings import WebhookSettings

log = logging.getLogger(__name__)

USER_AGENT = "Llwybr-Webhooks/1"
#: Kept of an error's text per attempt (the receiver's reply body is never read or stored).
MAX_ERROR_CHARS = 500


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Dispatcher:
    def __init__(
        self,
        engine: sa.Engine,
        settings: WebhookSettings,
        client: httpx.AsyncClient,
        *,
        now: Callable[[], datetime] = _utc_now,
        random: Callable[[], float] = random.random,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._engine, self._settings, self._client = engine, settings, client
        self._now, self._random, self._resolver = now, random, resolver
        self._sealer = Sealer(settings.secret_keys)
        self._policy = RetryPolicy(
            settings.max_attempts, settings.backoff_base_seconds, settings.backoff_max_seconds
        )
        # Longer than any send can take, so a live dispatcher never loses its lease mid-send.
        self._lease = timedelta(seconds=settings.timeout_seconds * 2 + 30)

    async def run(self) -> None:
        """Dispatch until cancelled; wait ``poll_seconds`` only when nothing was due."""
        while True:
            if not await self.dispatch_due():
                await asyncio.sleep(self._settings.poll_seconds)

    async def dispatch_due(self) -> int:
        """Send one batch of due deliveries and record the attempts; the number sent."""
        claims = await run_blocking(
            queue.claim_due, self._engine, self._now(), self._lease, self._settings.batch_size
        )
        if not claims:
            return 0
        outcomes = await asyncio.gather(
            *(self._attempt(claim) for claim in claims), return_exceptions=True
        )
        made = []
        for claim, outcome in zip(claims, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                # Its lease runs out and it is sent again; the others' attempts stand.
                log.error("webhook %s failed to dispatch", claim.delivery_id, exc_info=outcome)
            else:
                made.append(outcome)
        held = await run_blocking(queue.record_attempts, self._engine, made)
        for attempt in made:
            log.info(
                "webhook %s to subscription %s: %s -> %s",
                attempt.claim.delivery_id, attempt.claim.subscription_id,
                attempt.status_code or attempt.error, attempt.transition.status.value,
            )  # fmt: skip
        if held < len(made):
            log.info("%d webhook leases were lost meanwhile; their state is left", len(made) - held)
        return len(claims)

    async def _attempt(self, claim: queue.Claim) -> queue.Attempt:
        body = claim.payload.encode("utf-8")
        attempted_at = self._now()
        started = time.perf_counter()
        try:
            secrets = [self._sealer.open(s) for s in claim.secrets]
        except SealingError as error:
            # Never sent unsigned: it fails like an unreachable endpoint until a key is back.
            result = AttemptResult(None, f"not signed: {error}")
        else:
            headers = {
                "content-type": CONTENT_TYPE,
                "user-agent": USER_AGENT,
                **signing.signed_headers(
                    secrets, claim.delivery_id, int(attempted_at.timestamp()), body
                ),
            }
            result = await self._post(claim.url, body, headers)
        duration_ms = round((time.perf_counter() - started) * 1000)
        transition = after_attempt(
            claim.attempts, result, self._now(), self._policy, self._random,
            disable_on_gone=self._settings.disable_on_gone,
        )  # fmt: skip
        return queue.Attempt(
            claim, attempted_at, result.status_code, result.error, duration_ms, transition,
            disabled_reason=f"{claim.url} answered 410 Gone at {attempted_at.isoformat()}",
        )  # fmt: skip

    async def _post(self, url: str, body: bytes, headers: dict[str, str]) -> AttemptResult:
        try:
            # The whole exchange is bounded (httpx's timeouts are per read or write), so a
            # receiver that answers byte by byte cannot outlast the lease.
            async with asyncio.timeout(self._settings.timeout_seconds):
                return await self._post_to_checked_address(url, body, headers)
        except TimeoutError:
            return AttemptResult(None, f"no answer within {self._settings.timeout_seconds} s")

    async def _post_to_checked_address(
        self, url: str, body: bytes, headers: dict[str, str]
    ) -> AttemptResult:
        settings = self._settings
        try:
            endpoint = await permitted_endpoint(
                url, settings.allowed_networks, resolver=self._resolver,
                timeout=settings.resolve_timeout_seconds,
            )  # fmt: skip
        except InvalidWebhookUrlError as error:
            return AttemptResult(None, f"refused: {error}"[:MAX_ERROR_CHARS])
        target = httpx.URL(url)
        pinned_headers = {
            **headers,
            "host": target.netloc.decode("ascii"),
            # One connection per attempt: the pool keys connections by address, so a connection
            # verified for one host name must never carry a request for another on that address.
            "connection": "close",
        }
        failure = AttemptResult(None, "no address to connect to")
        for address in endpoint.addresses:  # the next one only if this one refused to connect
            try:
                async with self._client.stream(
                    "POST", target.copy_with(host=str(address)), content=body,
                    headers=pinned_headers, extensions={"sni_hostname": endpoint.host},
                    follow_redirects=False,
                ) as reply:  # fmt: skip
                    status = reply.status_code  # the body is never read: it may be large
            except httpx.ConnectError as error:
                failure = _failed(error)
                continue
            except httpx.HTTPError as error:
                return _failed(error)
            if 200 <= status < 300:
                return AttemptResult(status)
            return AttemptResult(status, f"HTTP {status}")
        return failure


def _failed(error: httpx.HTTPError) -> AttemptResult:
    return AttemptResult(None, f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS])


async def run_dispatcher(
    settings: ServiceSettings, engine: sa.Engine, _application: ChainedApplication
) -> None:
    """The ``WorkerSpec`` entry point: a dispatcher with its own HTTP client."""
    if not isinstance(settings, Settings):
        raise TypeError("the webhook dispatcher runs in the notifications service")
    webhooks = settings.webhooks
    if settings.runtime.mode == "stack" and webhooks.secret_keys is None:
        log.warning(
            "NOTIFICATIONS_WEBHOOKS_SECRET_KEYS is not set: webhook secrets are stored unencrypted"
        )
    timeout = httpx.Timeout(webhooks.timeout_seconds)
    # No proxy from the environment: a proxy would connect by name, after the guard's check.
    async with httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as client:
        await Dispatcher(engine, webhooks, client).run()
