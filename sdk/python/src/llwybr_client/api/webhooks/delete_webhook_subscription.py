from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: UUID,
    *,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/webhooks/{subscription_id}".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Problem]:
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
    if_match: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Delete a subscription

     The subscription is removed: nothing more is sent to its endpoint. Only the
    organisation that owns it may delete it (another's is a 404 `not-found`); with
    `If-Match`, a subscription changed meanwhile is refused with a 412 `stale-version`. The
    answer is 204 with no body.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
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
    if_match: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """Delete a subscription

     The subscription is removed: nothing more is sent to its endpoint. Only the
    organisation that owns it may delete it (another's is a 404 `not-found`); with
    `If-Match`, a subscription changed meanwhile is refused with a 412 `stale-version`. The
    answer is 204 with no body.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Delete a subscription

     The subscription is removed: nothing more is sent to its endpoint. Only the
    organisation that owns it may delete it (another's is a 404 `not-found`); with
    `If-Match`, a subscription changed meanwhile is refused with a 412 `stale-version`. The
    answer is 204 with no body.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """Delete a subscription

     The subscription is removed: nothing more is sent to its endpoint. Only the
    organisation that owns it may delete it (another's is a 404 `not-found`); with
    `If-Match`, a subscription changed meanwhile is refused with a 412 `stale-version`. The
    answer is 204 with no body.

    Needs the scope `webhooks:manage` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this kind of organisation has no
    webhooks; 404 no such subscription or delivery for this organisation; 409 the delivery is still
    pending; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        subscription_id (UUID): The subscription's id
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            if_match=if_match,
        )
    ).parsed
