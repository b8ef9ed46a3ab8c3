from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    sha256: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/documents/{sha256}".format(
            sha256=quote(str(sha256), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sha256: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """An evidence document by its SHA-256

     An evidence document by the SHA-256 of its content, with its media type, as it was
    submitted. Whoever may read a case the document was submitted to may read it; anyone
    else gets the one 404, as for a document that does not exist. Once the learner's personal
    data is erased (their key destroyed) the stored copy is unreadable: 410
    `personal-data-erased`.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        sha256 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        sha256=sha256,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sha256: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """An evidence document by its SHA-256

     An evidence document by the SHA-256 of its content, with its media type, as it was
    submitted. Whoever may read a case the document was submitted to may read it; anyone
    else gets the one 404, as for a document that does not exist. Once the learner's personal
    data is erased (their key destroyed) the stored copy is unreadable: 410
    `personal-data-erased`.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        sha256 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        sha256=sha256,
        client=client,
    ).parsed


async def asyncio_detailed(
    sha256: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """An evidence document by its SHA-256

     An evidence document by the SHA-256 of its content, with its media type, as it was
    submitted. Whoever may read a case the document was submitted to may read it; anyone
    else gets the one 404, as for a document that does not exist. Once the learner's personal
    data is erased (their key destroyed) the stored copy is unreadable: 410
    `personal-data-erased`.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        sha256 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        sha256=sha256,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sha256: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """An evidence document by its SHA-256

     An evidence document by the SHA-256 of its content, with its media type, as it was
    submitted. Whoever may read a case the document was submitted to may read it; anyone
    else gets the one 404, as for a document that does not exist. Once the learner's personal
    data is erased (their key destroyed) the stored copy is unreadable: 410
    `personal-data-erased`.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the acting body may not do this; 404 no such determination or reference; 409 the
    case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        sha256 (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            sha256=sha256,
            client=client,
        )
    ).parsed
