from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.services_readiness import ServicesReadiness
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/readyz/services",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ServicesReadiness | None:
    if response.status_code == 200:
        response_200 = ServicesReadiness.from_dict(response.json())

        return response_200

    if response.status_code == 503:
        response_503 = ServicesReadiness.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ServicesReadiness]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ServicesReadiness]:
    """Every service's readiness, as the gateway reaches it

     Each service's own `/readyz` report, by name (`unreachable` with the error when it
    does not answer): 200 when every one is ready. For people and dashboards; not a
    probe, since one service down must not take the gateway out of service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ServicesReadiness]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ServicesReadiness | None:
    """Every service's readiness, as the gateway reaches it

     Each service's own `/readyz` report, by name (`unreachable` with the error when it
    does not answer): 200 when every one is ready. For people and dashboards; not a
    probe, since one service down must not take the gateway out of service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ServicesReadiness
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ServicesReadiness]:
    """Every service's readiness, as the gateway reaches it

     Each service's own `/readyz` report, by name (`unreachable` with the error when it
    does not answer): 200 when every one is ready. For people and dashboards; not a
    probe, since one service down must not take the gateway out of service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ServicesReadiness]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ServicesReadiness | None:
    """Every service's readiness, as the gateway reaches it

     Each service's own `/readyz` report, by name (`unreachable` with the error when it
    does not answer): 200 when every one is ready. For people and dashboards; not a
    probe, since one service down must not take the gateway out of service.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ServicesReadiness
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
