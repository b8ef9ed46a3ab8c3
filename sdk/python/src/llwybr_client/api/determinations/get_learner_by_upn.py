from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.learner_out import LearnerOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    upn: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/learners/by-upn/{upn}".format(
            upn=quote(str(upn), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LearnerOut | Problem | None:
    if response.status_code == 200:
        response_200 = LearnerOut.from_dict(response.json())

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
) -> Response[LearnerOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    upn: str,
    *,
    client: AuthenticatedClient,
) -> Response[LearnerOut | Problem]:
    """The registry entry of the learner with this UPN (for those who may read it)

     Find a learner by their UPN, as `GET /v1/learners/{learner_id}` reads them (an
    auditor looks a case up by the UPN on its papers): a UPN no one holds, or a learner the
    caller may not read, is the one 404; a malformed UPN is 422 `invalid-upn`. An MIS's
    nightly sync uses it to find the learner's id from the UPN it holds.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        upn (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LearnerOut | Problem]
    """

    kwargs = _get_kwargs(
        upn=upn,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    upn: str,
    *,
    client: AuthenticatedClient,
) -> LearnerOut | Problem | None:
    """The registry entry of the learner with this UPN (for those who may read it)

     Find a learner by their UPN, as `GET /v1/learners/{learner_id}` reads them (an
    auditor looks a case up by the UPN on its papers): a UPN no one holds, or a learner the
    caller may not read, is the one 404; a malformed UPN is 422 `invalid-upn`. An MIS's
    nightly sync uses it to find the learner's id from the UPN it holds.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        upn (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LearnerOut | Problem
    """

    return sync_detailed(
        upn=upn,
        client=client,
    ).parsed


async def asyncio_detailed(
    upn: str,
    *,
    client: AuthenticatedClient,
) -> Response[LearnerOut | Problem]:
    """The registry entry of the learner with this UPN (for those who may read it)

     Find a learner by their UPN, as `GET /v1/learners/{learner_id}` reads them (an
    auditor looks a case up by the UPN on its papers): a UPN no one holds, or a learner the
    caller may not read, is the one 404; a malformed UPN is 422 `invalid-upn`. An MIS's
    nightly sync uses it to find the learner's id from the UPN it holds.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        upn (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LearnerOut | Problem]
    """

    kwargs = _get_kwargs(
        upn=upn,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    upn: str,
    *,
    client: AuthenticatedClient,
) -> LearnerOut | Problem | None:
    """The registry entry of the learner with this UPN (for those who may read it)

     Find a learner by their UPN, as `GET /v1/learners/{learner_id}` reads them (an
    auditor looks a case up by the UPN on its papers): a UPN no one holds, or a learner the
    caller may not read, is the one 404; a malformed UPN is 422 `invalid-upn`. An MIS's
    nightly sync uses it to find the learner's id from the UPN it holds.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        upn (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LearnerOut | Problem
    """

    return (
        await asyncio_detailed(
            upn=upn,
            client=client,
        )
    ).parsed
