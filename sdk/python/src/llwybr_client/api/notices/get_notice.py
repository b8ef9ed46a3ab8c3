from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.notice_detail import NoticeDetail
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    notice_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/notices/{notice_id}".format(
            notice_id=quote(str(notice_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NoticeDetail | Problem | None:
    if response.status_code == 200:
        response_200 = NoticeDetail.from_dict(response.json())

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
) -> Response[NoticeDetail | Problem]:
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
) -> Response[NoticeDetail | Problem]:
    """One notice with its proof and delivery attempts

     One notice as it was given or is being given: its kind, recipient, status (`pending`,
    `given`, `escalated`, ...), the facts it states, its content as sent (HTML and text),
    each delivery attempt and any delivery reports (bounces). The proof a body shows when a
    notice's date is disputed. Whoever may read the learner's notices may read it; anyone
    else gets the one 404.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match); 403 this organisation may not do this; 404 no such learner, organisation or notice for this
    caller; 409 the notice's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Args:
        notice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticeDetail | Problem]
    """

    kwargs = _get_kwargs(
        notice_id=notice_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    notice_id: str,
    *,
    client: AuthenticatedClient,
) -> NoticeDetail | Problem | None:
    """One notice with its proof and delivery attempts

     One notice as it was given or is being given: its kind, recipient, status (`pending`,
    `given`, `escalated`, ...), the facts it states, its content as sent (HTML and text),
    each delivery attempt and any delivery reports (bounces). The proof a body shows when a
    notice's date is disputed. Whoever may read the learner's notices may read it; anyone
    else gets the one 404.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match); 403 this organisation may not do this; 404 no such learner, organisation or notice for this
    caller; 409 the notice's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Args:
        notice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticeDetail | Problem
    """

    return sync_detailed(
        notice_id=notice_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    notice_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[NoticeDetail | Problem]:
    """One notice with its proof and delivery attempts

     One notice as it was given or is being given: its kind, recipient, status (`pending`,
    `given`, `escalated`, ...), the facts it states, its content as sent (HTML and text),
    each delivery attempt and any delivery reports (bounces). The proof a body shows when a
    notice's date is disputed. Whoever may read the learner's notices may read it; anyone
    else gets the one 404.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match); 403 this organisation may not do this; 404 no such learner, organisation or notice for this
    caller; 409 the notice's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Args:
        notice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticeDetail | Problem]
    """

    kwargs = _get_kwargs(
        notice_id=notice_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    notice_id: str,
    *,
    client: AuthenticatedClient,
) -> NoticeDetail | Problem | None:
    """One notice with its proof and delivery attempts

     One notice as it was given or is being given: its kind, recipient, status (`pending`,
    `given`, `escalated`, ...), the facts it states, its content as sent (HTML and text),
    each delivery attempt and any delivery reports (bounces). The proof a body shows when a
    notice's date is disputed. Whoever may read the learner's notices may read it; anyone
    else gets the one 404.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match); 403 this organisation may not do this; 404 no such learner, organisation or notice for this
    caller; 409 the notice's state does not allow it; 412 If-Match names a version that is no longer
    current; 422 validation failed.

    Args:
        notice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticeDetail | Problem
    """

    return (
        await asyncio_detailed(
            notice_id=notice_id,
            client=client,
        )
    ).parsed
