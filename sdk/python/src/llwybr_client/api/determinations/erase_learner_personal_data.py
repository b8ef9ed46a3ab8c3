from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.erasure_in import ErasureIn
from ...models.learner_out import LearnerOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    learner_id: str,
    *,
    body: ErasureIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/learners/{learner_id}/erasure".format(
            learner_id=quote(str(learner_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LearnerOut | Problem | None:
    if response.status_code == 200:
        response_200 = LearnerOut.from_dict(response.json())

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
) -> Response[LearnerOut | Problem]:
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
    body: ErasureIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[LearnerOut | Problem]:
    """The learner's responsible LA erases their personal data (crypto-shredding)

     The learner's data key is destroyed: their names and date of birth become unreadable
    in every copy (event store, topics, backups) and read back as null, with
    `personal_data_erased` saying when and under which schedule. The record keeps its shape
    and still verifies; the rest of the history is untouched. Only the responsible LA; a
    learner whose data is on legal hold (an open Tribunal appeal) is refused (409 `legal-hold`)
    and nothing changes.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        idempotency_key (str | Unset):
        body (ErasureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LearnerOut | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn,
    idempotency_key: str | Unset = UNSET,
) -> LearnerOut | Problem | None:
    """The learner's responsible LA erases their personal data (crypto-shredding)

     The learner's data key is destroyed: their names and date of birth become unreadable
    in every copy (event store, topics, backups) and read back as null, with
    `personal_data_erased` saying when and under which schedule. The record keeps its shape
    and still verifies; the rest of the history is untouched. Only the responsible LA; a
    learner whose data is on legal hold (an open Tribunal appeal) is refused (409 `legal-hold`)
    and nothing changes.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        idempotency_key (str | Unset):
        body (ErasureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LearnerOut | Problem
    """

    return sync_detailed(
        learner_id=learner_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[LearnerOut | Problem]:
    """The learner's responsible LA erases their personal data (crypto-shredding)

     The learner's data key is destroyed: their names and date of birth become unreadable
    in every copy (event store, topics, backups) and read back as null, with
    `personal_data_erased` saying when and under which schedule. The record keeps its shape
    and still verifies; the rest of the history is untouched. Only the responsible LA; a
    learner whose data is on legal hold (an open Tribunal appeal) is refused (409 `legal-hold`)
    and nothing changes.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        idempotency_key (str | Unset):
        body (ErasureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LearnerOut | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    learner_id: str,
    *,
    client: AuthenticatedClient,
    body: ErasureIn,
    idempotency_key: str | Unset = UNSET,
) -> LearnerOut | Problem | None:
    """The learner's responsible LA erases their personal data (crypto-shredding)

     The learner's data key is destroyed: their names and date of birth become unreadable
    in every copy (event store, topics, backups) and read back as null, with
    `personal_data_erased` saying when and under which schedule. The record keeps its shape
    and still verifies; the rest of the history is untouched. Only the responsible LA; a
    learner whose data is on legal hold (an open Tribunal appeal) is refused (409 `legal-hold`)
    and nothing changes.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        idempotency_key (str | Unset):
        body (ErasureIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LearnerOut | Problem
    """

    return (
        await asyncio_detailed(
            learner_id=learner_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
