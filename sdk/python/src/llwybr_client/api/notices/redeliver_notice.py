from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.notice_page import NoticePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    notice_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/notices/{notice_id}/redelivery".format(
            notice_id=quote(str(notice_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NoticePage | Problem | None:
    if response.status_code == 201:
        response_201 = NoticePage.from_dict(response.json())

        return response_201

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
) -> Response[NoticePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    notice_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[NoticePage | Problem]:
    """Send an escalated notice again, to the recipient's current contact

     Sends an escalated or bounced notice again, to the recipient's contact as it is now (set it
    first with `PUT /v1/contacts/learners/{learner_id}`). Only a body that may write the
    learner's contacts may; a notice that is not escalated or bounced is refused (409
    `not-escalated`), and so is one whose recipient still has no contact (409 `no-contact`),
    keeping nothing. The answer lists the new notices created.

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticePage | Problem]
    """

    kwargs = _get_kwargs(
        notice_id=notice_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    notice_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> NoticePage | Problem | None:
    """Send an escalated notice again, to the recipient's current contact

     Sends an escalated or bounced notice again, to the recipient's contact as it is now (set it
    first with `PUT /v1/contacts/learners/{learner_id}`). Only a body that may write the
    learner's contacts may; a notice that is not escalated or bounced is refused (409
    `not-escalated`), and so is one whose recipient still has no contact (409 `no-contact`),
    keeping nothing. The answer lists the new notices created.

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticePage | Problem
    """

    return sync_detailed(
        notice_id=notice_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    notice_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[NoticePage | Problem]:
    """Send an escalated notice again, to the recipient's current contact

     Sends an escalated or bounced notice again, to the recipient's contact as it is now (set it
    first with `PUT /v1/contacts/learners/{learner_id}`). Only a body that may write the
    learner's contacts may; a notice that is not escalated or bounced is refused (409
    `not-escalated`), and so is one whose recipient still has no contact (409 `no-contact`),
    keeping nothing. The answer lists the new notices created.

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticePage | Problem]
    """

    kwargs = _get_kwargs(
        notice_id=notice_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    notice_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> NoticePage | Problem | None:
    """Send an escalated notice again, to the recipient's current contact

     Sends an escalated or bounced notice again, to the recipient's contact as it is now (set it
    first with `PUT /v1/contacts/learners/{learner_id}`). Only a body that may write the
    learner's contacts may; a notice that is not escalated or bounced is refused (409
    `not-escalated`), and so is one whose recipient still has no contact (409 `no-contact`),
    keeping nothing. The answer lists the new notices created.

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticePage | Problem
    """

    return (
        await asyncio_detailed(
            notice_id=notice_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
