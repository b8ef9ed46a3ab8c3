from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accepted import Accepted
from ...models.complaint_in import ComplaintIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ComplaintIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/complaints",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Accepted | Problem | None:
    if response.status_code == 201:
        response_201 = Accepted.from_dict(response.json())

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
) -> Response[Accepted | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ComplaintIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """A complaint the responsible LA received (a hold)

     Records a complaint about the learner's case that the calling LA, responsible for the
    learner, received: who made it, what it is about and the day. While it is open the
    learner's personal data is on legal hold, so no erasure runs (409 `legal-hold` at the
    learner's erasure). Another LA gets 403 `not-responsible-la`; a learner the caller may
    not see is the one 404. The answer is the complaint's `id` and `version`.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ComplaintIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
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
    body: ComplaintIn,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """A complaint the responsible LA received (a hold)

     Records a complaint about the learner's case that the calling LA, responsible for the
    learner, received: who made it, what it is about and the day. While it is open the
    learner's personal data is on legal hold, so no erasure runs (409 `legal-hold` at the
    learner's erasure). Another LA gets 403 `not-responsible-la`; a learner the caller may
    not see is the one 404. The answer is the complaint's `id` and `version`.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ComplaintIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ComplaintIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """A complaint the responsible LA received (a hold)

     Records a complaint about the learner's case that the calling LA, responsible for the
    learner, received: who made it, what it is about and the day. While it is open the
    learner's personal data is on legal hold, so no erasure runs (409 `legal-hold` at the
    learner's erasure). Another LA gets 403 `not-responsible-la`; a learner the caller may
    not see is the one 404. The answer is the complaint's `id` and `version`.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ComplaintIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
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
    body: ComplaintIn,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """A complaint the responsible LA received (a hold)

     Records a complaint about the learner's case that the calling LA, responsible for the
    learner, received: who made it, what it is about and the day. While it is open the
    learner's personal data is on legal hold, so no erasure runs (409 `legal-hold` at the
    learner's erasure). Another LA gets 403 `not-responsible-la`; a learner the caller may
    not see is the one 404. The answer is the complaint's `id` and `version`.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ComplaintIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
