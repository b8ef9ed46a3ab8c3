from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.welsh_medium_sufficiency import WelshMediumSufficiency
from ...types import Response


def _get_kwargs(
    local_authority: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/idps-welsh-medium/{local_authority}".format(
            local_authority=quote(str(local_authority), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WelshMediumSufficiency | None:
    if response.status_code == 200:
        response_200 = WelshMediumSufficiency.from_dict(response.json())

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
) -> Response[Problem | WelshMediumSufficiency]:
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
) -> Response[Problem | WelshMediumSufficiency]:
    """Welsh-medium ALP required and delivered across an LA's plans

     For an LA's planning of sufficient Welsh-medium ALP: across the plans of the learners
    it is responsible for, how many elements of ALP must be provided in Welsh, and how much
    of that was delivered in Welsh. Only the LA itself, or an auditor of its jurisdiction,
    may read its figures; another body is refused.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WelshMediumSufficiency]
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
) -> Problem | WelshMediumSufficiency | None:
    """Welsh-medium ALP required and delivered across an LA's plans

     For an LA's planning of sufficient Welsh-medium ALP: across the plans of the learners
    it is responsible for, how many elements of ALP must be provided in Welsh, and how much
    of that was delivered in Welsh. Only the LA itself, or an auditor of its jurisdiction,
    may read its figures; another body is refused.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WelshMediumSufficiency
    """

    return sync_detailed(
        local_authority=local_authority,
        client=client,
    ).parsed


async def asyncio_detailed(
    local_authority: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | WelshMediumSufficiency]:
    """Welsh-medium ALP required and delivered across an LA's plans

     For an LA's planning of sufficient Welsh-medium ALP: across the plans of the learners
    it is responsible for, how many elements of ALP must be provided in Welsh, and how much
    of that was delivered in Welsh. Only the LA itself, or an auditor of its jurisdiction,
    may read its figures; another body is refused.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WelshMediumSufficiency]
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
) -> Problem | WelshMediumSufficiency | None:
    """Welsh-medium ALP required and delivered across an LA's plans

     For an LA's planning of sufficient Welsh-medium ALP: across the plans of the learners
    it is responsible for, how many elements of ALP must be provided in Welsh, and how much
    of that was delivered in Welsh. Only the LA itself, or an auditor of its jurisdiction,
    may read its figures; another body is refused.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        local_authority (str): The local authority's id, `la:` and its number (`la:665`) (the bare
            number `665` is deprecated: the `Deprecation` header says since when)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WelshMediumSufficiency
    """

    return (
        await asyncio_detailed(
            local_authority=local_authority,
            client=client,
        )
    ).parsed
