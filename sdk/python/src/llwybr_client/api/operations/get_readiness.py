from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.readiness_report import ReadinessReport
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/readyz",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReadinessReport | None:
    if response.status_code == 200:
        response_200 = ReadinessReport.from_dict(response.json())

        return response_200

    if response.status_code == 503:
        response_503 = ReadinessReport.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ReadinessReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ReadinessReport]:
    """Readiness: the gateway can serve (its own database answers)

     Not the services' readiness: a service that is down makes its own routes answer 503, and taking the
    gateway out of service for it would stop the others too. `/readyz/services` reports every service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReadinessReport]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ReadinessReport | None:
    """Readiness: the gateway can serve (its own database answers)

     Not the services' readiness: a service that is down makes its own routes answer 503, and taking the
    gateway out of service for it would stop the others too. `/readyz/services` reports every service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReadinessReport
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ReadinessReport]:
    """Readiness: the gateway can serve (its own database answers)

     Not the services' readiness: a service that is down makes its own routes answer 503, and taking the
    gateway out of service for it would stop the others too. `/readyz/services` reports every service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReadinessReport]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ReadinessReport | None:
    """Readiness: the gateway can serve (its own database answers)

     Not the services' readiness: a service that is down makes its own routes answer 503, and taking the
    gateway out of service for it would stop the others too. `/readyz/services` reports every service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReadinessReport
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
