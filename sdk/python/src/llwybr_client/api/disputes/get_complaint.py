from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complaint_view import ComplaintView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    complaint_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/complaints/{complaint_id}".format(
            complaint_id=quote(str(complaint_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComplaintView | Problem | None:
    if response.status_code == 200:
        response_200 = ComplaintView.from_dict(response.json())

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
) -> Response[ComplaintView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ComplaintView | Problem]:
    """A complaint and whether it is open

     A complaint as it stands: who made it, about what, since when and, once closed, how it
    ended. The learner's LAs and the auditors of the jurisdiction may read it; anyone else
    gets the one 404. After the learner's erasure its text reads null.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        complaint_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplaintView | Problem]
    """

    kwargs = _get_kwargs(
        complaint_id=complaint_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ComplaintView | Problem | None:
    """A complaint and whether it is open

     A complaint as it stands: who made it, about what, since when and, once closed, how it
    ended. The learner's LAs and the auditors of the jurisdiction may read it; anyone else
    gets the one 404. After the learner's erasure its text reads null.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        complaint_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplaintView | Problem
    """

    return sync_detailed(
        complaint_id=complaint_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ComplaintView | Problem]:
    """A complaint and whether it is open

     A complaint as it stands: who made it, about what, since when and, once closed, how it
    ended. The learner's LAs and the auditors of the jurisdiction may read it; anyone else
    gets the one 404. After the learner's erasure its text reads null.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        complaint_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplaintView | Problem]
    """

    kwargs = _get_kwargs(
        complaint_id=complaint_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    complaint_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ComplaintView | Problem | None:
    """A complaint and whether it is open

     A complaint as it stands: who made it, about what, since when and, once closed, how it
    ended. The learner's LAs and the auditors of the jurisdiction may read it; anyone else
    gets the one 404. After the learner's erasure its text reads null.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        complaint_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplaintView | Problem
    """

    return (
        await asyncio_detailed(
            complaint_id=complaint_id,
            client=client,
        )
    ).parsed
