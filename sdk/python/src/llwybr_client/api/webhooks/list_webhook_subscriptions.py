from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_subscription_page import WebhookSubscriptionPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhooks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookSubscriptionPage | None:
    if response.status_code == 200:
        response_200 = WebhookSubscriptionPage.from_dict(response.json())

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
) -> Response[Problem | WebhookSubscriptionPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionPage]:
    """The organisation's subscriptions, by page

     The calling organisation's webhook subscriptions (only its own, whoever of its clients
    made them), ordered by id: each with its URL, event types, `status` (`active`, `paused`,
    or `disabled` with `disabled_reason`) and `version`. Secrets are never shown here, only
    when a subscription is made or its secret rotated. An MIS reads it in its nightly sync to
    see a subscription that was disabled (`PATCH` `status: active` resumes it).

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). By page: up to `limit` items; pass `next_after` as `after` for the next. Problems (RFC
    9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no webhooks;
    404 no such subscription or delivery for this organisation; 409 the delivery is still pending; 412
    If-Match names a version that is no longer current; 422 validation failed.

    Args:
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Problem | WebhookSubscriptionPage | None:
    """The organisation's subscriptions, by page

     The calling organisation's webhook subscriptions (only its own, whoever of its clients
    made them), ordered by id: each with its URL, event types, `status` (`active`, `paused`,
    or `disabled` with `disabled_reason`) and `version`. Secrets are never shown here, only
    when a subscription is made or its secret rotated. An MIS reads it in its nightly sync to
    see a subscription that was disabled (`PATCH` `status: active` resumes it).

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). By page: up to `limit` items; pass `next_after` as `after` for the next. Problems (RFC
    9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no webhooks;
    404 no such subscription or delivery for this organisation; 409 the delivery is still pending; 412
    If-Match names a version that is no longer current; 422 validation failed.

    Args:
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionPage
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[Problem | WebhookSubscriptionPage]:
    """The organisation's subscriptions, by page

     The calling organisation's webhook subscriptions (only its own, whoever of its clients
    made them), ordered by id: each with its URL, event types, `status` (`active`, `paused`,
    or `disabled` with `disabled_reason`) and `version`. Secrets are never shown here, only
    when a subscription is made or its secret rotated. An MIS reads it in its nightly sync to
    see a subscription that was disabled (`PATCH` `status: active` resumes it).

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). By page: up to `limit` items; pass `next_after` as `after` for the next. Problems (RFC
    9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no webhooks;
    404 no such subscription or delivery for this organisation; 409 the delivery is still pending; 412
    If-Match names a version that is no longer current; 422 validation failed.

    Args:
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookSubscriptionPage]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Problem | WebhookSubscriptionPage | None:
    """The organisation's subscriptions, by page

     The calling organisation's webhook subscriptions (only its own, whoever of its clients
    made them), ordered by id: each with its URL, event types, `status` (`active`, `paused`,
    or `disabled` with `disabled_reason`) and `version`. Secrets are never shown here, only
    when a subscription is made or its secret rotated. An MIS reads it in its nightly sync to
    see a subscription that was disabled (`PATCH` `status: active` resumes it).

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). By page: up to `limit` items; pass `next_after` as `after` for the next. Problems (RFC
    9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no webhooks;
    404 no such subscription or delivery for this organisation; 409 the delivery is still pending; 412
    If-Match names a version that is no longer current; 422 validation failed.

    Args:
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookSubscriptionPage
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
        )
    ).parsed
