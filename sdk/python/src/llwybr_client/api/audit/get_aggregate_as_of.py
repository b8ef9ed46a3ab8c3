import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.aggregate_as_of import AggregateAsOf
from ...models.http_validation_error import HTTPValidationError
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    service: str,
    aggregate_id: UUID,
    *,
    as_of_version: int | None | Unset = UNSET,
    as_of_recorded: datetime.datetime | None | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of_version: int | None | Unset
    if isinstance(as_of_version, Unset):
        json_as_of_version = UNSET
    else:
        json_as_of_version = as_of_version
    params["as_of_version"] = json_as_of_version

    json_as_of_recorded: None | str | Unset
    if isinstance(as_of_recorded, Unset):
        json_as_of_recorded = UNSET
    elif isinstance(as_of_recorded, datetime.datetime):
        json_as_of_recorded = as_of_recorded.isoformat()
    else:
        json_as_of_recorded = as_of_recorded
    params["as_of_recorded"] = json_as_of_recorded

    json_in_force_on: None | str | Unset
    if isinstance(in_force_on, Unset):
        json_in_force_on = UNSET
    elif isinstance(in_force_on, datetime.date):
        json_in_force_on = in_force_on.isoformat()
    else:
        json_in_force_on = in_force_on
    params["in_force_on"] = json_in_force_on

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit/{service}/aggregates/{aggregate_id}".format(
            service=quote(str(service), safe=""),
            aggregate_id=quote(str(aggregate_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AggregateAsOf | HTTPValidationError | Problem | None:
    if response.status_code == 200:
        response_200 = AggregateAsOf.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AggregateAsOf | HTTPValidationError | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    service: str,
    aggregate_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of_version: int | None | Unset = UNSET,
    as_of_recorded: datetime.datetime | None | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
) -> Response[AggregateAsOf | HTTPValidationError | Problem]:
    """A determination, IDP, reconsideration or appeal as recorded by a moment or version, and/or as in
    force on a day

     Two time axes, which combine. *Recorded* (`as_of_recorded`, `as_of_version`): what the system knew
    then, the events stored by that moment. *In force* (`in_force_on`): the case on that day in its own
    terms, the events dated by then (a decision entered late but dated earlier is in force from its
    date); each event's `in_force_on` says its day, and `not_in_force` lists the versions known but not
    yet in force. Both: what was in force on a day as known at a moment.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        service (str):
        aggregate_id (UUID):
        as_of_version (int | None | Unset):
        as_of_recorded (datetime.datetime | None | Unset):
        in_force_on (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AggregateAsOf | HTTPValidationError | Problem]
    """

    kwargs = _get_kwargs(
        service=service,
        aggregate_id=aggregate_id,
        as_of_version=as_of_version,
        as_of_recorded=as_of_recorded,
        in_force_on=in_force_on,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    service: str,
    aggregate_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of_version: int | None | Unset = UNSET,
    as_of_recorded: datetime.datetime | None | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
) -> AggregateAsOf | HTTPValidationError | Problem | None:
    """A determination, IDP, reconsideration or appeal as recorded by a moment or version, and/or as in
    force on a day

     Two time axes, which combine. *Recorded* (`as_of_recorded`, `as_of_version`): what the system knew
    then, the events stored by that moment. *In force* (`in_force_on`): the case on that day in its own
    terms, the events dated by then (a decision entered late but dated earlier is in force from its
    date); each event's `in_force_on` says its day, and `not_in_force` lists the versions known but not
    yet in force. Both: what was in force on a day as known at a moment.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        service (str):
        aggregate_id (UUID):
        as_of_version (int | None | Unset):
        as_of_recorded (datetime.datetime | None | Unset):
        in_force_on (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AggregateAsOf | HTTPValidationError | Problem
    """

    return sync_detailed(
        service=service,
        aggregate_id=aggregate_id,
        client=client,
        as_of_version=as_of_version,
        as_of_recorded=as_of_recorded,
        in_force_on=in_force_on,
    ).parsed


async def asyncio_detailed(
    service: str,
    aggregate_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of_version: int | None | Unset = UNSET,
    as_of_recorded: datetime.datetime | None | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
) -> Response[AggregateAsOf | HTTPValidationError | Problem]:
    """A determination, IDP, reconsideration or appeal as recorded by a moment or version, and/or as in
    force on a day

     Two time axes, which combine. *Recorded* (`as_of_recorded`, `as_of_version`): what the system knew
    then, the events stored by that moment. *In force* (`in_force_on`): the case on that day in its own
    terms, the events dated by then (a decision entered late but dated earlier is in force from its
    date); each event's `in_force_on` says its day, and `not_in_force` lists the versions known but not
    yet in force. Both: what was in force on a day as known at a moment.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        service (str):
        aggregate_id (UUID):
        as_of_version (int | None | Unset):
        as_of_recorded (datetime.datetime | None | Unset):
        in_force_on (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AggregateAsOf | HTTPValidationError | Problem]
    """

    kwargs = _get_kwargs(
        service=service,
        aggregate_id=aggregate_id,
        as_of_version=as_of_version,
        as_of_recorded=as_of_recorded,
        in_force_on=in_force_on,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    service: str,
    aggregate_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of_version: int | None | Unset = UNSET,
    as_of_recorded: datetime.datetime | None | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
) -> AggregateAsOf | HTTPValidationError | Problem | None:
    """A determination, IDP, reconsideration or appeal as recorded by a moment or version, and/or as in
    force on a day

     Two time axes, which combine. *Recorded* (`as_of_recorded`, `as_of_version`): what the system knew
    then, the events stored by that moment. *In force* (`in_force_on`): the case on that day in its own
    terms, the events dated by then (a decision entered late but dated earlier is in force from its
    date); each event's `in_force_on` says its day, and `not_in_force` lists the versions known but not
    yet in force. Both: what was in force on a day as known at a moment.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        service (str):
        aggregate_id (UUID):
        as_of_version (int | None | Unset):
        as_of_recorded (datetime.datetime | None | Unset):
        in_force_on (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AggregateAsOf | HTTPValidationError | Problem
    """

    return (
        await asyncio_detailed(
            service=service,
            aggregate_id=aggregate_id,
            client=client,
            as_of_version=as_of_version,
            as_of_recorded=as_of_recorded,
            in_force_on=in_force_on,
        )
    ).parsed
