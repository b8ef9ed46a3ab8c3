"""The webhooks API (``/v1/webhooks``): subscriptions of the caller's organisation, their
secrets, and their deliveries.

The organisation is always the caller's (from the gateway's principal): a subscription of
another organisation is not found, whatever its id. A secret is shown once, when it is made
(at creation and at each rotation); the service keeps it only to sign.
"""

from fastapi import APIRouter

from notifications.webhooks.api import deliveries, subscriptions
from notifications.webhooks.domain import (
    DeliveryNotFoundError,
    DeliveryPendingError,
    EventTypeNotOfferedError,
    InvalidWebhookUrlError,
    NotASubscriberError,
    SubscriptionNotFoundError,
    WebhookAddressRefusedError,
    WebhookHostUnresolvedError,
)

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

router = APIRouter()
for _resource in (subscriptions, deliveries):
    router.include_router(_resource.router)

__all__ = ["ERROR_STATUSES", "router"]
