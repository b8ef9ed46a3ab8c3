"""``/v1/webhooks/{subscription_id}/deliveries``: a subscription's deliveries, each with its
attempts, and redelivery on request."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from llwybr.edge import BIGINT_MAX, CallerDep
from llwybr.problem_types import raises
from notifications.dependencies import EngineDep
from notifications.webhooks import store
from notifications.webhooks.api.schemas import (
    RESPONSES,
    DeliveryId,
    SubscriptionId,
    WebhookDeliveryOut,
    WebhookDeliveryPage,
)
from notifications.webhooks.api.subscriptions import now
from notifications.webhooks.domain import (
    DeliveryNotFoundError,
    DeliveryPendingError,
    DeliveryStatus,
    NotASubscriberError,
    SubscriptionNotFoundError,
    owner,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], responses=RESPONSES)


def _out(view: store.DeliveryView) -> WebhookDeliveryOut:
    return WebhookDeliveryOut.model_validate(view, from_attributes=True)


@router.get(
    "/{subscription_id}/deliveries",
    summary="The subscription's deliveries, newest first",
    openapi_extra=raises(NotASubscriberError, SubscriptionNotFoundError),
)
def list_deliveries(
    subscription_id: SubscriptionId,
    principal: CallerDep,
    engine: EngineDep,
    status: Literal["pending", "delivered", "dead"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[int | None, Query(ge=1, le=BIGINT_MAX)] = None,
) -> WebhookDeliveryPage:
    """What was sent to the endpoint, with each delivery's last attempt; `status=dead` lists
    those given up after every retry. Pages go back in time: send `next_before` as `before`."""
    organisation = owner(principal)
    with engine.connect() as conn:
        found = store.list_deliveries(
            conn,
            organisation,
            str(subscription_id),
            status=DeliveryStatus(status) if status else None,
            limit=limit,
            before=before,
        )
    next_before = found[-1].cursor if len(found) == limit else None
    return WebhookDeliveryPage(items=[_out(v) for v in found], next_before=next_before)


@router.get(
    "/{subscription_id}/deliveries/{delivery_id}",
    summary="A delivery and all its attempts",
    openapi_extra=raises(NotASubscriberError, DeliveryNotFoundError),
)
def get_delivery(
    subscription_id: SubscriptionId,
    delivery_id: DeliveryId,
    principal: CallerDep,
    engine: EngineDep,
) -> WebhookDeliveryOut:
    """The delivery with every attempt: when, the status code or the error, how long. Only
    the organisation that owns the subscription may read it."""
    organisation = owner(principal)
    with engine.connect() as conn:
        view = store.get_delivery(conn, organisation, str(subscription_id), str(delivery_id))
    return _out(view)


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/redelivery",
    status_code=202,
    summary="Send a delivered or dead-lettered delivery again (back to pending, due now)",
    openapi_extra=raises(NotASubscriberError, DeliveryNotFoundError, DeliveryPendingError),
)
def redeliver(
    subscription_id: SubscriptionId,
    delivery_id: DeliveryId,
    principal: CallerDep,
    engine: EngineDep,
) -> WebhookDeliveryOut:
    """The same event, the same `webhook-id`, sent again soon (a receiver that keeps the ids
    it processed ignores a repeat), retried afresh if it fails. Only the organisation that
    owns the subscription may ask for it."""
    organisation = owner(principal)
    with engine.begin() as conn:
        view = store.request_redelivery(
            conn, organisation, str(subscription_id), str(delivery_id), now()
        )
    return _out(view)
