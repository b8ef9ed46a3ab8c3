import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.provided_alp_row import ProvidedAlpRow
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["provider"] = provider

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/idps-alp",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[ProvidedAlpRow] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ProvidedAlpRow.from_dict(response_200_item_data)

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
) -> Response[Problem | list[ProvidedAlpRow]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    provider: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Problem | list[ProvidedAlpRow]]:
    """ALP in force provided by one organisation (e.g. a health board)

     Only from the plans the caller may read (an auditor: those of its jurisdiction). Each
    row's ``to_date`` is the element planned against delivered on ``as_of``, as
    ``GET /v1/idps/{id}/provision`` shows it: expected sessions and minutes, delivered, the
    gap, the window's share, ``measurable`` (false: no schedule, nothing due) and
    ``provisional`` (no calendar known: counted on working days, not judged).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (str):
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ProvidedAlpRow]]
    """

    kwargs = _get_kwargs(
        provider=provider,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    provider: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Problem | list[ProvidedAlpRow] | None:
    """ALP in force provided by one organisation (e.g. a health board)

     Only from the plans the caller may read (an auditor: those of its jurisdiction). Each
    row's ``to_date`` is the element planned against delivered on ``as_of``, as
    ``GET /v1/idps/{id}/provision`` shows it: expected sessions and minutes, delivered, the
    gap, the window's share, ``measurable`` (false: no schedule, nothing due) and
    ``provisional`` (no calendar known: counted on working days, not judged).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (str):
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ProvidedAlpRow]
    """

    return sync_detailed(
        client=client,
        provider=provider,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    provider: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Problem | list[ProvidedAlpRow]]:
    """ALP in force provided by one organisation (e.g. a health board)

     Only from the plans the caller may read (an auditor: those of its jurisdiction). Each
    row's ``to_date`` is the element planned against delivered on ``as_of``, as
    ``GET /v1/idps/{id}/provision`` shows it: expected sessions and minutes, delivered, the
    gap, the window's share, ``measurable`` (false: no schedule, nothing due) and
    ``provisional`` (no calendar known: counted on working days, not judged).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (str):
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[ProvidedAlpRow]]
    """

    kwargs = _get_kwargs(
        provider=provider,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    provider: str,
    as_of: datetime.date | None | Unset = UNSET,
) -> Problem | list[ProvidedAlpRow] | None:
    """ALP in force provided by one organisation (e.g. a health board)

     Only from the plans the caller may read (an auditor: those of its jurisdiction). Each
    row's ``to_date`` is the element planned against delivered on ``as_of``, as
    ``GET /v1/idps/{id}/provision`` shows it: expected sessions and minutes, delivered, the
    gap, the window's share, ``measurable`` (false: no schedule, nothing due) and
    ``provisional`` (no calendar known: counted on working days, not judged).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        provider (str):
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[ProvidedAlpRow]
    """

    return (
        await asyncio_detailed(
            client=client,
            provider=provider,
            as_of=as_of,
        )
    ).parsed
