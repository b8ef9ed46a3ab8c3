from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accepted import Accepted
from ...models.problem import Problem
from ...models.reconsideration_in import ReconsiderationIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ReconsiderationIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reconsiderations",
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
    body: ReconsiderationIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """Ask the LA to reconsider (R1-R4)

     Records a request that the LA reconsider a school's decision (R1 whether the learner has
    ALN, s.26; R2 revising a school IDP, s.27; R3 the LA taking over a school IDP, s.28; R4
    a decision to cease an IDP, s.32), made by the family or, for an R3, by the school's
    governing body itself. The LA that reconsiders (the one responsible for the learner)
    records it; the request is checked against what the deciding body announced, and the
    LA's 7-week clock to decide starts on the day it was received. The answer is the new
    case's `id` and `version`; a caller who may not see the learner gets the one 404.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ReconsiderationIn):

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
    body: ReconsiderationIn,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """Ask the LA to reconsider (R1-R4)

     Records a request that the LA reconsider a school's decision (R1 whether the learner has
    ALN, s.26; R2 revising a school IDP, s.27; R3 the LA taking over a school IDP, s.28; R4
    a decision to cease an IDP, s.32), made by the family or, for an R3, by the school's
    governing body itself. The LA that reconsiders (the one responsible for the learner)
    records it; the request is checked against what the deciding body announced, and the
    LA's 7-week clock to decide starts on the day it was received. The answer is the new
    case's `id` and `version`; a caller who may not see the learner gets the one 404.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ReconsiderationIn):

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
    body: ReconsiderationIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Accepted | Problem]:
    """Ask the LA to reconsider (R1-R4)

     Records a request that the LA reconsider a school's decision (R1 whether the learner has
    ALN, s.26; R2 revising a school IDP, s.27; R3 the LA taking over a school IDP, s.28; R4
    a decision to cease an IDP, s.32), made by the family or, for an R3, by the school's
    governing body itself. The LA that reconsiders (the one responsible for the learner)
    records it; the request is checked against what the deciding body announced, and the
    LA's 7-week clock to decide starts on the day it was received. The answer is the new
    case's `id` and `version`; a caller who may not see the learner gets the one 404.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ReconsiderationIn):

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
    body: ReconsiderationIn,
    idempotency_key: str | Unset = UNSET,
) -> Accepted | Problem | None:
    """Ask the LA to reconsider (R1-R4)

     Records a request that the LA reconsider a school's decision (R1 whether the learner has
    ALN, s.26; R2 revising a school IDP, s.27; R3 the LA taking over a school IDP, s.28; R4
    a decision to cease an IDP, s.32), made by the family or, for an R3, by the school's
    governing body itself. The LA that reconsiders (the one responsible for the learner)
    records it; the request is checked against what the deciding body announced, and the
    LA's 7-week clock to decide starts on the day it was received. The answer is the new
    case's `id` and `version`; a caller who may not see the learner gets the one 404.

    Needs the scope `disputes:write` (given to the clients of schools and LAs). Answers the record's
    `id` and new `version` (also the `ETag`). Problems (RFC 9457) of its own: 400 A malformed header
    (If-Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may
    see); 409 the case's state does not allow it; or with Idempotency-Key, the first request with that
    key still runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        idempotency_key (str | Unset):
        body (ReconsiderationIn):

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
