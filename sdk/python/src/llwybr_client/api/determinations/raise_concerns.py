from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_concerns_in import BulkConcernsIn
from ...models.bulk_result import BulkResult
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BulkConcernsIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/determinations/bulk",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BulkResult | Problem | None:
    if response.status_code == 200:
        response_200 = BulkResult.from_dict(response.json())

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
) -> Response[BulkResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BulkConcernsIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[BulkResult | Problem]:
    """Raise many concerns in one request (a school's nightly MIS sync), result per item

     Idempotent by learner: an item whose learner has an open case creates nothing and reports `status:
    "existing"` with that case's id. Each item is checked and answered on its own (`201`, `existing`, or
    the refusal's status with its problem), so one bad row does not refuse the batch; the valid ones are
    saved in one transaction.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        idempotency_key (str | Unset):
        body (BulkConcernsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkResult | Problem]
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
    body: BulkConcernsIn,
    idempotency_key: str | Unset = UNSET,
) -> BulkResult | Problem | None:
    """Raise many concerns in one request (a school's nightly MIS sync), result per item

     Idempotent by learner: an item whose learner has an open case creates nothing and reports `status:
    "existing"` with that case's id. Each item is checked and answered on its own (`201`, `existing`, or
    the refusal's status with its problem), so one bad row does not refuse the batch; the valid ones are
    saved in one transaction.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        idempotency_key (str | Unset):
        body (BulkConcernsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BulkConcernsIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[BulkResult | Problem]:
    """Raise many concerns in one request (a school's nightly MIS sync), result per item

     Idempotent by learner: an item whose learner has an open case creates nothing and reports `status:
    "existing"` with that case's id. Each item is checked and answered on its own (`201`, `existing`, or
    the refusal's status with its problem), so one bad row does not refuse the batch; the valid ones are
    saved in one transaction.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        idempotency_key (str | Unset):
        body (BulkConcernsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkResult | Problem]
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
    body: BulkConcernsIn,
    idempotency_key: str | Unset = UNSET,
) -> BulkResult | Problem | None:
    """Raise many concerns in one request (a school's nightly MIS sync), result per item

     Idempotent by learner: an item whose learner has an open case creates nothing and reports `status:
    "existing"` with that case's id. Each item is checked and answered on its own (`201`, `existing`, or
    the refusal's status with its problem), so one bad row does not refuse the batch; the valid ones are
    saved in one transaction.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        idempotency_key (str | Unset):
        body (BulkConcernsIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
