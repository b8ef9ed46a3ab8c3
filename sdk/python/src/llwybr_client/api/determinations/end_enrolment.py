from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enrolment_end_in import EnrolmentEndIn
from ...models.learner_out import LearnerOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    learner_id: str,
    setting: str,
    *,
    body: EnrolmentEndIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/learners/{learner_id}/enrolments/{setting}/end".format(
            learner_id=quote(str(learner_id), safe=""),
            setting=quote(str(setting), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LearnerOut | Problem | None:
    if response.status_code == 200:
        response_200 = LearnerOut.from_dict(response.json())

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
) -> Response[LearnerOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    learner_id: str,
    setting: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentEndIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[LearnerOut | Problem]:
    """The setting itself, or the learner's LA, records that the learner left it

     From the day given the learner no longer attends the setting: it is no longer among
    the settings they are enrolled at. The answer is the learner as
    `GET /v1/learners/{learner_id}` reads them; a setting they are not enrolled at is refused.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        setting (str): The school's or FEI's id, its kind and its establishment number
            (`school:6652001`, `fei:10001234`)
        idempotency_key (str | Unset):
        body (EnrolmentEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LearnerOut | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        setting=setting,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    learner_id: str,
    setting: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentEndIn,
    idempotency_key: str | Unset = UNSET,
) -> LearnerOut | Problem | None:
    """The setting itself, or the learner's LA, records that the learner left it

     From the day given the learner no longer attends the setting: it is no longer among
    the settings they are enrolled at. The answer is the learner as
    `GET /v1/learners/{learner_id}` reads them; a setting they are not enrolled at is refused.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        setting (str): The school's or FEI's id, its kind and its establishment number
            (`school:6652001`, `fei:10001234`)
        idempotency_key (str | Unset):
        body (EnrolmentEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LearnerOut | Problem
    """

    return sync_detailed(
        learner_id=learner_id,
        setting=setting,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    learner_id: str,
    setting: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentEndIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[LearnerOut | Problem]:
    """The setting itself, or the learner's LA, records that the learner left it

     From the day given the learner no longer attends the setting: it is no longer among
    the settings they are enrolled at. The answer is the learner as
    `GET /v1/learners/{learner_id}` reads them; a setting they are not enrolled at is refused.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        setting (str): The school's or FEI's id, its kind and its establishment number
            (`school:6652001`, `fei:10001234`)
        idempotency_key (str | Unset):
        body (EnrolmentEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LearnerOut | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        setting=setting,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    learner_id: str,
    setting: str,
    *,
    client: AuthenticatedClient,
    body: EnrolmentEndIn,
    idempotency_key: str | Unset = UNSET,
) -> LearnerOut | Problem | None:
    """The setting itself, or the learner's LA, records that the learner left it

     From the day given the learner no longer attends the setting: it is no longer among
    the settings they are enrolled at. The answer is the learner as
    `GET /v1/learners/{learner_id}` reads them; a setting they are not enrolled at is refused.

    Needs the scope `determinations:write` (given to the clients of schools, FEIs and LAs). Problems
    (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the acting body may not do
    this; 404 no such determination or reference; 409 the case's state does not allow it; or with
    Idempotency-Key, the first request with that key still runs, or its answer held a secret shown once
    (`secret-not-replayed`); 412 If-Match names a version that is no longer current; 422 validation
    failed.

    Args:
        learner_id (str):
        setting (str): The school's or FEI's id, its kind and its establishment number
            (`school:6652001`, `fei:10001234`)
        idempotency_key (str | Unset):
        body (EnrolmentEndIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LearnerOut | Problem
    """

    return (
        await asyncio_detailed(
            learner_id=learner_id,
            setting=setting,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
