from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_webhook_deliveries_status_type_0 import ListWebhookDeliveriesStatusType0
from ...models.problem import Problem
from ...models.webhook_delivery_page import WebhookDeliveryPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: UUID,
    *,
    status: ListWebhookDeliveriesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    before: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListWebhookDeliveriesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    json_before: int | None | Unset
    if isinstance(before, Unset):
        json_before = UNSET
    else:
        json_before = before
    params["before"] = json_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhooks/{subscription_id}/deliveries".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookDeliveryPage | None:
    if response.status_code == 200:
        response_200 = WebhookDeliveryPage.from_dict(response.json())

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
) -> Response[Problem | WebhookDeliveryPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListWebhookDeliveriesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    before: int | None | Unset = UNSET,
) -> Response[Problem | WebhookDeliveryPage]:
    """The subscription's deliveries, newest first

     What was sent to the endpoint, with each delivery's last attempt; `status=dead` lists
    those given up after every retry. Pages go back in time: send `next_before` as `before`.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        status (ListWebhookDeliveriesStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        before (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        status=status,
        limit=limit,
        before=before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListWebhookDeliveriesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    before: int | None | Unset = UNSET,
) -> Problem | WebhookDeliveryPage | None:
    """The subscription's deliveries, newest first

     What was sent to the endpoint, with each delivery's last attempt; `status=dead` lists
    those given up after every retry. Pages go back in time: send `next_before` as `before`.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        status (ListWebhookDeliveriesStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        before (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryPage
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        status=status,
        limit=limit,
        before=before,
    ).parsed


async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListWebhookDeliveriesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    before: int | None | Unset = UNSET,
) -> Response[Problem | WebhookDeliveryPage]:
    """The subscription's deliveries, newest first

     What was sent to the endpoint, with each delivery's last attempt; `status=dead` lists
    those given up after every retry. Pages go back in time: send `next_before` as `before`.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        status (ListWebhookDeliveriesStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        before (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        status=status,
        limit=limit,
        before=before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ListWebhookDeliveriesStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    before: int | None | Unset = UNSET,
) -> Problem | WebhookDeliveryPage | None:
    """The subscription's deliveries, newest first

     What was sent to the endpoint, with each delivery's last attempt; `status=dead` lists
    those given up after every retry. Pages go back in time: send `next_before` as `before`.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        subscription_id (UUID): The subscription's id
        status (ListWebhookDeliveriesStatusType0 | None | Unset):
        limit (int | Unset):  Default: 50.
        before (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryPage
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            status=status,
            limit=limit,
            before=before,
        )
    ).parsed
