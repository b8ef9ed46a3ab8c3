from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accepted import Accepted
from ...models.complaint_closure_in import ComplaintClosureIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    complaint_id: UUID,
    *,
    body: ComplaintClosureIn,
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
        "url": "/v1/complaints/{complaint_id}/closure".format(
            complaint_id=quote(str(complaint_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Accepted | Problem | None:
    if response.status_code == 200:
        response_200 = Accepted.from_dict(response.json())

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
) -> Response[Accepted | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ComplaintClosureIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """The complaint is closed

     Records that the complaint was closed, the day and how it ended: its legal hold on the
    learner's personal data ends, and an erasure that fell due may run. Only the LA that keeps
    the complaint may, once; a closed complaint refuses another closure (409).

    Needs the scope `disputes:write` (given to the clients of schools and LAs). With `If-Match` (the
    `ETag` you read) a change made meanwhile is refused (412). Answers the record's `id` and new
    `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may not do this; 404 no such case (or not one the caller may see); 409 the
    case's state does not allow it; or with Idempotency-Key, the first request with that key still runs,
    or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is
    no longer current; 422 validation failed.

    Args:
        complaint_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ComplaintClosureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
    """

    kwargs = _get_kwargs(
        complaint_id=complaint_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ComplaintClosureIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """The complaint is closed

     Records that the complaint was closed, the day and how it ended: its legal hold on the
    learner's personal data ends, and an erasure that fell due may run. Only the LA that keeps
    the complaint may, once; a closed complaint refuses another closure (409).

    Needs the scope `disputes:write` (given to the clients of schools and LAs). With `If-Match` (the
    `ETag` you read) a change made meanwhile is refused (412). Answers the record's `id` and new
    `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may not do this; 404 no such case (or not one the caller may see); 409 the
    case's state does not allow it; or with Idempotency-Key, the first request with that key still runs,
    or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is
    no longer current; 422 validation failed.

    Args:
        complaint_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ComplaintClosureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return sync_detailed(
        complaint_id=complaint_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ComplaintClosureIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """The complaint is closed

     Records that the complaint was closed, the day and how it ended: its legal hold on the
    learner's personal data ends, and an erasure that fell due may run. Only the LA that keeps
    the complaint may, once; a closed complaint refuses another closure (409).

    Needs the scope `disputes:write` (given to the clients of schools and LAs). With `If-Match` (the
    `ETag` you read) a change made meanwhile is refused (412). Answers the record's `id` and new
    `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may not do this; 404 no such case (or not one the caller may see); 409 the
    case's state does not allow it; or with Idempotency-Key, the first request with that key still runs,
    or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is
    no longer current; 422 validation failed.

    Args:
        complaint_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ComplaintClosureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
    """

    kwargs = _get_kwargs(
        complaint_id=complaint_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ComplaintClosureIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """The complaint is closed

     Records that the complaint was closed, the day and how it ended: its legal hold on the
    learner's personal data ends, and an erasure that fell due may run. Only the LA that keeps
    the complaint may, once; a closed complaint refuses another closure (409).

    Needs the scope `disputes:write` (given to the clients of schools and LAs). With `If-Match` (the
    `ETag` you read) a change made meanwhile is refused (412). Answers the record's `id` and new
    `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may not do this; 404 no such case (or not one the caller may see); 409 the
    case's state does not allow it; or with Idempotency-Key, the first request with that key still runs,
    or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is
    no longer current; 422 validation failed.

    Args:
        complaint_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ComplaintClosureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return (
        await asyncio_detailed(
            complaint_id=complaint_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
