from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accepted import Accepted
from ...models.problem import Problem
from ...models.review_request_in import ReviewRequestIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    idp_id: UUID,
    *,
    body: ReviewRequestIn,
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
        "url": "/v1/idps/{idp_id}/review-requests".format(
            idp_id=quote(str(idp_id), safe=""),
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
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewRequestIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """A family or an NHS body asks for a review

     Records a request for the plan to be reviewed. A family's request comes through the
    maintaining body, which records it; an NHS body asks in its own name (its
    `organisation_or_person` must be the caller's organisation). The maintaining body must
    then hold a review or decline the request.

    Needs the scope `idps:review` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Answers the
    record's `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the caller may read the plan but not do this (the maintainer acts; a
    plan goes only to the learner's responsible LA, LA looking after or a setting they attend): the
    problem type names the reason; 404 no such plan, version or element, or none this organisation may
    see (one answer); 409 the plan's state does not allow it; or with Idempotency-Key, the first request
    with that key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-
    Match names a version that is no longer current; 422 validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewRequestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
    """

    kwargs = _get_kwargs(
        idp_id=idp_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewRequestIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """A family or an NHS body asks for a review

     Records a request for the plan to be reviewed. A family's request comes through the
    maintaining body, which records it; an NHS body asks in its own name (its
    `organisation_or_person` must be the caller's organisation). The maintaining body must
    then hold a review or decline the request.

    Needs the scope `idps:review` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Answers the
    record's `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the caller may read the plan but not do this (the maintainer acts; a
    plan goes only to the learner's responsible LA, LA looking after or a setting they attend): the
    problem type names the reason; 404 no such plan, version or element, or none this organisation may
    see (one answer); 409 the plan's state does not allow it; or with Idempotency-Key, the first request
    with that key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-
    Match names a version that is no longer current; 422 validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewRequestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return sync_detailed(
        idp_id=idp_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewRequestIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """A family or an NHS body asks for a review

     Records a request for the plan to be reviewed. A family's request comes through the
    maintaining body, which records it; an NHS body asks in its own name (its
    `organisation_or_person` must be the caller's organisation). The maintaining body must
    then hold a review or decline the request.

    Needs the scope `idps:review` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Answers the
    record's `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the caller may read the plan but not do this (the maintainer acts; a
    plan goes only to the learner's responsible LA, LA looking after or a setting they attend): the
    problem type names the reason; 404 no such plan, version or element, or none this organisation may
    see (one answer); 409 the plan's state does not allow it; or with Idempotency-Key, the first request
    with that key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-
    Match names a version that is no longer current; 422 validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewRequestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Accepted | Problem]
    """

    kwargs = _get_kwargs(
        idp_id=idp_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ReviewRequestIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """A family or an NHS body asks for a review

     Records a request for the plan to be reviewed. A family's request comes through the
    maintaining body, which records it; an NHS body asks in its own name (its
    `organisation_or_person` must be the caller's organisation). The maintaining body must
    then hold a review or decline the request.

    Needs the scope `idps:review` (given to the clients of schools, FEIs, LAs, health boards and NHS
    trusts). With `If-Match` (the `ETag` you read) a change made meanwhile is refused (412). Answers the
    record's `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the caller may read the plan but not do this (the maintainer acts; a
    plan goes only to the learner's responsible LA, LA looking after or a setting they attend): the
    problem type names the reason; 404 no such plan, version or element, or none this organisation may
    see (one answer); 409 the plan's state does not allow it; or with Idempotency-Key, the first request
    with that key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-
    Match names a version that is no longer current; 422 validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        if_match (None | str | Unset): The version from the ETag, e.g. "3"; a stale one gives 412
        idempotency_key (str | Unset):
        body (ReviewRequestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Accepted | Problem
    """

    return (
        await asyncio_detailed(
            idp_id=idp_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
