from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.issued_version import IssuedVersion
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    idp_id: UUID,
    number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/idps/{idp_id}/versions/{number}".format(
            idp_id=quote(str(idp_id), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IssuedVersion | Problem | None:
    if response.status_code == 200:
        response_200 = IssuedVersion.from_dict(response.json())

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
) -> Response[IssuedVersion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    idp_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[IssuedVersion | Problem]:
    """An issued version, exactly as issued

     Version `number` of the plan as it was issued, never changed by later drafts: the
    record of what the family was given. Whoever may read the plan may read its versions; a
    version not issued (yet) is a 404.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IssuedVersion | Problem]
    """

    kwargs = _get_kwargs(
        idp_id=idp_id,
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idp_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> IssuedVersion | Problem | None:
    """An issued version, exactly as issued

     Version `number` of the plan as it was issued, never changed by later drafts: the
    record of what the family was given. Whoever may read the plan may read its versions; a
    version not issued (yet) is a 404.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IssuedVersion | Problem
    """

    return sync_detailed(
        idp_id=idp_id,
        number=number,
        client=client,
    ).parsed


async def asyncio_detailed(
    idp_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[IssuedVersion | Problem]:
    """An issued version, exactly as issued

     Version `number` of the plan as it was issued, never changed by later drafts: the
    record of what the family was given. Whoever may read the plan may read its versions; a
    version not issued (yet) is a 404.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IssuedVersion | Problem]
    """

    kwargs = _get_kwargs(
        idp_id=idp_id,
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idp_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
) -> IssuedVersion | Problem | None:
    """An issued version, exactly as issued

     Version `number` of the plan as it was issued, never changed by later drafts: the
    record of what the family was given. Whoever may read the plan may read its versions; a
    version not issued (yet) is a 404.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IssuedVersion | Problem
    """

    return (
        await asyncio_detailed(
            idp_id=idp_id,
            number=number,
            client=client,
        )
    ).parsed
