from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.problem import Problem
from ...models.timeline import Timeline
from ...types import UNSET, Response, Unset


def _get_kwargs(
    learner_id: str,
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
        "url": "/v1/audit/learners/{learner_id}/timeline".format(
            learner_id=quote(str(learner_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPValidationError | Problem | Timeline | None:
    if response.status_code == 200:
        response_200 = Timeline.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

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
) -> Response[HTTPValidationError | Problem | Timeline]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> Response[HTTPValidationError | Problem | Timeline]:
    """A learner's whole case across services, in recorded order, paginated

     Every recorded event of a learner's case in every service (determination, IDPs,
    disputes, notices), in the order recorded, as the auditor reads it. A learner with no
    event the caller may see (outside its jurisdiction, or never recorded) is the one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next. Problems (RFC 9457) of its own: 403 the
    token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | Problem | Timeline]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> HTTPValidationError | Problem | Timeline | None:
    """A learner's whole case across services, in recorded order, paginated

     Every recorded event of a learner's case in every service (determination, IDPs,
    disputes, notices), in the order recorded, as the auditor reads it. A learner with no
    event the caller may see (outside its jurisdiction, or never recorded) is the one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next. Problems (RFC 9457) of its own: 403 the
    token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | Problem | Timeline
    """

    return sync_detailed(
        learner_id=learner_id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> Response[HTTPValidationError | Problem | Timeline]:
    """A learner's whole case across services, in recorded order, paginated

     Every recorded event of a learner's case in every service (determination, IDPs,
    disputes, notices), in the order recorded, as the auditor reads it. A learner with no
    event the caller may see (outside its jurisdiction, or never recorded) is the one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next. Problems (RFC 9457) of its own: 403 the
    token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | Problem | Timeline]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    after: int | Unset = 0,
    limit: int | Unset = 200,
) -> HTTPValidationError | Problem | Timeline | None:
    """A learner's whole case across services, in recorded order, paginated

     Every recorded event of a learner's case in every service (determination, IDPs,
    disputes, notices), in the order recorded, as the auditor reads it. A learner with no
    event the caller may see (outside its jurisdiction, or never recorded) is the one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). By page: up
    to `limit` items; pass `next_after` as `after` for the next. Problems (RFC 9457) of its own: 403 the
    token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):
        after (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | Problem | Timeline
    """

    return (
        await asyncio_detailed(
            learner_id=learner_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
