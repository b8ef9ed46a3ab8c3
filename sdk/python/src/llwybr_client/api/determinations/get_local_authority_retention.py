from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.retention_report import RetentionReport
from ...types import UNSET, Response


def _get_kwargs(
    local_authority: str,
    *,
    month: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["month"] = month

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/local-authorities/{local_authority}/retention".format(
            local_authority=quote(str(local_authority), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RetentionReport | None:
    if response.status_code == 200:
        response_200 = RetentionReport.from_dict(response.json())

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
) -> Response[Problem | RetentionReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    local_authority: str,
    *,
    client: AuthenticatedClient,
    month: str,
) -> Response[Problem | RetentionReport]:
    """What falls due for erasure in a month among the LA's learners

     Of the learners the LA is responsible for: each whose personal data falls due for
    erasure by the end of `month` under its retention schedule (docs/data-protection.md),
    with the schedule, what it counts from (the date of birth or the case's closure) and the
    day it falls due. Those due but held by an open Tribunal appeal (as the disputes service
    published it) are listed apart under `held`. Only the LA itself and the auditors of its
    jurisdiction may read it; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)
        month (str): The month, YYYY-MM

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RetentionReport]
    """

    kwargs = _get_kwargs(
        local_authority=local_authority,
        month=month,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    local_authority: str,
    *,
    client: AuthenticatedClient,
    month: str,
) -> Problem | RetentionReport | None:
    """What falls due for erasure in a month among the LA's learners

     Of the learners the LA is responsible for: each whose personal data falls due for
    erasure by the end of `month` under its retention schedule (docs/data-protection.md),
    with the schedule, what it counts from (the date of birth or the case's closure) and the
    day it falls due. Those due but held by an open Tribunal appeal (as the disputes service
    published it) are listed apart under `held`. Only the LA itself and the auditors of its
    jurisdiction may read it; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)
        month (str): The month, YYYY-MM

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RetentionReport
    """

    return sync_detailed(
        local_authority=local_authority,
        client=client,
        month=month,
    ).parsed


async def asyncio_detailed(
    local_authority: str,
    *,
    client: AuthenticatedClient,
    month: str,
) -> Response[Problem | RetentionReport]:
    """What falls due for erasure in a month among the LA's learners

     Of the learners the LA is responsible for: each whose personal data falls due for
    erasure by the end of `month` under its retention schedule (docs/data-protection.md),
    with the schedule, what it counts from (the date of birth or the case's closure) and the
    day it falls due. Those due but held by an open Tribunal appeal (as the disputes service
    published it) are listed apart under `held`. Only the LA itself and the auditors of its
    jurisdiction may read it; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)
        month (str): The month, YYYY-MM

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RetentionReport]
    """

    kwargs = _get_kwargs(
        local_authority=local_authority,
        month=month,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    local_authority: str,
    *,
    client: AuthenticatedClient,
    month: str,
) -> Problem | RetentionReport | None:
    """What falls due for erasure in a month among the LA's learners

     Of the learners the LA is responsible for: each whose personal data falls due for
    erasure by the end of `month` under its retention schedule (docs/data-protection.md),
    with the schedule, what it counts from (the date of birth or the case's closure) and the
    day it falls due. Those due but held by an open Tribunal appeal (as the disputes service
    published it) are listed apart under `held`. Only the LA itself and the auditors of its
    jurisdiction may read it; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)
        month (str): The month, YYYY-MM

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RetentionReport
    """

    return (
        await asyncio_detailed(
            local_authority=local_authority,
            client=client,
            month=month,
        )
    ).parsed
