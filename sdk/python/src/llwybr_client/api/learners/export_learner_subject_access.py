from http import HTTPStatus
from typing import Any, cast
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
        "url": "/v1/learners/{learner_id}/subject-access".format(
            learner_id=quote(str(learner_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | Problem | None:
    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

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
) -> Response[Any | HTTPValidationError | Problem]:
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
) -> Response[Any | HTTPValidationError | Problem]:
    """Everything held about a learner, for their responsible LA to release (a ZIP)

     A subject access export (UK GDPR Art. 15) of everything held about the learner: a ZIP
    of every event from every service (decrypted), the notices given, the plan PDFs, the
    evidence documents still readable (`documents/<sha256>`; after the erasure, named only), the
    access-audit rows about them and a summary in Welsh and English, with a signed manifest.
    Only the learner's responsible LA may export it, to review and release to the family;
    any other body is refused (404, or 403 `not-responsible-la` where it may see the learner),
    and every export is in the access audit.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors).

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | Problem]
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
) -> Any | HTTPValidationError | Problem | None:
    """Everything held about a learner, for their responsible LA to release (a ZIP)

     A subject access export (UK GDPR Art. 15) of everything held about the learner: a ZIP
    of every event from every service (decrypted), the notices given, the plan PDFs, the
    evidence documents still readable (`documents/<sha256>`; after the erasure, named only), the
    access-audit rows about them and a summary in Welsh and English, with a signed manifest.
    Only the learner's responsible LA may export it, to review and release to the family;
    any other body is refused (404, or 403 `not-responsible-la` where it may see the learner),
    and every export is in the access audit.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors).

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | Problem
    """

    return sync_detailed(
        learner_id=learner_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    learner_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | HTTPValidationError | Problem]:
    """Everything held about a learner, for their responsible LA to release (a ZIP)

     A subject access export (UK GDPR Art. 15) of everything held about the learner: a ZIP
    of every event from every service (decrypted), the notices given, the plan PDFs, the
    evidence documents still readable (`documents/<sha256>`; after the erasure, named only), the
    access-audit rows about them and a summary in Welsh and English, with a signed manifest.
    Only the learner's responsible LA may export it, to review and release to the family;
    any other body is refused (404, or 403 `not-responsible-la` where it may see the learner),
    and every export is in the access audit.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors).

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | Problem]
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
) -> Any | HTTPValidationError | Problem | None:
    """Everything held about a learner, for their responsible LA to release (a ZIP)

     A subject access export (UK GDPR Art. 15) of everything held about the learner: a ZIP
    of every event from every service (decrypted), the notices given, the plan PDFs, the
    evidence documents still readable (`documents/<sha256>`; after the erasure, named only), the
    access-audit rows about them and a summary in Welsh and English, with a signed manifest.
    Only the learner's responsible LA may export it, to review and release to the family;
    any other body is refused (404, or 403 `not-responsible-la` where it may see the learner),
    and every export is in the access audit.

    Needs the scope `determinations:read` (given to the clients of schools, FEIs, LAs, health boards,
    NHS trusts, the Tribunal and auditors).

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | Problem
    """

    return (
        await asyncio_detailed(
            learner_id=learner_id,
            client=client,
        )
    ).parsed
