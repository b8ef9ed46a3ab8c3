from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar_out import CalendarOut
from ...models.problem import Problem
from ...models.set_calendar_json_calendar_in import SetCalendarJsonCalendarIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    calendar_id: str,
    *,
    body: SetCalendarJsonCalendarIn,
    set_by: str,
    name: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["set_by"] = set_by

    json_name: None | str | Unset
    if isinstance(name, Unset):
        json_name = UNSET
    else:
        json_name = name
    params["name"] = json_name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/calendars/{calendar_id}".format(
            calendar_id=quote(str(calendar_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CalendarOut | Problem | None:
    if response.status_code == 200:
        response_200 = CalendarOut.from_dict(response.json())

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
) -> Response[CalendarOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    calendar_id: str,
    *,
    client: AuthenticatedClient,
    body: SetCalendarJsonCalendarIn,
    set_by: str,
    name: None | str | Unset = UNSET,
) -> Response[CalendarOut | Problem]:
    """Set or correct a term calendar (JSON, or text/calendar as LAs publish it)

     Sets or corrects a setting's or an LA's term calendar, as JSON or as the iCalendar file
    the LA publishes; the deadlines counted in school days stop being `provisional` once their
    calendar is known, and the open cases' deadlines it moves are recalculated. Only a body
    that may manage the calendar may (`set_by` its own organisation), else 403.

    Needs the scope `calendars:write` (given to the clients of schools, FEIs and LAs). Problems (RFC
    9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do this;
    404 no such determination or reference; 409 the case's state does not allow it; 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        calendar_id (str):
        set_by (str):
        name (None | str | Unset):
        body (SetCalendarJsonCalendarIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CalendarOut | Problem]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
        body=body,
        set_by=set_by,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    calendar_id: str,
    *,
    client: AuthenticatedClient,
    body: SetCalendarJsonCalendarIn,
    set_by: str,
    name: None | str | Unset = UNSET,
) -> CalendarOut | Problem | None:
    """Set or correct a term calendar (JSON, or text/calendar as LAs publish it)

     Sets or corrects a setting's or an LA's term calendar, as JSON or as the iCalendar file
    the LA publishes; the deadlines counted in school days stop being `provisional` once their
    calendar is known, and the open cases' deadlines it moves are recalculated. Only a body
    that may manage the calendar may (`set_by` its own organisation), else 403.

    Needs the scope `calendars:write` (given to the clients of schools, FEIs and LAs). Problems (RFC
    9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do this;
    404 no such determination or reference; 409 the case's state does not allow it; 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        calendar_id (str):
        set_by (str):
        name (None | str | Unset):
        body (SetCalendarJsonCalendarIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CalendarOut | Problem
    """

    return sync_detailed(
        calendar_id=calendar_id,
        client=client,
        body=body,
        set_by=set_by,
        name=name,
    ).parsed


async def asyncio_detailed(
    calendar_id: str,
    *,
    client: AuthenticatedClient,
    body: SetCalendarJsonCalendarIn,
    set_by: str,
    name: None | str | Unset = UNSET,
) -> Response[CalendarOut | Problem]:
    """Set or correct a term calendar (JSON, or text/calendar as LAs publish it)

     Sets or corrects a setting's or an LA's term calendar, as JSON or as the iCalendar file
    the LA publishes; the deadlines counted in school days stop being `provisional` once their
    calendar is known, and the open cases' deadlines it moves are recalculated. Only a body
    that may manage the calendar may (`set_by` its own organisation), else 403.

    Needs the scope `calendars:write` (given to the clients of schools, FEIs and LAs). Problems (RFC
    9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do this;
    404 no such determination or reference; 409 the case's state does not allow it; 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        calendar_id (str):
        set_by (str):
        name (None | str | Unset):
        body (SetCalendarJsonCalendarIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CalendarOut | Problem]
    """

    kwargs = _get_kwargs(
        calendar_id=calendar_id,
        body=body,
        set_by=set_by,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    calendar_id: str,
    *,
    client: AuthenticatedClient,
    body: SetCalendarJsonCalendarIn,
    set_by: str,
    name: None | str | Unset = UNSET,
) -> CalendarOut | Problem | None:
    """Set or correct a term calendar (JSON, or text/calendar as LAs publish it)

     Sets or corrects a setting's or an LA's term calendar, as JSON or as the iCalendar file
    the LA publishes; the deadlines counted in school days stop being `provisional` once their
    calendar is known, and the open cases' deadlines it moves are recalculated. Only a body
    that may manage the calendar may (`set_by` its own organisation), else 403.

    Needs the scope `calendars:write` (given to the clients of schools, FEIs and LAs). Problems (RFC
    9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do this;
    404 no such determination or reference; 409 the case's state does not allow it; 412 If-Match names a
    version that is no longer current; 422 validation failed.

    Args:
        calendar_id (str):
        set_by (str):
        name (None | str | Unset):
        body (SetCalendarJsonCalendarIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CalendarOut | Problem
    """

    return (
        await asyncio_detailed(
            calendar_id=calendar_id,
            client=client,
            body=body,
            set_by=set_by,
            name=name,
        )
    ).parsed
