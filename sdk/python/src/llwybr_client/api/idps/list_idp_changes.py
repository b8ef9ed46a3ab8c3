from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plan_changes import PlanChanges
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
        "url": "/v1/idps-changes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlanChanges | Problem | None:
    if response.status_code == 200:
        response_200 = PlanChanges.from_dict(response.json())

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
) -> Response[PlanChanges | Problem]:
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
) -> Response[PlanChanges | Problem]:
    """Plans changed since a cursor (for MIS that poll)

     Each plan the caller may read that changed after the cursor `after`, oldest change
    first, at its latest state. Keep the answer's `next_after` and send it as `after` next
    time; an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanChanges | Problem]
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
) -> PlanChanges | Problem | None:
    """Plans changed since a cursor (for MIS that poll)

     Each plan the caller may read that changed after the cursor `after`, oldest change
    first, at its latest state. Keep the answer's `next_after` and send it as `after` next
    time; an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanChanges | Problem
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
) -> Response[PlanChanges | Problem]:
    """Plans changed since a cursor (for MIS that poll)

     Each plan the caller may read that changed after the cursor `after`, oldest change
    first, at its latest state. Keep the answer's `next_after` and send it as `after` next
    time; an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanChanges | Problem]
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
) -> PlanChanges | Problem | None:
    """Plans changed since a cursor (for MIS that poll)

     Each plan the caller may read that changed after the cursor `after`, oldest change
    first, at its latest state. Keep the answer's `next_after` and send it as `after` next
    time; an empty page keeps it. (`cursor`, the same value, is deprecated.)

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanChanges | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
