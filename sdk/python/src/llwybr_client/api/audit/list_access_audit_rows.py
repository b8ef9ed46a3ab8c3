import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_page import AccessPage
from ...models.http_validation_error import HTTPValidationError
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organisation: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_organisation: None | str | Unset
    if isinstance(organisation, Unset):
        json_organisation = UNSET
    else:
        json_organisation = organisation
    params["organisation"] = json_organisation

    json_resource_id: None | str | Unset
    if isinstance(resource_id, Unset):
        json_resource_id = UNSET
    else:
        json_resource_id = resource_id
    params["resource_id"] = json_resource_id

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_after: int | None | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/access-audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessPage | Any | HTTPValidationError | Problem | None:
    if response.status_code == 200:
        response_200 = AccessPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccessPage | Any | HTTPValidationError | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[AccessPage | Any | HTTPValidationError | Problem]:
    """Who read or changed which records, when, and how it ended

     The access log: who (client and organisation) read or changed which record, when, and
    how the request ended, filtered by `organisation`, `resource_id` or `since`. The system
    administrator and the auditor for Wales see every row; an LA's auditor its own LA's.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next.

    Args:
        organisation (None | str | Unset): Only the rows of this organisation's requests: its kind
            and number
        resource_id (None | str | Unset):
        since (datetime.datetime | None | Unset):
        after (int | None | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessPage | Any | HTTPValidationError | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        resource_id=resource_id,
        since=since,
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
    organisation: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> AccessPage | Any | HTTPValidationError | Problem | None:
    """Who read or changed which records, when, and how it ended

     The access log: who (client and organisation) read or changed which record, when, and
    how the request ended, filtered by `organisation`, `resource_id` or `since`. The system
    administrator and the auditor for Wales see every row; an LA's auditor its own LA's.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next.

    Args:
        organisation (None | str | Unset): Only the rows of this organisation's requests: its kind
            and number
        resource_id (None | str | Unset):
        since (datetime.datetime | None | Unset):
        after (int | None | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessPage | Any | HTTPValidationError | Problem
    """

    return sync_detailed(
        client=client,
        organisation=organisation,
        resource_id=resource_id,
        since=since,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[AccessPage | Any | HTTPValidationError | Problem]:
    """Who read or changed which records, when, and how it ended

     The access log: who (client and organisation) read or changed which record, when, and
    how the request ended, filtered by `organisation`, `resource_id` or `since`. The system
    administrator and the auditor for Wales see every row; an LA's auditor its own LA's.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next.

    Args:
        organisation (None | str | Unset): Only the rows of this organisation's requests: its kind
            and number
        resource_id (None | str | Unset):
        since (datetime.datetime | None | Unset):
        after (int | None | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessPage | Any | HTTPValidationError | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        resource_id=resource_id,
        since=since,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    after: int | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> AccessPage | Any | HTTPValidationError | Problem | None:
    """Who read or changed which records, when, and how it ended

     The access log: who (client and organisation) read or changed which record, when, and
    how the request ended, filtered by `organisation`, `resource_id` or `since`. The system
    administrator and the auditor for Wales see every row; an LA's auditor its own LA's.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next.

    Args:
        organisation (None | str | Unset): Only the rows of this organisation's requests: its kind
            and number
        resource_id (None | str | Unset):
        since (datetime.datetime | None | Unset):
        after (int | None | Unset):
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessPage | Any | HTTPValidationError | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            organisation=organisation,
            resource_id=resource_id,
            since=since,
            after=after,
            limit=limit,
        )
    ).parsed
