from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accepted import Accepted
from ...models.problem import Problem
from ...models.review_application_in import ReviewApplicationIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    appeal_id: UUID,
    *,
    body: ReviewApplicationIn,
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
        "url": "/v1/appeals/{appeal_id}/review-applications".format(
            appeal_id=quote(str(appeal_id), safe=""),
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
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewApplicationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """Ask for a review (28 days)

     Records a party's application for the Tribunal to review its decision, within 28 days of the
    decision (D19), with who applied and the grounds. Only the Tribunal's clients record it;
    an application after the window, or before the decision, is refused.

    Needs the scope `appeals:write` (given to the clients of the Tribunal). With `If-Match` (the `ETag`
    you read) a change made meanwhile is refused (412). Answers the record's `id` and new `version`
    (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403
    the caller may not do this; 404 no such case (or not one the caller may see); 409 the case's state
    does not allow it; or with Idempotency-Key, the first request with that key still runs, or its
    answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        appeal_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
    """

    kwargs = _get_kwargs(
        appeal_id=appeal_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewApplicationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """Ask for a review (28 days)

     Records a party's application for the Tribunal to review its decision, within 28 days of the
    decision (D19), with who applied and the grounds. Only the Tribunal's clients record it;
    an application after the window, or before the decision, is refused.

    Needs the scope `appeals:write` (given to the clients of the Tribunal). With `If-Match` (the `ETag`
    you read) a change made meanwhile is refused (412). Answers the record's `id` and new `version`
    (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403
    the caller may not do this; 404 no such case (or not one the caller may see); 409 the case's state
    does not allow it; or with Idempotency-Key, the first request with that key still runs, or its
    answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        appeal_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return sync_detailed(
        appeal_id=appeal_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewApplicationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """Ask for a review (28 days)

     Records a party's application for the Tribunal to review its decision, within 28 days of the
    decision (D19), with who applied and the grounds. Only the Tribunal's clients record it;
    an application after the window, or before the decision, is refused.

    Needs the scope `appeals:write` (given to the clients of the Tribunal). With `If-Match` (the `ETag`
    you read) a change made meanwhile is refused (412). Answers the record's `id` and new `version`
    (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403
    the caller may not do this; 404 no such case (or not one the caller may see); 409 the case's state
    does not allow it; or with Idempotency-Key, the first request with that key still runs, or its
    answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        appeal_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
    """

    kwargs = _get_kwargs(
        appeal_id=appeal_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewApplicationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """Ask for a review (28 days)

     Records a party's application for the Tribunal to review its decision, within 28 days of the
    decision (D19), with who applied and the grounds. Only the Tribunal's clients record it;
    an application after the window, or before the decision, is refused.

    Needs the scope `appeals:write` (given to the clients of the Tribunal). With `If-Match` (the `ETag`
    you read) a change made meanwhile is refused (412). Answers the record's `id` and new `version`
    (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403
    the caller may not do this; 404 no such case (or not one the caller may see); 409 the case's state
    does not allow it; or with Idempotency-Key, the first request with that key still runs, or its
    answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version that is no
    longer current; 422 validation failed.

    Args:
        appeal_id (UUID):
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewApplicationIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return (
        await asyncio_detailed(
            appeal_id=appeal_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
