from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.organisation_contact_out import OrganisationContactOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    organisation: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/contacts/organisations/{organisation}".format(
            organisation=quote(str(organisation), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrganisationContactOut | Problem | None:
    if response.status_code == 200:
        response_200 = OrganisationContactOut.from_dict(response.json())

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
) -> Response[OrganisationContactOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation: str,
    *,
    client: AuthenticatedClient,
) -> Response[OrganisationContactOut | Problem]:
    """An organisation's notice contact

     Where notices to an organisation (a school `school:6652001`, an FEI, an LA, a health
    board) are sent: its email, its names in English and Welsh, its language and the
    information a notice cites (advice, disagreement resolution), as last set, with
    `version` (also the `ETag`, for `If-Match` on the next `PUT`). A 404 `not-found` means the
    organisation has set no contact yet: notices to it wait until it does, so an MIS sets its
    school's contact in its first sync.

    Needs the scope `contacts:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A
    malformed header (If-Match); 403 this organisation may not do this; 404 no such learner,
    organisation or notice for this caller; 409 the notice's state does not allow it; 412 If-Match names
    a version that is no longer current; 422 validation failed.

    Args:
        organisation (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationContactOut | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation: str,
    *,
    client: AuthenticatedClient,
) -> OrganisationContactOut | Problem | None:
    """An organisation's notice contact

     Where notices to an organisation (a school `school:6652001`, an FEI, an LA, a health
    board) are sent: its email, its names in English and Welsh, its language and the
    information a notice cites (advice, disagreement resolution), as last set, with
    `version` (also the `ETag`, for `If-Match` on the next `PUT`). A 404 `not-found` means the
    organisation has set no contact yet: notices to it wait until it does, so an MIS sets its
    school's contact in its first sync.

    Needs the scope `contacts:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A
    malformed header (If-Match); 403 this organisation may not do this; 404 no such learner,
    organisation or notice for this caller; 409 the notice's state does not allow it; 412 If-Match names
    a version that is no longer current; 422 validation failed.

    Args:
        organisation (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationContactOut | Problem
    """

    return sync_detailed(
        organisation=organisation,
        client=client,
    ).parsed


async def asyncio_detailed(
    organisation: str,
    *,
    client: AuthenticatedClient,
) -> Response[OrganisationContactOut | Problem]:
    """An organisation's notice contact

     Where notices to an organisation (a school `school:6652001`, an FEI, an LA, a health
    board) are sent: its email, its names in English and Welsh, its language and the
    information a notice cites (advice, disagreement resolution), as last set, with
    `version` (also the `ETag`, for `If-Match` on the next `PUT`). A 404 `not-found` means the
    organisation has set no contact yet: notices to it wait until it does, so an MIS sets its
    school's contact in its first sync.

    Needs the scope `contacts:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A
    malformed header (If-Match); 403 this organisation may not do this; 404 no such learner,
    organisation or notice for this caller; 409 the notice's state does not allow it; 412 If-Match names
    a version that is no longer current; 422 validation failed.

    Args:
        organisation (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationContactOut | Problem]
    """

    kwargs = _get_kwargs(
        organisation=organisation,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation: str,
    *,
    client: AuthenticatedClient,
) -> OrganisationContactOut | Problem | None:
    """An organisation's notice contact

     Where notices to an organisation (a school `school:6652001`, an FEI, an LA, a health
    board) are sent: its email, its names in English and Welsh, its language and the
    information a notice cites (advice, disagreement resolution), as last set, with
    `version` (also the `ETag`, for `If-Match` on the next `PUT`). A 404 `not-found` means the
    organisation has set no contact yet: notices to it wait until it does, so an MIS sets its
    school's contact in its first sync.

    Needs the scope `contacts:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal, auditors and the administrator). Problems (RFC 9457) of its own: 400 A
    malformed header (If-Match); 403 this organisation may not do this; 404 no such learner,
    organisation or notice for this caller; 409 the notice's state does not allow it; 412 If-Match names
    a version that is no longer current; 422 validation failed.

    Args:
        organisation (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationContactOut | Problem
    """

    return (
        await asyncio_detailed(
            organisation=organisation,
            client=client,
        )
    ).parsed
