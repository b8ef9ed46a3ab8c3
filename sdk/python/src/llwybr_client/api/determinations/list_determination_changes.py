from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_page import ChangePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/determinations-changes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangePage | Problem | None:
    if response.status_code == 200:
        response_200 = ChangePage.from_dict(response.json())

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
) -> Response[ChangePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> Response[ChangePage | Problem]:
    """What changed since a cursor (for MIS that poll instead of taking webhooks)

     Each case the caller may read that changed after the cursor `after`, oldest change
    first, once, at its latest state (a closed case with its final status). Keep the answer's
    `next_after` and send it as `after` next time: a nightly MIS sync reads only what changed;
    an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset): The cursor of the last page; 0 at first Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> ChangePage | Problem | None:
    """What changed since a cursor (for MIS that poll instead of taking webhooks)

     Each case the caller may read that changed after the cursor `after`, oldest change
    first, once, at its latest state (a closed case with its final status). Keep the answer's
    `next_after` and send it as `after` next time: a nightly MIS sync reads only what changed;
    an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset): The cursor of the last page; 0 at first Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
    """

    return sync_detailed(
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> Response[ChangePage | Problem]:
    """What changed since a cursor (for MIS that poll instead of taking webhooks)

     Each case the caller may read that changed after the cursor `after`, oldest change
    first, once, at its latest state (a closed case with its final status). Keep the answer's
    `next_after` and send it as `after` next time: a nightly MIS sync reads only what changed;
    an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset): The cursor of the last page; 0 at first Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> ChangePage | Problem | None:
    """What changed since a cursor (for MIS that poll instead of taking webhooks)

     Each case the caller may read that changed after the cursor `after`, oldest change
    first, once, at its latest state (a closed case with its final status). Keep the answer's
    `next_after` and send it as `after` next time: a nightly MIS sync reads only what changed;
    an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset): The cursor of the last page; 0 at first Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
