from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.integrity_verification import IntegrityVerification
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    learner_id: None | str | Unset = UNSET,
    service: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_learner_id: None | str | Unset
    if isinstance(learner_id, Unset):
        json_learner_id = UNSET
    else:
        json_learner_id = learner_id
    params["learner_id"] = json_learner_id

    json_service: None | str | Unset
    if isinstance(service, Unset):
        json_service = UNSET
    else:
        json_service = service
    params["service"] = json_service

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit/verify",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPValidationError | IntegrityVerification | Problem | None:
    if response.status_code == 200:
        response_200 = IntegrityVerification.from_dict(response.json())

        return response_200

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
) -> Response[HTTPValidationError | IntegrityVerification | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    service: None | str | Unset = UNSET,
) -> Response[HTTPValidationError | IntegrityVerification | Problem]:
    """Recompute the integrity chains of a learner's case, or of a whole service

     Recomputes the hash chains of the events of a learner's case (`learner_id`), or of a
    whole service's store (`service`, the auditor for Wales's check), and reports each chain
    intact or where it breaks. A broken chain means a recorded event was changed or removed.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (None | str | Unset):
        service (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | IntegrityVerification | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        service=service,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    service: None | str | Unset = UNSET,
) -> HTTPValidationError | IntegrityVerification | Problem | None:
    """Recompute the integrity chains of a learner's case, or of a whole service

     Recomputes the hash chains of the events of a learner's case (`learner_id`), or of a
    whole service's store (`service`, the auditor for Wales's check), and reports each chain
    intact or where it breaks. A broken chain means a recorded event was changed or removed.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (None | str | Unset):
        service (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | IntegrityVerification | Problem
    """

    return sync_detailed(
        client=client,
        learner_id=learner_id,
        service=service,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    service: None | str | Unset = UNSET,
) -> Response[HTTPValidationError | IntegrityVerification | Problem]:
    """Recompute the integrity chains of a learner's case, or of a whole service

     Recomputes the hash chains of the events of a learner's case (`learner_id`), or of a
    whole service's store (`service`, the auditor for Wales's check), and reports each chain
    intact or where it breaks. A broken chain means a recorded event was changed or removed.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (None | str | Unset):
        service (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPValidationError | IntegrityVerification | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        service=service,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    service: None | str | Unset = UNSET,
) -> HTTPValidationError | IntegrityVerification | Problem | None:
    """Recompute the integrity chains of a learner's case, or of a whole service

     Recomputes the hash chains of the events of a learner's case (`learner_id`), or of a
    whole service's store (`service`, the auditor for Wales's check), and reports each chain
    intact or where it breaks. A broken chain means a recorded event was changed or removed.

    Needs the scope `audit:read` (given to the clients of auditors and the administrator). Problems (RFC
    9457) of its own: 403 the token lacks the scope, or the organisation may not do this.

    Args:
        learner_id (None | str | Unset):
        service (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPValidationError | IntegrityVerification | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            learner_id=learner_id,
            service=service,
        )
    ).parsed
