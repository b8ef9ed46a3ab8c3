from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.shortfall_row import ShortfallRow
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_provider: None | str | Unset
    if isinstance(provider, Unset):
        json_provider = UNSET
    else:
        json_provider = provider
    params["provider"] = json_provider

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/idps-shortfalls",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ShortfallRow] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ShortfallRow.from_dict(response_200_item_data)

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
) -> Response[Problem | list[ShortfallRow]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    provider: None | str | Unset = UNSET,
) -> Response[Problem | list[ShortfallRow]]:
    """Open shortfalls of provision (for whoever must act)

     Elements of ALP in force found short of their schedule and not yet delivered as
    planned again (issue 24), in the plans the caller may read: the maintainer's, the
    providers', the learner's LAs' and their auditors'. Each row names the element, the plan,
    the provider and the shortfall found, so the body that must act sees it; ``provider``
    narrows the list to one provider's elements.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ShortfallRow]]
    """

    kwargs = _get_kwargs(
        provider=provider,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    provider: None | str | Unset = UNSET,
) -> Problem | list[ShortfallRow] | None:
    """Open shortfalls of provision (for whoever must act)

     Elements of ALP in force found short of their schedule and not yet delivered as
    planned again (issue 24), in the plans the caller may read: the maintainer's, the
    providers', the learner's LAs' and their auditors'. Each row names the element, the plan,
    the provider and the shortfall found, so the body that must act sees it; ``provider``
    narrows the list to one provider's elements.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ShortfallRow]
    """

    return sync_detailed(
        client=client,
        provider=provider,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    provider: None | str | Unset = UNSET,
) -> Response[Problem | list[ShortfallRow]]:
    """Open shortfalls of provision (for whoever must act)

     Elements of ALP in force found short of their schedule and not yet delivered as
    planned again (issue 24), in the plans the caller may read: the maintainer's, the
    providers', the learner's LAs' and their auditors'. Each row names the element, the plan,
    the provider and the shortfall found, so the body that must act sees it; ``provider``
    narrows the list to one provider's elements.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ShortfallRow]]
    """

    kwargs = _get_kwargs(
        provider=provider,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    provider: None | str | Unset = UNSET,
) -> Problem | list[ShortfallRow] | None:
    """Open shortfalls of provision (for whoever must act)

     Elements of ALP in force found short of their schedule and not yet delivered as
    planned again (issue 24), in the plans the caller may read: the maintainer's, the
    providers', the learner's LAs' and their auditors'. Each row names the element, the plan,
    the provider and the shortfall found, so the body that must act sees it; ``provider``
    narrows the list to one provider's elements.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ShortfallRow]
    """

    return (
        await asyncio_detailed(
            client=client,
            provider=provider,
        )
    ).parsed
