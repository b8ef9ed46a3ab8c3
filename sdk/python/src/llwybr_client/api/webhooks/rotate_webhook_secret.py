from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_secret_rotation_in import WebhookSecretRotationIn
from ...models.webhook_subscription_with_secret import WebhookSubscriptionWithSecret
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: UUID,
    *,
    body: None | Unset | WebhookSecretRotationIn = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks/{subscription_id}/secret-rotation".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
    }

    if isinstance(body, WebhookSecretRotationIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookSubscriptionWithSecret | None:
    if response.status_code == 200:
        response_200 = WebhookSubscriptionWithSecret.from_dict(response.json())

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
) -> Response[Problem | WebhookSubscriptionWithSecret]:
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
    body: None | Unset | WebhookSecretRotationIn = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionWithSecret]:
    """Issue a new signing secret; the old one also signs during a grace period

     The new secret is shown once. Until `previous_secret_expires_at` (24 hours, or
    `grace_seconds` up to 7 days) every request carries both signatures, so the receiver can
    take the new secret at leisure; `grace_seconds: 0` revokes the old one at once.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; or with Idempotency-Key, the first request with that key still runs, or its answer held a
    secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no longer current;
    422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (None | Unset | WebhookSecretRotationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionWithSecret]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    body: None | Unset | WebhookSecretRotationIn = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookSubscriptionWithSecret | None:
    """Issue a new signing secret; the old one also signs during a grace period

     The new secret is shown once. Until `previous_secret_expires_at` (24 hours, or
    `grace_seconds` up to 7 days) every request carries both signatures, so the receiver can
    take the new secret at leisure; `grace_seconds: 0` revokes the old one at once.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; or with Idempotency-Key, the first request with that key still runs, or its answer held a
    secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no longer current;
    422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (None | Unset | WebhookSecretRotationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionWithSecret
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    body: None | Unset | WebhookSecretRotationIn = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionWithSecret]:
    """Issue a new signing secret; the old one also signs during a grace period

     The new secret is shown once. Until `previous_secret_expires_at` (24 hours, or
    `grace_seconds` up to 7 days) every request carries both signatures, so the receiver can
    take the new secret at leisure; `grace_seconds: 0` revokes the old one at once.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; or with Idempotency-Key, the first request with that key still runs, or its answer held a
    secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no longer current;
    422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (None | Unset | WebhookSecretRotationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionWithSecret]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    body: None | Unset | WebhookSecretRotationIn = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Problem | WebhookSubscriptionWithSecret | None:
    """Issue a new signing secret; the old one also signs during a grace period

     The new secret is shown once. Until `previous_secret_expires_at` (24 hours, or
    `grace_seconds` up to 7 days) every request carries both signatures, so the receiver can
    take the new secret at leisure; `grace_seconds: 0` revokes the old one at once.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; or with Idempotency-Key, the first request with that key still runs, or its answer held a
    secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no longer current;
    422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (None | Unset | WebhookSecretRotationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionWithSecret
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
