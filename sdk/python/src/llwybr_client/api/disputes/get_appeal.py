from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appeal_view import AppealView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    appeal_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/appeals/{appeal_id}".format(
            appeal_id=quote(str(appeal_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppealView | Problem | None:
    if response.status_code == 200:
        response_200 = AppealView.from_dict(response.json())

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
) -> Response[AppealView | Problem]:
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
) -> Response[AppealView | Problem]:
    """An appeal, its orders and recommendations

     `deadlines` has each order with a date to comply by (`order:<id>`) with its `state` (`open`, `met`,
    `missed`), `overdue` and `days_left`, judged as `/v1/reminders` judges it. The Tribunal, the
    respondent, every body an order addresses, an NHS body a recommendation is made to, the learner's
    LAs and the auditors of the jurisdiction may read it; anyone else gets the one 404.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        appeal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppealView | Problem]
    """

    kwargs = _get_kwargs(
        appeal_id=appeal_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> AppealView | Problem | None:
    """An appeal, its orders and recommendations

     `deadlines` has each order with a date to comply by (`order:<id>`) with its `state` (`open`, `met`,
    `missed`), `overdue` and `days_left`, judged as `/v1/reminders` judges it. The Tribunal, the
    respondent, every body an order addresses, an NHS body a recommendation is made to, the learner's
    LAs and the auditors of the jurisdiction may read it; anyone else gets the one 404.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        appeal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppealView | Problem
    """

    return sync_detailed(
        appeal_id=appeal_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[AppealView | Problem]:
    """An appeal, its orders and recommendations

     `deadlines` has each order with a date to comply by (`order:<id>`) with its `state` (`open`, `met`,
    `missed`), `overdue` and `days_left`, judged as `/v1/reminders` judges it. The Tribunal, the
    respondent, every body an order addresses, an NHS body a recommendation is made to, the learner's
    LAs and the auditors of the jurisdiction may read it; anyone else gets the one 404.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        appeal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppealView | Problem]
    """

    kwargs = _get_kwargs(
        appeal_id=appeal_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    appeal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> AppealView | Problem | None:
    """An appeal, its orders and recommendations

     `deadlines` has each order with a date to comply by (`order:<id>`) with its `state` (`open`, `met`,
    `missed`), `overdue` and `days_left`, judged as `/v1/reminders` judges it. The Tribunal, the
    respondent, every body an order addresses, an NHS body a recommendation is made to, the learner's
    LAs and the auditors of the jurisdiction may read it; anyone else gets the one 404.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        appeal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppealView | Problem
    """

    return (
        await asyncio_detailed(
            appeal_id=appeal_id,
            client=client,
        )
    ).parsed
