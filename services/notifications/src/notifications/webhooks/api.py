"""The webhooks API (``/v1/webhooks``): subscriptions of the caller's organisation, their
secrets, and their deliveries.

The organisation is always the caller's (from the gateway's principal): a subscription of
another organisation is not found, whatever its id. A secret is shown once, when it is made
(at creation and at each rotation); the service keeps it only to sign.
"""

import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from llwybr.blocking import run_blocking
from llwybr.edge import IfMatch, expected_version, principal_of
from llwybr.problems import COMMON_RESPONSES, PROBLEM_JSON, Problem
from notifications.settings import Settings
from notifications.webhooks import store
from notifications.webhooks.consumer import offered_types
from notifications.webhooks.domain import (
    DeliveryNotFoundError,
    DeliveryPendingError,
    DeliveryStatus,
    EventTypeNotOfferedError,
    InvalidWebhookUrlError,
    NotASubscriberError,
    SubscriptionNotFoundError,
    WebhookAddressRefusedError,
    WebhookHostUnresolvedError,
    check_event_types,
    check_owner,
    check_url,
)
from notifications.webhooks.guard import permitted_endpoint
from notifications.webhooks.sealing import Sealer
from notifications.webhooks.settings import WebhookSettings

ERROR_STATUSES: dict[type[Exception], tuple[int, str]] = {
    InvalidWebhookUrlError: (422, "invalid-webhook-url"),
    WebhookAddressRefusedError: (422, "webhook-address-refused"),
    WebhookHostUnresolvedError: (422, "webhook-host-unresolved"),
    EventTypeNotOfferedError: (422, "event-type-not-offered"),
    NotASubscriberError: (403, "not-a-subscriber"),
    SubscriptionNotFoundError: (404, "not-found"),
    DeliveryNotFoundError: (404, "not-found"),
    DeliveryPendingError: (409, "delivery-pending"),
}

_problem = {"model": Problem, "content": {PROBLEM_JSON: {}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    400: {**_problem, "description": "A malformed header (If-Match)"},
    403: {**_problem, "description": "This kind of organisation has no webhooks"},
    404: {**_problem, "description": "No such subscription or delivery for this organisation"},
    409: {**_problem, "description": "The delivery is still pending"},
    412: {**_problem, "description": "If-Match names a version that is no longer current"},
}
router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], responses=RESPONSES)
SubscriptionId = Annotated[UUID, Path(description="The subscription's id")]
DeliveryId = Annotated[UUID, Path(description="The delivery's id (the webhook-id header)")]
Url = Annotated[
    str,
    Field(
        min_length=8,
        max_length=2000,
        description="https, to a host whose every address is public (not private, loopback, "
        "link-local, ...); plain http only to an allowed loopback address",
        examples=["https://mis.example.org/llwybr/webhooks"],
    ),
]
EventTypes = Annotated[
    list[Annotated[str, Field(max_length=200)]],
    Field(
        min_length=1,
        max_length=100,
        description="CloudEvent types of aln.determination.v1, aln.idp.v1 and aln.disputes.v1",
        examples=[["wales.aln.determination.decided.v1", "wales.aln.idp.issued.v1"]],
    ),
]
Description = Annotated[str, Field(max_length=200)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WebhookSubscriptionIn(Model):
    url: Url
    event_types: EventTypes
    description: Description | None = None


class WebhookSubscriptionChange(Model):
    """Only the fields given change; ``status`` pauses or resumes (also after 410 Gone)."""

    url: Url | None = None
    event_types: EventTypes | None = None
    description: Description | None = None
    status: Literal["active", "paused"] | None = None


class WebhookSecretRotationIn(Model):
    grace_seconds: int | None = Field(
        default=None,
        ge=0,
        le=7 * 86_400,
        description="How long the old secret still signs (default: the service's setting); "
        "0 revokes it at once, e.g. when it leaked",
    )


class WebhookSubscriptionOut(BaseModel):
    id: UUID
    organisation: str
    url: str
    description: str | None
    event_types: list[str]
    status: Literal["active", "paused", "disabled"]
    disabled_reason: str | None
    previous_secret_expires_at: datetime | None = Field(
        description="While set and in the future, requests are also signed with the old secret"
    )
    version: int
    created_by: str
    created_at: datetime
    updated_at: datetime


class WebhookSubscriptionWithSecret(WebhookSubscriptionOut):
    secret: str = Field(
        description="The signing secret, shown this once: keep it where the receiver can read it"
    )


class WebhookSubscriptionPage(BaseModel):
    items: list[WebhookSubscriptionOut]
    next_after: str | None = Field(description="Pass as `after` for the next page")


class WebhookAttemptOut(BaseModel):
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


class WebhookDeliveryOut(BaseModel):
    id: UUID
    subscription_id: UUID
    event_id: str
    event_type: str
    subject: str = Field(description="The CloudEvent subject (the learner id)")
    status: Literal["pending", "delivered", "dead"]
    attempts: int = Field(description="Attempts since created or last redelivered")
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    history: list[WebhookAttemptOut] | None = Field(
        default=None, description="Every attempt, oldest first (on a single delivery only)"
    )


class WebhookDeliveryPage(BaseModel):
    items: list[WebhookDeliveryOut]
    next_before: int | None = Field(description="Pass as `before` for the next (older) page")


# -- helpers -------------------------------------------------------------------------------------


def _settings(request: Request) -> WebhookSettings:
    settings: Settings = request.app.state.settings
    return settings.webhooks


def _owner(request: Request) -> str:
    principal = principal_of(request)
    check_owner(principal.kind)
    return principal.organisation


def _now() -> datetime:
    return datetime.now(UTC)


def _out(view: store.SubscriptionView, response: Response) -> WebhookSubscriptionOut:
    response.headers["ETag"] = f'"{view.version}"'
    return WebhookSubscriptionOut.model_validate(view, from_attributes=True)


def _with_secret(
    view: store.SubscriptionView, secret: str, response: Response
) -> WebhookSubscriptionWithSecret:
    response.headers["ETag"] = f'"{view.version}"'
    response.headers["Cache-Control"] = "no-store"  # the secret must not be cached anywhere
    return WebhookSubscriptionWithSecret(**_out(view, response).model_dump(), secret=secret)


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


async def _checked_url(url: str, settings: WebhookSettings) -> str:
    """The URL if the dispatcher may call it: its form, then every address its host has now
    (checked again at each attempt, since DNS can change)."""
    checked = check_url(url, require_https=settings.require_https)
    await permitted_endpoint(
        checked, settings.allowed_networks, timeout=settings.resolve_timeout_seconds
    )
    return checked


# -- subscriptions -------------------------------------------------------------------------------


@router.post("", status_code=201, summary="Subscribe an endpoint to event types")
async def create_subscription(
    body: WebhookSubscriptionIn, request: Request, response: Response
) -> WebhookSubscriptionWithSecret:
    organisation = _owner(request)
    settings = _settings(request)
    event_types = check_event_types(body.event_types, offered_types())
    url = await _checked_url(body.url, settings)
    secret = _new_secret()

    def create() -> store.SubscriptionView:
        with request.app.state.engine.begin() as conn:
            return store.create_subscription(
                conn, organisation=organisation, url=url, event_types=event_types,
                description=body.description,
                sealed_secret=Sealer(settings.secret_keys).seal(secret),
                actor=principal_of(request).actor, now=_now(),
            )  # fmt: skip

    view = await run_blocking(create)
    response.headers["Location"] = f"/v1/webhooks/{view.id}"
    return _with_secret(view, secret, response)


@router.get("", summary="The organisation's subscriptions, by page")
def list_subscriptions(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after: Annotated[str | None, Query(max_length=36)] = None,
) -> WebhookSubscriptionPage:
    organisation = _owner(request)
    with request.app.state.engine.connect() as conn:
        found = store.list_subscriptions(conn, organisation, limit=limit, after=after)
    items = [WebhookSubscriptionOut.model_validate(v, from_attributes=True) for v in found]
    return WebhookSubscriptionPage(
        items=items, next_after=found[-1].id if len(found) == limit else None
    )


@router.get("/{subscription_id}", summary="A subscription")
def get_subscription(
    subscription_id: SubscriptionId, request: Request, response: Response
) -> WebhookSubscriptionOut:
    organisation = _owner(request)
    with request.app.state.engine.connect() as conn:
        view = store.get_subscription(conn, organisation, str(subscription_id))
    return _out(view, response)


@router.patch("/{subscription_id}", summary="Change the URL or event types; pause or resume")
async def update_subscription(
    subscription_id: SubscriptionId,
    body: WebhookSubscriptionChange,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> WebhookSubscriptionOut:
    organisation = _owner(request)
    given = body.model_fields_set
    changes: dict[str, Any] = {}
    if "url" in given and body.url is not None:
        changes["url"] = await _checked_url(body.url, _settings(request))
    if "description" in given:
        changes["description"] = body.description
    if "status" in given and body.status is not None:
        changes["status"] = body.status
    event_types = None
    if "event_types" in given and body.event_types is not None:
        event_types = check_event_types(body.event_types, offered_types())
    version = expected_version(if_match)

    def update() -> store.SubscriptionView:
        with request.app.state.engine.begin() as conn:
            return store.update_subscription(
                conn, organisation, str(subscription_id), changes=changes,
                event_types=event_types, expected_version=version, now=_now(),
            )  # fmt: skip

    return _out(await run_blocking(update), response)


@router.delete("/{subscription_id}", status_code=204, summary="Delete a subscription")
def delete_subscription(
    subscription_id: SubscriptionId, request: Request, if_match: IfMatch = None
) -> Response:
    organisation = _owner(request)
    with request.app.state.engine.begin() as conn:
        store.delete_subscription(
            conn, organisation, str(subscription_id), expected_version(if_match)
        )
    return Response(status_code=204)


@router.post(
    "/{subscription_id}/secret-rotation",
    summary="Issue a new signing secret; the old one also signs during a grace period",
)
def rotate_secret(
    subscription_id: SubscriptionId,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
    body: WebhookSecretRotationIn | None = None,
) -> WebhookSubscriptionWithSecret:
    organisation = _owner(request)
    settings = _settings(request)
    given = body.grace_seconds if body is not None else None
    grace = timedelta(seconds=settings.rotation_grace_seconds if given is None else given)
    secret = _new_secret()
    with request.app.state.engine.begin() as conn:
        view = store.rotate_secret(
            conn, organisation, str(subscription_id),
            sealed_secret=Sealer(settings.secret_keys).seal(secret), grace=grace,
            expected_version=expected_version(if_match), now=_now(),
        )  # fmt: skip
    return _with_secret(view, secret, response)


# -- deliveries ----------------------------------------------------------------------------------


def _delivery_out(view: store.DeliveryView) -> WebhookDeliveryOut:
    return WebhookDeliveryOut.model_validate(view, from_attributes=True)


@router.get("/{subscription_id}/deliveries", summary="The subscription's deliveries, newest first")
def list_deliveries(
    subscription_id: SubscriptionId,
    request: Request,
    status: Literal["pending", "delivered", "dead"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> WebhookDeliveryPage:
    organisation = _owner(request)
    with request.app.state.engine.connect() as conn:
        found = store.list_deliveries(
            conn,
            organisation,
            str(subscription_id),
            status=DeliveryStatus(status) if status else None,
            limit=limit,
            before=before,
        )
    next_before = found[-1].cursor if len(found) == limit else None
    return WebhookDeliveryPage(items=[_delivery_out(v) for v in found], next_before=next_before)


@router.get(
    "/{subscription_id}/deliveries/{delivery_id}", summary="A delivery and all its attempts"
)
def get_delivery(
    subscription_id: SubscriptionId, delivery_id: DeliveryId, request: Request
) -> WebhookDeliveryOut:
    organisation = _owner(request)
    with request.app.state.engine.connect() as conn:
        view = store.get_delivery(conn, organisation, str(subscription_id), str(delivery_id))
    return _delivery_out(view)


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/redelivery",
    status_code=202,
    summary="Send a delivered or dead-lettered delivery again (back to pending, due now)",
)
def redeliver(
    subscription_id: SubscriptionId, delivery_id: DeliveryId, request: Request
) -> WebhookDeliveryOut:
    organisation = _owner(request)
    with request.app.state.engine.begin() as conn:
        view = store.request_redelivery(
            conn, organisation, str(subscription_id), str(delivery_id), _now()
        )
    return _delivery_out(view)
