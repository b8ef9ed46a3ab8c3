"""``/v1/webhooks``: the caller's organisation's subscriptions and their signing secrets."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from llwybr import command_keys
from llwybr.blocking import run_blocking
from llwybr.edge import CallerDep, IfMatch, Line, expected_version
from llwybr.problem_types import raises
from notifications.dependencies import EngineDep, SettingsDep, etag
from notifications.webhooks import store
from notifications.webhooks.api.schemas import (
    RESPONSES,
    SubscriptionId,
    WebhookSecretRotationIn,
    WebhookSubscriptionChange,
    WebhookSubscriptionIn,
    WebhookSubscriptionOut,
    WebhookSubscriptionPage,
    WebhookSubscriptionWithSecret,
)
from notifications.webhooks.consumer import offered_types
from notifications.webhooks.domain import (
    EventTypeNotOfferedError,
    InvalidWebhookUrlError,
    NotASubscriberError,
    SubscriptionNotFoundError,
    WebhookAddressRefusedError,
    WebhookHostUnresolvedError,
    check_event_types,
    check_url,
    owner,
)
from notifications.webhooks.guard import permitted_endpoint
from notifications.webhooks.sealing import Sealer
from notifications.webhooks.settings import WebhookSettings
from notifications.webhooks.signing import new_secret

#: A URL or event types the dispatcher will not take (``check_url``, ``permitted_endpoint``).
_URL_REFUSED = (
    EventTypeNotOfferedError,
    InvalidWebhookUrlError,
    WebhookAddressRefusedError,
    WebhookHostUnresolvedError,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], responses=RESPONSES)


def now() -> datetime:
    return datetime.now(UTC)


def _out(view: store.SubscriptionView, response: Response) -> WebhookSubscriptionOut:
    etag(response, view.version)
    return WebhookSubscriptionOut.model_validate(view, from_attributes=True)


def _with_secret(
    view: store.SubscriptionView, secret: str, response: Response
) -> WebhookSubscriptionWithSecret:
    response.headers["Cache-Control"] = "no-store"  # the secret must not be cached anywhere
    return WebhookSubscriptionWithSecret(**_out(view, response).model_dump(), secret=secret)


async def _checked_url(url: str, settings: WebhookSettings) -> str:
    """The URL if the dispatcher may call it: its form, then every address its host has now
    (checked again at each attempt, since DNS can change)."""
    checked = check_url(url, require_https=settings.require_https)
    await permitted_endpoint(
        checked, settings.allowed_networks, timeout=settings.resolve_timeout_seconds
    )
    return checked


@router.post(
    "",
    status_code=201,
    summary="Subscribe an endpoint to event types",
    openapi_extra=raises(NotASubscriberError, *_URL_REFUSED),
)
async def create_subscription(
    body: WebhookSubscriptionIn,
    principal: CallerDep,
    engine: EngineDep,
    service_settings: SettingsDep,
    response: Response,
) -> WebhookSubscriptionWithSecret:
    """The endpoint is told, by a signed POST (Standard Webhooks), of each event of these
    types about the learners the organisation may read. The answer holds the signing secret
    (`whsec_...`) once and is not cached. The URL is https (http only to loopback), and its
    host must resolve to public addresses only, unless an operator allowed its network."""
    organisation = owner(principal)
    settings = service_settings.webhooks
    event_types = check_event_types(body.event_types, offered_types())
    url = await _checked_url(body.url, settings)
    secret = new_secret()

    def create() -> store.SubscriptionView:
        with engine.begin() as conn:
            view = store.create_subscription(
                conn, organisation=organisation, url=url, event_types=event_types,
                description=body.description,
                sealed_secret=Sealer(settings.secret_keys).seal(secret),
                actor=principal.actor, now=now(),
            )  # fmt: skip
            command_keys.record(conn, view.id, f"/v1/webhooks/{view.id}")  # a repeat: not again
            return view

    view = await run_blocking(create)
    response.headers["Location"] = f"/v1/webhooks/{view.id}"
    return _with_secret(view, secret, response)


@router.get(
    "",
    summary="The organisation's subscriptions, by page",
    openapi_extra=raises(NotASubscriberError),
)
def list_subscriptions(
    principal: CallerDep,
    engine: EngineDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after: Annotated[Line | None, Query(max_length=36)] = None,
) -> WebhookSubscriptionPage:
    """The calling organisation's webhook subscriptions (only its own, whoever of its clients
    made them), ordered by id: each with its URL, event types, `status` (`active`, `paused`,
    or `disabled` with `disabled_reason`) and `version`. Secrets are never shown here, only
    when a subscription is made or its secret rotated. An MIS reads it in its nightly sync to
    see a subscription that was disabled (`PATCH` `status: active` resumes it)."""
    organisation = owner(principal)
    with engine.connect() as conn:
        found = store.list_subscriptions(conn, organisation, limit=limit, after=after)
    items = [WebhookSubscriptionOut.model_validate(v, from_attributes=True) for v in found]
    return WebhookSubscriptionPage(
        items=items, next_after=found[-1].id if len(found) == limit else None
    )


@router.get(
    "/{subscription_id}",
    summary="A subscription",
    openapi_extra=raises(NotASubscriberError, SubscriptionNotFoundError),
)
def get_subscription(
    subscription_id: SubscriptionId, principal: CallerDep, engine: EngineDep, response: Response
) -> WebhookSubscriptionOut:
    """One of the calling organisation's subscriptions, without its secret; its `version` is
    also the `ETag`, to send back as `If-Match` when changing or deleting it. Another
    organisation's subscription is a 404 `not-found`, as one that does not exist."""
    organisation = owner(principal)
    with engine.connect() as conn:
        view = store.get_subscription(conn, organisation, str(subscription_id))
    return _out(view, response)


@router.patch(
    "/{subscription_id}",
    summary="Change the URL or event types; pause or resume",
    openapi_extra=raises(NotASubscriberError, SubscriptionNotFoundError, *_URL_REFUSED),
)
async def update_subscription(
    subscription_id: SubscriptionId,
    body: WebhookSubscriptionChange,
    principal: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
    response: Response,
    if_match: IfMatch = None,
) -> WebhookSubscriptionOut:
    """Only the fields given change: a new URL is checked as at creation; `status` pauses
    (`paused`) or resumes (`active`) it, also after a 410 Gone disabled it. Only the
    organisation that owns the subscription may change it."""
    organisation = owner(principal)
    given = body.model_fields_set
    changes: dict[str, Any] = {}
    if "url" in given and body.url is not None:
        changes["url"] = await _checked_url(body.url, settings.webhooks)
    if "description" in given:
        changes["description"] = body.description
    if "status" in given and body.status is not None:
        changes["status"] = body.status
    event_types = None
    if "event_types" in given and body.event_types is not None:
        event_types = check_event_types(body.event_types, offered_types())
    version = expected_version(if_match)

    def update() -> store.SubscriptionView:
        with engine.begin() as conn:
            return store.update_subscription(
                conn, organisation, str(subscription_id), changes=changes,
                event_types=event_types, expected_version=version, now=now(),
            )  # fmt: skip

    return _out(await run_blocking(update), response)


@router.delete(
    "/{subscription_id}",
    status_code=204,
    summary="Delete a subscription",
    openapi_extra=raises(NotASubscriberError, SubscriptionNotFoundError),
)
def delete_subscription(
    subscription_id: SubscriptionId,
    principal: CallerDep,
    engine: EngineDep,
    if_match: IfMatch = None,
) -> Response:
    """The subscription is removed: nothing more is sent to its endpoint. Only the
    organisation that owns it may delete it (another's is a 404 `not-found`); with
    `If-Match`, a subscription changed meanwhile is refused with a 412 `stale-version`. The
    answer is 204 with no body."""
    organisation = owner(principal)
    with engine.begin() as conn:
        store.delete_subscription(
            conn, organisation, str(subscription_id), expected_version(if_match)
        )
    return Response(status_code=204)


@router.post(
    "/{subscription_id}/secret-rotation",
    summary="Issue a new signing secret; the old one also signs during a grace period",
    openapi_extra=raises(NotASubscriberError, SubscriptionNotFoundError),
)
def rotate_secret(
    subscription_id: SubscriptionId,
    principal: CallerDep,
    engine: EngineDep,
    service_settings: SettingsDep,
    response: Response,
    if_match: IfMatch = None,
    body: WebhookSecretRotationIn | None = None,
) -> WebhookSubscriptionWithSecret:
    """The new secret is shown once. Until `previous_secret_expires_at` (24 hours, or
    `grace_seconds` up to 7 days) every request carries both signatures, so the receiver can
    take the new secret at leisure; `grace_seconds: 0` revokes the old one at once."""
    organisation = owner(principal)
    settings = service_settings.webhooks
    given = body.grace_seconds if body is not None else None
    grace = timedelta(seconds=settings.rotation_grace_seconds if given is None else given)
    secret = new_secret()
    with engine.begin() as conn:
        view = store.rotate_secret(
            conn, organisation, str(subscription_id),
            sealed_secret=Sealer(settings.secret_keys).seal(secret), grace=grace,
            expected_version=expected_version(if_match), now=now(),
        )  # fmt: skip
        command_keys.record(conn, view.id)  # a repeat is not rotated again
    return _with_secret(view, secret, response)
