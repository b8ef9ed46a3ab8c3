from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_access_token_body import CreateAccessTokenBody
from ...models.o_auth_error_response import OAuthErrorResponse
from ...models.problem import Problem
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: CreateAccessTokenBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OAuthErrorResponse | Problem | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthErrorResponse.from_dict(response.json())

        return response_401

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
) -> Response[OAuthErrorResponse | Problem | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAccessTokenBody,
) -> Response[OAuthErrorResponse | Problem | TokenResponse]:
    """Exchange client credentials for an access token

     OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the first call of every integration, e.g.
    an MIS's nightly sync. Authenticate with HTTP Basic (client_secret_basic) or with client_id and
    client_secret in the form (client_secret_post), not both. Any registered client may call it; `scope`
    asks for a subset of the client's scopes (all of them if omitted).

    The answer is a Bearer access token (an ES256 JWT, RFC 9068) naming the client's organisation (e.g.
    `school:6652001`), with `expires_in` seconds to live: ask for a new one when it expires, not per
    request. Errors are RFC 6749 section 5.2 bodies, not problems: 400 with an `error` such as
    `invalid_request`, `unsupported_grant_type` or `invalid_scope`; 401 `invalid_client`. Too many
    requests answer a 429 problem (`rate-limited`) and too many waiting secret checks a 503 problem
    (`busy`), both with `Retry-After`.

    Args:
        body (CreateAccessTokenBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthErrorResponse | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAccessTokenBody,
) -> OAuthErrorResponse | Problem | TokenResponse | None:
    """Exchange client credentials for an access token

     OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the first call of every integration, e.g.
    an MIS's nightly sync. Authenticate with HTTP Basic (client_secret_basic) or with client_id and
    client_secret in the form (client_secret_post), not both. Any registered client may call it; `scope`
    asks for a subset of the client's scopes (all of them if omitted).

    The answer is a Bearer access token (an ES256 JWT, RFC 9068) naming the client's organisation (e.g.
    `school:6652001`), with `expires_in` seconds to live: ask for a new one when it expires, not per
    request. Errors are RFC 6749 section 5.2 bodies, not problems: 400 with an `error` such as
    `invalid_request`, `unsupported_grant_type` or `invalid_scope`; 401 `invalid_client`. Too many
    requests answer a 429 problem (`rate-limited`) and too many waiting secret checks a 503 problem
    (`busy`), both with `Retry-After`.

    Args:
        body (CreateAccessTokenBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthErrorResponse | Problem | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAccessTokenBody,
) -> Response[OAuthErrorResponse | Problem | TokenResponse]:
    """Exchange client credentials for an access token

     OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the first call of every integration, e.g.
    an MIS's nightly sync. Authenticate with HTTP Basic (client_secret_basic) or with client_id and
    client_secret in the form (client_secret_post), not both. Any registered client may call it; `scope`
    asks for a subset of the client's scopes (all of them if omitted).

    The answer is a Bearer access token (an ES256 JWT, RFC 9068) naming the client's organisation (e.g.
    `school:6652001`), with `expires_in` seconds to live: ask for a new one when it expires, not per
    request. Errors are RFC 6749 section 5.2 bodies, not problems: 400 with an `error` such as
    `invalid_request`, `unsupported_grant_type` or `invalid_scope`; 401 `invalid_client`. Too many
    requests answer a 429 problem (`rate-limited`) and too many waiting secret checks a 503 problem
    (`busy`), both with `Retry-After`.

    Args:
        body (CreateAccessTokenBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthErrorResponse | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateAccessTokenBody,
) -> OAuthErrorResponse | Problem | TokenResponse | None:
    """Exchange client credentials for an access token

     OAuth 2.0 client credentials grant (RFC 6749 section 4.4): the first call of every integration, e.g.
    an MIS's nightly sync. Authenticate with HTTP Basic (client_secret_basic) or with client_id and
    client_secret in the form (client_secret_post), not both. Any registered client may call it; `scope`
    asks for a subset of the client's scopes (all of them if omitted).

    The answer is a Bearer access token (an ES256 JWT, RFC 9068) naming the client's organisation (e.g.
    `school:6652001`), with `expires_in` seconds to live: ask for a new one when it expires, not per
    request. Errors are RFC 6749 section 5.2 bodies, not problems: 400 with an `error` such as
    `invalid_request`, `unsupported_grant_type` or `invalid_scope`; 401 `invalid_client`. Too many
    requests answer a 429 problem (`rate-limited`) and too many waiting secret checks a 503 problem
    (`busy`), both with `Retry-After`.

    Args:
        body (CreateAccessTokenBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthErrorResponse | Problem | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
