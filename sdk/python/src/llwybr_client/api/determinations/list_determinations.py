import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_page import CasePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organisation: None | str | Unset = UNSET,
    local_authority: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_organisation: None | str | Unset
    if isinstance(organisation, Unset):
        json_organisation = UNSET
    else:
        json_organisation = organisation
    params["organisation"] = json_organisation

    json_local_authority: None | str | Unset
    if isinstance(local_authority, Unset):
        json_local_authority = UNSET
    else:
        json_local_authority = local_authority
    params["local_authority"] = json_local_authority

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.date):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

    json_overdue_on: None | str | Unset
    if isinstance(overdue_on, Unset):
        json_overdue_on = UNSET
    elif isinstance(overdue_on, datetime.date):
        json_overdue_on = overdue_on.isoformat()
    else:
        json_overdue_on = overdue_on
    params["overdue_on"] = json_overdue_on

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/determinations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CasePage | Problem | None:
    if response.status_code == 200:
        response_200 = CasePage.from_dict(response.json())

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
) -> Response[CasePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    local_authority: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[CasePage | Problem]:
    """List determinations (filters, keyset pagination)

     The cases the caller may read (its own decisions, its learners', an auditor's
    jurisdiction), filtered by the deciding `organisation`, the learner's `local_authority`,
    `status`, a deadline `due_before` a day, or `overdue_on` a day (its decision clock
    missed that day: not met, decided or not, until the decision is given, s.4(6)); ordered by
    case id. Each case carries its `decision_clock` today, as the case view and
    `/v1/reminders` read it.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        organisation (None | str | Unset):
        local_authority (None | str | Unset): The local authority's id, `la:` and its number
            (`la:665`) (the bare number `665` is deprecated: the `Deprecation` header says since when)
        status (None | str | Unset):
        due_before (datetime.date | None | Unset):
        overdue_on (datetime.date | None | Unset): The decision clock missed on this day: past its
            due date and not met (a decided case is met only when its notice or IDP is given, s.4(6))
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CasePage | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        local_authority=local_authority,
        status=status,
        due_before=due_before,
        overdue_on=overdue_on,
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    local_authority: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> CasePage | Problem | None:
    """List determinations (filters, keyset pagination)

     The cases the caller may read (its own decisions, its learners', an auditor's
    jurisdiction), filtered by the deciding `organisation`, the learner's `local_authority`,
    `status`, a deadline `due_before` a day, or `overdue_on` a day (its decision clock
    missed that day: not met, decided or not, until the decision is given, s.4(6)); ordered by
    case id. Each case carries its `decision_clock` today, as the case view and
    `/v1/reminders` read it.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        organisation (None | str | Unset):
        local_authority (None | str | Unset): The local authority's id, `la:` and its number
            (`la:665`) (the bare number `665` is deprecated: the `Deprecation` header says since when)
        status (None | str | Unset):
        due_before (datetime.date | None | Unset):
        overdue_on (datetime.date | None | Unset): The decision clock missed on this day: past its
            due date and not met (a decided case is met only when its notice or IDP is given, s.4(6))
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CasePage | Problem
    """

    return sync_detailed(
        client=client,
        organisation=organisation,
        local_authority=local_authority,
        status=status,
        due_before=due_before,
        overdue_on=overdue_on,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    local_authority: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[CasePage | Problem]:
    """List determinations (filters, keyset pagination)

     The cases the caller may read (its own decisions, its learners', an auditor's
    jurisdiction), filtered by the deciding `organisation`, the learner's `local_authority`,
    `status`, a deadline `due_before` a day, or `overdue_on` a day (its decision clock
    missed that day: not met, decided or not, until the decision is given, s.4(6)); ordered by
    case id. Each case carries its `decision_clock` today, as the case view and
    `/v1/reminders` read it.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        organisation (None | str | Unset):
        local_authority (None | str | Unset): The local authority's id, `la:` and its number
            (`la:665`) (the bare number `665` is deprecated: the `Deprecation` header says since when)
        status (None | str | Unset):
        due_before (datetime.date | None | Unset):
        overdue_on (datetime.date | None | Unset): The decision clock missed on this day: past its
            due date and not met (a decided case is met only when its notice or IDP is given, s.4(6))
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CasePage | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
        local_authority=local_authority,
        status=status,
        due_before=due_before,
        overdue_on=overdue_on,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    organisation: None | str | Unset = UNSET,
    local_authority: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> CasePage | Problem | None:
    """List determinations (filters, keyset pagination)

     The cases the caller may read (its own decisions, its learners', an auditor's
    jurisdiction), filtered by the deciding `organisation`, the learner's `local_authority`,
    `status`, a deadline `due_before` a day, or `overdue_on` a day (its decision clock
    missed that day: not met, decided or not, until the decision is given, s.4(6)); ordered by
    case id. Each case carries its `decision_clock` today, as the case view and
    `/v1/reminders` read it.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after`
    for the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the
    acting body may not do this; 404 no such determination or reference; 409 the case's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        organisation (None | str | Unset):
        local_authority (None | str | Unset): The local authority's id, `la:` and its number
            (`la:665`) (the bare number `665` is deprecated: the `Deprecation` header says since when)
        status (None | str | Unset):
        due_before (datetime.date | None | Unset):
        overdue_on (datetime.date | None | Unset): The decision clock missed on this day: past its
            due date and not met (a decided case is met only when its notice or IDP is given, s.4(6))
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CasePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            organisation=organisation,
            local_authority=local_authority,
            status=status,
            due_before=due_before,
            overdue_on=overdue_on,
            limit=limit,
            after=after,
        )
    ).parsed
