from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_delivery_out import WebhookDeliveryOut
from ...types import Response


def _get_kwargs(
    subscription_id: UUID,
    delivery_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhooks/{subscription_id}/deliveries/{delivery_id}".format(
            subscription_id=quote(str(subscription_id), safe=""),
            delivery_id=quote(str(delivery_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookDeliveryOut | None:
    if response.status_code == 200:
        response_200 = WebhookDeliveryOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | WebhookDeliveryOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: UUID,
    delivery_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | WebhookDeliveryOut]:
    """A delivery and all its attempts

     The delivery with every attempt: when, the status code or the error, how long. Only
    the organisation that owns the subscription may read it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        delivery_id (UUID): The delivery's id (the webhook-id header)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryOut]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        delivery_id=delivery_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: UUID,
    delivery_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | WebhookDeliveryOut | None:
    """A delivery and all its attempts

     The delivery with every attempt: when, the status code or the error, how long. Only
    the organisation that owns the subscription may read it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        delivery_id (UUID): The delivery's id (the webhook-id header)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryOut
    """

    return sync_detailed(
        subscription_id=subscription_id,
        delivery_id=delivery_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    subscription_id: UUID,
    delivery_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | WebhookDeliveryOut]:
    """A delivery and all its attempts

     The delivery with every attempt: when, the status code or the error, how long. Only
    the organisation that owns the subscription may read it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        delivery_id (UUID): The delivery's id (the webhook-id header)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryOut]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        delivery_id=delivery_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: UUID,
    delivery_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | WebhookDeliveryOut | None:
    """A delivery and all its attempts

     The delivery with every attempt: when, the status code or the error, how long. Only
    the organisation that owns the subscription may read it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        delivery_id (UUID): The delivery's id (the webhook-id header)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryOut
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            delivery_id=delivery_id,
            client=client,
        )
    ).parsed
