import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.provision_report import ProvisionReport
from ...types import UNSET, Response, Unset


def _get_kwargs(
    idp_id: UUID,
    *,
    as_of: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/idps/{idp_id}/provision".format(
            idp_id=quote(str(idp_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProvisionReport | None:
    if response.status_code == 200:
        response_200 = ProvisionReport.from_dict(response.json())

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
) -> Response[Problem | ProvisionReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Problem | ProvisionReport]:
    """Provision planned against delivered, per element, to a day (issue 24)

     Expected to date over the school-day calendar, delivered, missed with reasons, the
    gap, and the shortfalls (``IDP_SHORTFALL_*``). ``provisional``: no calendar is known for
    the school nor its learner's LA, so term-time figures are counted on working days and
    not judged; an element with ``measurable`` false has no schedule (nothing is due).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProvisionReport]
    """

    kwargs = _get_kwargs(
        idp_id=idp_id,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Problem | ProvisionReport | None:
    """Provision planned against delivered, per element, to a day (issue 24)

     Expected to date over the school-day calendar, delivered, missed with reasons, the
    gap, and the shortfalls (``IDP_SHORTFALL_*``). ``provisional``: no calendar is known for
    the school nor its learner's LA, so term-time figures are counted on working days and
    not judged; an element with ``measurable`` false has no schedule (nothing is due).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProvisionReport
    """

    return sync_detailed(
        idp_id=idp_id,
        client=client,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Response[Problem | ProvisionReport]:
    """Provision planned against delivered, per element, to a day (issue 24)

     Expected to date over the school-day calendar, delivered, missed with reasons, the
    gap, and the shortfalls (``IDP_SHORTFALL_*``). ``provisional``: no calendar is known for
    the school nor its learner's LA, so term-time figures are counted on working days and
    not judged; an element with ``measurable`` false has no schedule (nothing is due).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProvisionReport]
    """

    kwargs = _get_kwargs(
        idp_id=idp_id,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idp_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
) -> Problem | ProvisionReport | None:
    """Provision planned against delivered, per element, to a day (issue 24)

     Expected to date over the school-day calendar, delivered, missed with reasons, the
    gap, and the shortfalls (``IDP_SHORTFALL_*``). ``provisional``: no calendar is known for
    the school nor its learner's LA, so term-time figures are counted on working days and
    not judged; an element with ``measurable`` false has no schedule (nothing is due).

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or
    body; 403 the caller may read the plan but not do this (the maintainer acts; a plan goes only to the
    learner's responsible LA, LA looking after or a setting they attend): the problem type names the
    reason; 404 no such plan, version or element, or none this organisation may see (one answer); 409
    the plan's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        idp_id (UUID): The plan's id (random; one plan per learner)
        as_of (datetime.date | None | Unset): Default: today in Wales

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProvisionReport
    """

    return (
        await asyncio_detailed(
            idp_id=idp_id,
            client=client,
            as_of=as_of,
        )
    ).parsed
