from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.la_statistics import LaStatistics
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    local_authority: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statistics/local-authorities/{local_authority}".format(
            local_authority=quote(str(local_authority), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LaStatistics | Problem | None:
    if response.status_code == 200:
        response_200 = LaStatistics.from_dict(response.json())

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
) -> Response[LaStatistics | Problem]:
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
) -> Response[LaStatistics | Problem]:
    """Decisions within time and average days to decision for an LA

     Of the learners the LA is responsible for or looks after: decisions made, how many
    within the statutory time, the average days from the concern to the decision, how many
    were given to the family (`decisions_given`) and how many of those by the due date (the
    duty met, s.4(6): `decisions_given_within_time`), and the cases still open; the decisions
    by month decided (`by_month`) and by outcome (`by_outcome`: `has_aln`, `no_aln`), each with
    how many were within time as the decision judged it. Only the LA itself and the auditors
    of its jurisdiction may read its statistics; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LaStatistics | Problem]
    """

    kwargs = _get_kwargs(
        local_authority=local_authority,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    local_authority: str,
    *,
    client: AuthenticatedClient,
) -> LaStatistics | Problem | None:
    """Decisions within time and average days to decision for an LA

     Of the learners the LA is responsible for or looks after: decisions made, how many
    within the statutory time, the average days from the concern to the decision, how many
    were given to the family (`decisions_given`) and how many of those by the due date (the
    duty met, s.4(6): `decisions_given_within_time`), and the cases still open; the decisions
    by month decided (`by_month`) and by outcome (`by_outcome`: `has_aln`, `no_aln`), each with
    how many were within time as the decision judged it. Only the LA itself and the auditors
    of its jurisdiction may read its statistics; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LaStatistics | Problem
    """

    return sync_detailed(
        local_authority=local_authority,
        client=client,
    ).parsed


async def asyncio_detailed(
    local_authority: str,
    *,
    client: AuthenticatedClient,
) -> Response[LaStatistics | Problem]:
    """Decisions within time and average days to decision for an LA

     Of the learners the LA is responsible for or looks after: decisions made, how many
    within the statutory time, the average days from the concern to the decision, how many
    were given to the family (`decisions_given`) and how many of those by the due date (the
    duty met, s.4(6): `decisions_given_within_time`), and the cases still open; the decisions
    by month decided (`by_month`) and by outcome (`by_outcome`: `has_aln`, `no_aln`), each with
    how many were within time as the decision judged it. Only the LA itself and the auditors
    of its jurisdiction may read its statistics; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LaStatistics | Problem]
    """

    kwargs = _get_kwargs(
        local_authority=local_authority,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    local_authority: str,
    *,
    client: AuthenticatedClient,
) -> LaStatistics | Problem | None:
    """Decisions within time and average days to decision for an LA

     Of the learners the LA is responsible for or looks after: decisions made, how many
    within the statutory time, the average days from the concern to the decision, how many
    were given to the family (`decisions_given`) and how many of those by the due date (the
    duty met, s.4(6): `decisions_given_within_time`), and the cases still open; the decisions
    by month decided (`by_month`) and by outcome (`by_outcome`: `has_aln`, `no_aln`), each with
    how many were within time as the decision judged it. Only the LA itself and the auditors
    of its jurisdiction may read its statistics; another body is refused (403).

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LaStatistics | Problem
    """

    return (
        await asyncio_detailed(
            local_authority=local_authority,
            client=client,
        )
    ).parsed
