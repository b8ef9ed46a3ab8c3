from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.given_outside_in import GivenOutsideIn
from ...models.notice_out import NoticeOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    notice_id: str,
    *,
    body: GivenOutsideIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/notices/{notice_id}/given-outside".format(
            notice_id=quote(str(notice_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NoticeOut | Problem | None:
    if response.status_code == 200:
        response_200 = NoticeOut.from_dict(response.json())

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
) -> Response[NoticeOut | Problem]:
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
    body: GivenOutsideIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[NoticeOut | Problem]:
    """Record that the issuing body gave an escalated notice itself, by hand or post

     The day it counts as given is decided here (by hand: that day; by post: the second
    working day after posting) and published in ``notice-given`` like any other, with the
    window it opens from that day (ADR 0017). Only a body that may write the learner's
    contacts may record it, and only for an escalated notice never given (else 409).

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):
        body (GivenOutsideIn): A notice the issuing body gave itself, outside the system (ADR
            0017).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticeOut | Problem]
    """

    kwargs = _get_kwargs(
        notice_id=notice_id,
        body=body,
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
    body: GivenOutsideIn,
    idempotency_key: str | Unset = UNSET,
) -> NoticeOut | Problem | None:
    """Record that the issuing body gave an escalated notice itself, by hand or post

     The day it counts as given is decided here (by hand: that day; by post: the second
    working day after posting) and published in ``notice-given`` like any other, with the
    window it opens from that day (ADR 0017). Only a body that may write the learner's
    contacts may record it, and only for an escalated notice never given (else 409).

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):
        body (GivenOutsideIn): A notice the issuing body gave itself, outside the system (ADR
            0017).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticeOut | Problem
    """

    return sync_detailed(
        notice_id=notice_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    notice_id: str,
    *,
    client: AuthenticatedClient,
    body: GivenOutsideIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[NoticeOut | Problem]:
    """Record that the issuing body gave an escalated notice itself, by hand or post

     The day it counts as given is decided here (by hand: that day; by post: the second
    working day after posting) and published in ``notice-given`` like any other, with the
    window it opens from that day (ADR 0017). Only a body that may write the learner's
    contacts may record it, and only for an escalated notice never given (else 409).

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):
        body (GivenOutsideIn): A notice the issuing body gave itself, outside the system (ADR
            0017).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticeOut | Problem]
    """

    kwargs = _get_kwargs(
        notice_id=notice_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    notice_id: str,
    *,
    client: AuthenticatedClient,
    body: GivenOutsideIn,
    idempotency_key: str | Unset = UNSET,
) -> NoticeOut | Problem | None:
    """Record that the issuing body gave an escalated notice itself, by hand or post

     The day it counts as given is decided here (by hand: that day; by post: the second
    working day after posting) and published in ``notice-given`` like any other, with the
    window it opens from that day (ADR 0017). Only a body that may write the learner's
    contacts may record it, and only for an escalated notice never given (else 409).

    Needs the scope `notices:write` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts and the Tribunal). Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403
    this organisation may not do this; 404 no such learner, organisation or notice for this caller; 409
    the notice's state does not allow it; or with Idempotency-Key, the first request with that key still
    runs, or its answer held a secret shown once (`secret-not-replayed`); 412 If-Match names a version
    that is no longer current; 422 validation failed.

    Args:
        notice_id (str):
        idempotency_key (str | Unset):
        body (GivenOutsideIn): A notice the issuing body gave itself, outside the system (ADR
            0017).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticeOut | Problem
    """

    return (
        await asyncio_detailed(
            notice_id=notice_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
