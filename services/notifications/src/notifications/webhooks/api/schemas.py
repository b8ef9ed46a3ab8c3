"""The webhooks API's request and response models, path parameters and problem responses."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import Path
from pydantic import BaseModel, Field

from llwybr.edge import Line, Model, responses

RESPONSES = responses(
    s400="A malformed header (If-Match)",
    s403="This kind of organisation has no webhooks",
    s404="No such subscription or delivery for this organisation",
    s409="The delivery is still pending",
    s412="If-Match names a version that is no longer current",
)
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
        examples=[["wales.aln.determination.decided.v3", "wales.aln.idp.issued.v1"]],
    ),
]
Description = Annotated[Line, Field(max_length=200)]


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
