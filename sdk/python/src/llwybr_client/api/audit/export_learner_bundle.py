from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    learner_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit/learners/{learner_id}/bundle".format(
            learner_id=quote(str(learner_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPValidationError | Problem | None:
    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPValidationError | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    learner_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[HTTPValidationError | Problem]:
    """A learner's whole case as a Tribunal bundle (a ZIP with a signed manifest of hashes)

     A learner's whole case as a bundle for the Tribunal: a ZIP of the events, the notices,
    the evidence documents' hashes, the issued IDPs and a readable timeline (PDF), with a
    manifest of every file's SHA-256 signed with a key listed at `/.well-known/jwks.json`, so
    a copy can be checked without Llwybr. A learner with no event the caller may see is the
    one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    learner_id: str,
    *,
    client: AuthenticatedClient,
) -> HTTPValidationError | Problem | None:
    """A learner's whole case as a Tribunal bundle (a ZIP with a signed manifest of hashes)

     A learner's whole case as a bundle for the Tribunal: a ZIP of the events, the notices,
    the evidence documents' hashes, the issued IDPs and a readable timeline (PDF), with a
    manifest of every file's SHA-256 signed with a key listed at `/.well-known/jwks.json`, so
    a copy can be checked without Llwybr. A learner with no event the caller may see is the
    one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | Problem
    """

    return sync_detailed(
        learner_id=learner_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    learner_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[HTTPValidationError | Problem]:
    """A learner's whole case as a Tribunal bundle (a ZIP with a signed manifest of hashes)

     A learner's whole case as a bundle for the Tribunal: a ZIP of the events, the notices,
    the evidence documents' hashes, the issued IDPs and a readable timeline (PDF), with a
    manifest of every file's SHA-256 signed with a key listed at `/.well-known/jwks.json`, so
    a copy can be checked without Llwybr. A learner with no event the caller may see is the
    one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    learner_id: str,
    *,
    client: AuthenticatedClient,
) -> HTTPValidationError | Problem | None:
    """A learner's whole case as a Tribunal bundle (a ZIP with a signed manifest of hashes)

     A learner's whole case as a bundle for the Tribunal: a ZIP of the events, the notices,
    the evidence documents' hashes, the issued IDPs and a readable timeline (PDF), with a
    manifest of every file's SHA-256 signed with a key listed at `/.well-known/jwks.json`, so
    a copy can be checked without Llwybr. A learner with no event the caller may see is the
    one 404.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | Problem
    """

    return (
        await asyncio_detailed(
            learner_id=learner_id,
            client=client,
        )
    ).parsed
