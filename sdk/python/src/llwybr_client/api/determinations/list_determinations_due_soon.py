import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_row import CaseRow
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    within_days: int | Unset = 10,
    today: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["within_days"] = within_days

    json_today: None | str | Unset
    if isinstance(today, Unset):
        json_today = UNSET
    elif isinstance(today, datetime.date):
        json_today = today.isoformat()
    else:
        json_today = today
    params["today"] = json_today

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/determinations-due-soon",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[CaseRow] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CaseRow.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[CaseRow]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    within_days: int | Unset = 10,
    today: datetime.date | None | Unset = UNSET,
) -> Response[Problem | list[CaseRow]]:
    """Open cases due within some days

     The caller's cases whose decision clock is open (a decided case too, until its notice
    or IDP is given, s.4(6)) and due within `within_days` (counted from `today`, by default
    today in Wales), soonest due first: a worklist. Each row is the case as the read model
    holds it (its id, learner, deciding body, `status`, `decision_due_on`); the list holds only
    the cases the caller may read, so it is empty rather than refused for a body with none.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        within_days (int | Unset):  Default: 10.
        today (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CaseRow]]
    """

    kwargs = _get_kwargs(
        within_days=within_days,
        today=today,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    within_days: int | Unset = 10,
    today: datetime.date | None | Unset = UNSET,
) -> Problem | list[CaseRow] | None:
    """Open cases due within some days

     The caller's cases whose decision clock is open (a decided case too, until its notice
    or IDP is given, s.4(6)) and due within `within_days` (counted from `today`, by default
    today in Wales), soonest due first: a worklist. Each row is the case as the read model
    holds it (its id, learner, deciding body, `status`, `decision_due_on`); the list holds only
    the cases the caller may read, so it is empty rather than refused for a body with none.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        within_days (int | Unset):  Default: 10.
        today (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CaseRow]
    """

    return sync_detailed(
        client=client,
        within_days=within_days,
        today=today,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    within_days: int | Unset = 10,
    today: datetime.date | None | Unset = UNSET,
) -> Response[Problem | list[CaseRow]]:
    """Open cases due within some days

     The caller's cases whose decision clock is open (a decided case too, until its notice
    or IDP is given, s.4(6)) and due within `within_days` (counted from `today`, by default
    today in Wales), soonest due first: a worklist. Each row is the case as the read model
    holds it (its id, learner, deciding body, `status`, `decision_due_on`); the list holds only
    the cases the caller may read, so it is empty rather than refused for a body with none.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        within_days (int | Unset):  Default: 10.
        today (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CaseRow]]
    """

    kwargs = _get_kwargs(
        within_days=within_days,
        today=today,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    within_days: int | Unset = 10,
    today: datetime.date | None | Unset = UNSET,
) -> Problem | list[CaseRow] | None:
    """Open cases due within some days

     The caller's cases whose decision clock is open (a decided case too, until its notice
    or IDP is given, s.4(6)) and due within `within_days` (counted from `today`, by default
    today in Wales), soonest due first: a worklist. Each row is the case as the read model
    holds it (its id, learner, deciding body, `status`, `decision_due_on`); the list holds only
    the cases the caller may read, so it is empty rather than refused for a body with none.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        within_days (int | Unset):  Default: 10.
        today (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CaseRow]
    """

    return (
        await asyncio_detailed(
            client=client,
            within_days=within_days,
            today=today,
        )
    ).parsed
