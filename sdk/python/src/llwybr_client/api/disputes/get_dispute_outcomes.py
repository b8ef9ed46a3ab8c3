from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.outcome_row import OutcomeRow
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    local_authority: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/disputes/local-authorities/{local_authority}/outcomes".format(
            local_authority=quote(str(local_authority), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[OutcomeRow] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = OutcomeRow.from_dict(response_200_item_data)

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
) -> Response[Problem | list[OutcomeRow]]:
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
) -> Response[Problem | list[OutcomeRow]]:
    """Outcomes by LA

     How the LA's ended reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases ended: one row per case type, kind and outcome with its count, counting
    only the cases the caller may read. An LA sees its own and its learners' cases, an auditor
    its jurisdiction's; a case it may not read is not counted.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[OutcomeRow]]
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
) -> Problem | list[OutcomeRow] | None:
    """Outcomes by LA

     How the LA's ended reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases ended: one row per case type, kind and outcome with its count, counting
    only the cases the caller may read. An LA sees its own and its learners' cases, an auditor
    its jurisdiction's; a case it may not read is not counted.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[OutcomeRow]
    """

    return sync_detailed(
        local_authority=local_authority,
        client=client,
    ).parsed


async def asyncio_detailed(
    local_authority: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[OutcomeRow]]:
    """Outcomes by LA

     How the LA's ended reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases ended: one row per case type, kind and outcome with its count, counting
    only the cases the caller may read. An LA sees its own and its learners' cases, an auditor
    its jurisdiction's; a case it may not read is not counted.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[OutcomeRow]]
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
) -> Problem | list[OutcomeRow] | None:
    """Outcomes by LA

     How the LA's ended reconsiderations (per kind), appeals (per matter) and disagreement
    resolution cases ended: one row per case type, kind and outcome with its count, counting
    only the cases the caller may read. An LA sees its own and its learners' cases, an auditor
    its jurisdiction's; a case it may not read is not counted.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[OutcomeRow]
    """

    return (
        await asyncio_detailed(
            local_authority=local_authority,
            client=client,
        )
    ).parsed
