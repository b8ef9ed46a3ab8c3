from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.rule_table_out import RuleTableOut
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/rule-table",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RuleTableOut | None:
    if response.status_code == 200:
        response_200 = RuleTableOut.from_dict(response.json())

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
) -> Response[Problem | RuleTableOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RuleTableOut]:
    """The statutory rule table in force

     The time limits of the ALN Code and the Act as this system applies them (the rules of
    docs/domain.md section 3), with the table's `version`. Any client may read it to see how a
    deadline it was shown was computed.

    Needs the scope `rules:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the acting body may not do this; 404 no such determination or
    reference; 409 the case's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RuleTableOut]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Problem | RuleTableOut | None:
    """The statutory rule table in force

     The time limits of the ALN Code and the Act as this system applies them (the rules of
    docs/domain.md section 3), with the table's `version`. Any client may read it to see how a
    deadline it was shown was computed.

    Needs the scope `rules:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the acting body may not do this; 404 no such determination or
    reference; 409 the case's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RuleTableOut
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RuleTableOut]:
    """The statutory rule table in force

     The time limits of the ALN Code and the Act as this system applies them (the rules of
    docs/domain.md section 3), with the table's `version`. Any client may read it to see how a
    deadline it was shown was computed.

    Needs the scope `rules:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the acting body may not do this; 404 no such determination or
    reference; 409 the case's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RuleTableOut]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Problem | RuleTableOut | None:
    """The statutory rule table in force

     The time limits of the ALN Code and the Act as this system applies them (the rules of
    docs/domain.md section 3), with the table's `version`. Any client may read it to see how a
    deadline it was shown was computed.

    Needs the scope `rules:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A malformed
    header (If-Match) or body; 403 the acting body may not do this; 404 no such determination or
    reference; 409 the case's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RuleTableOut
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
