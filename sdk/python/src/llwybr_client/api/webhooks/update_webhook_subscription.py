from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_subscription_change import WebhookSubscriptionChange
from ...models.webhook_subscription_out import WebhookSubscriptionOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: UUID,
    *,
    body: WebhookSubscriptionChange,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/webhooks/{subscription_id}".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookSubscriptionOut | None:
    if response.status_code == 200:
        response_200 = WebhookSubscriptionOut.from_dict(response.json())

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
) -> Response[Problem | WebhookSubscriptionOut]:
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
    body: WebhookSubscriptionChange,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionOut]:
    """Change the URL or event types; pause or resume

     Only the fields given change: a new URL is checked as at creation; `status` pauses
    (`paused`) or resumes (`active`) it, also after a 410 Gone disabled it. Only the
    organisation that owns the subscription may change it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        body (WebhookSubscriptionChange): Only the fields given change; ``status`` pauses or
            resumes (also after 410 Gone).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionOut]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionChange,
    if_match: None | str | Unset = UNSET,
) -> Problem | WebhookSubscriptionOut | None:
    """Change the URL or event types; pause or resume

     Only the fields given change: a new URL is checked as at creation; `status` pauses
    (`paused`) or resumes (`active`) it, also after a 410 Gone disabled it. Only the
    organisation that owns the subscription may change it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        body (WebhookSubscriptionChange): Only the fields given change; ``status`` pauses or
            resumes (also after 410 Gone).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionOut
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionChange,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionOut]:
    """Change the URL or event types; pause or resume

     Only the fields given change: a new URL is checked as at creation; `status` pauses
    (`paused`) or resumes (`active`) it, also after a 410 Gone disabled it. Only the
    organisation that owns the subscription may change it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        body (WebhookSubscriptionChange): Only the fields given change; ``status`` pauses or
            resumes (also after 410 Gone).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionOut]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    body: WebhookSubscriptionChange,
    if_match: None | str | Unset = UNSET,
) -> Problem | WebhookSubscriptionOut | None:
    """Change the URL or event types; pause or resume

     Only the fields given change: a new URL is checked as at creation; `status` pauses
    (`paused`) or resumes (`active`) it, also after a 410 Gone disabled it. Only the
    organisation that owns the subscription may change it.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        body (WebhookSubscriptionChange): Only the fields given change; ``status`` pauses or
            resumes (also after 410 Gone).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionOut
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
