from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dispute_case_row import DisputeCaseRow
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    learner_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["learner_id"] = learner_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/disputes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[DisputeCaseRow] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = DisputeCaseRow.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[DisputeCaseRow]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    learner_id: str,
) -> Response[Problem | list[DisputeCaseRow]]:
    """A learner's disputes, open and ended

     The learner's reconsiderations, appeals, disagreement resolution and advocacy cases
    that the caller may read (``llwybr.access``), open and ended, each with its status, next
    statutory date (`due_on`, `deadline_rule`) and outcome; the soonest date first. A learner
    the caller may not read answers an empty list, as one with no disputes.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DisputeCaseRow]]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    learner_id: str,
) -> Problem | list[DisputeCaseRow] | None:
    """A learner's disputes, open and ended

     The learner's reconsiderations, appeals, disagreement resolution and advocacy cases
    that the caller may read (``llwybr.access``), open and ended, each with its status, next
    statutory date (`due_on`, `deadline_rule`) and outcome; the soonest date first. A learner
    the caller may not read answers an empty list, as one with no disputes.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DisputeCaseRow]
    """

    return sync_detailed(
        client=client,
        learner_id=learner_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    learner_id: str,
) -> Response[Problem | list[DisputeCaseRow]]:
    """A learner's disputes, open and ended

     The learner's reconsiderations, appeals, disagreement resolution and advocacy cases
    that the caller may read (``llwybr.access``), open and ended, each with its status, next
    statutory date (`due_on`, `deadline_rule`) and outcome; the soonest date first. A learner
    the caller may not read answers an empty list, as one with no disputes.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DisputeCaseRow]]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    learner_id: str,
) -> Problem | list[DisputeCaseRow] | None:
    """A learner's disputes, open and ended

     The learner's reconsiderations, appeals, disagreement resolution and advocacy cases
    that the caller may read (``llwybr.access``), open and ended, each with its status, next
    statutory date (`due_on`, `deadline_rule`) and outcome; the soonest date first. A learner
    the caller may not read answers an empty list, as one with no disputes.

    Needs the scope `disputes:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). Problems (RFC 9457) of its own: 400 A malformed header (If-
    Match) or body; 403 the caller may not do this; 404 no such case (or not one the caller may see);
    409 the case's state does not allow it; 412 If-Match names a version that is no longer current; 422
    validation failed.

    Args:
        learner_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DisputeCaseRow]
    """

    return (
        await asyncio_detailed(
            client=client,
            learner_id=learner_id,
        )
    ).parsed
