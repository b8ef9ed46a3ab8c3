from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_subscription_in import WebhookSubscriptionIn
from ...models.webhook_subscription_with_secret import WebhookSubscriptionWithSecret
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookSubscriptionIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookSubscriptionWithSecret | None:
    if response.status_code == 201:
        response_201 = WebhookSubscriptionWithSecret.from_dict(response.json())

        return response_201

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
) -> Response[Problem | WebhookSubscriptionWithSecret]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionWithSecret]:
    """Subscribe an endpoint to event types

     The endpoint is told, by a signed POST (Standard Webhooks), of each event of these
    types about the learners the organisation may read. The answer holds the signing secret
    (`whsec_...`) once and is not cached. The URL is https (http only to loopback), and its
    host must resolve to public addresses only, unless an operator allowed its network.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; or with Idempotency-Key, the first request with that key still runs, or
    its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (WebhookSubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionWithSecret]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookSubscriptionWithSecret | None:
    """Subscribe an endpoint to event types

     The endpoint is told, by a signed POST (Standard Webhooks), of each event of these
    types about the learners the organisation may read. The answer holds the signing secret
    (`whsec_...`) once and is not cached. The URL is https (http only to loopback), and its
    host must resolve to public addresses only, unless an operator allowed its network.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; or with Idempotency-Key, the first request with that key still runs, or
    its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (WebhookSubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionWithSecret
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionWithSecret]:
    """Subscribe an endpoint to event types

     The endpoint is told, by a signed POST (Standard Webhooks), of each event of these
    types about the learners the organisation may read. The answer holds the signing secret
    (`whsec_...`) once and is not cached. The URL is https (http only to loopback), and its
    host must resolve to public addresses only, unless an operator allowed its network.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; or with Idempotency-Key, the first request with that key still runs, or
    its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (WebhookSubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionWithSecret]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookSubscriptionWithSecret | None:
    """Subscribe an endpoint to event types

     The endpoint is told, by a signed POST (Standard Webhooks), of each event of these
    types about the learners the organisation may read. The answer holds the signing secret
    (`whsec_...`) once and is not cached. The URL is https (http only to loopback), and its
    host must resolve to public addresses only, unless an operator allowed its network.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of
    organisation has no webhooks; 404 no such subscription or delivery for this organisation; 409 the
    delivery is still pending; or with Idempotency-Key, the first request with that key still runs, or
    its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (WebhookSubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionWithSecret
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
