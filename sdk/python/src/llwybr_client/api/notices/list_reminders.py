from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_reminders_status_type_0 import ListRemindersStatusType0
from ...models.problem import Problem
from ...models.watched_deadline_page import WatchedDeadlinePage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListRemindersStatusType0 | None | Unset = UNSET,
    learner_id: None | str | Unset = UNSET,
    missed: bool | Unset = False,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListRemindersStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_learner_id: None | str | Unset
    if isinstance(learner_id, Unset):
        json_learner_id = UNSET
    else:
        json_learner_id = learner_id
    params["learner_id"] = json_learner_id

    params["missed"] = missed

    params["limit"] = limit

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reminders",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WatchedDeadlinePage | None:
    if response.status_code == 200:
        response_200 = WatchedDeadlinePage.from_dict(response.json())

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
) -> Response[Problem | WatchedDeadlinePage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListRemindersStatusType0 | None | Unset = UNSET,
    learner_id: None | str | Unset = UNSET,
    missed: bool | Unset = False,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[Problem | WatchedDeadlinePage]:
    """Statutory deadlines watched: reminders and missed alerts

     The deadlines of the learners the caller may read (``Capability.READ``, the one access
    policy on the learner's relations, as the notices list); an auditor those of its
    jurisdiction. Each deadline is shown with who must act (`responsible`),
    its `due_on` and `remind_on`, its `status` (`open`, `met`, `cancelled`), and when a
    reminder or a missed alert was sent for it, with the notice that carried it.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        status (ListRemindersStatusType0 | None | Unset):
        learner_id (None | str | Unset):
        missed (bool | Unset): Only deadlines alerted as missed Default: False.
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WatchedDeadlinePage]
    """

    kwargs = _get_kwargs(
        status=status,
        learner_id=learner_id,
        missed=missed,
        limit=limit,
        after=after,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListRemindersStatusType0 | None | Unset = UNSET,
    learner_id: None | str | Unset = UNSET,
    missed: bool | Unset = False,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Problem | WatchedDeadlinePage | None:
    """Statutory deadlines watched: reminders and missed alerts

     The deadlines of the learners the caller may read (``Capability.READ``, the one access
    policy on the learner's relations, as the notices list); an auditor those of its
    jurisdiction. Each deadline is shown with who must act (`responsible`),
    its `due_on` and `remind_on`, its `status` (`open`, `met`, `cancelled`), and when a
    reminder or a missed alert was sent for it, with the notice that carried it.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        status (ListRemindersStatusType0 | None | Unset):
        learner_id (None | str | Unset):
        missed (bool | Unset): Only deadlines alerted as missed Default: False.
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WatchedDeadlinePage
    """

    return sync_detailed(
        client=client,
        status=status,
        learner_id=learner_id,
        missed=missed,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListRemindersStatusType0 | None | Unset = UNSET,
    learner_id: None | str | Unset = UNSET,
    missed: bool | Unset = False,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[Problem | WatchedDeadlinePage]:
    """Statutory deadlines watched: reminders and missed alerts

     The deadlines of the learners the caller may read (``Capability.READ``, the one access
    policy on the learner's relations, as the notices list); an auditor those of its
    jurisdiction. Each deadline is shown with who must act (`responsible`),
    its `due_on` and `remind_on`, its `status` (`open`, `met`, `cancelled`), and when a
    reminder or a missed alert was sent for it, with the notice that carried it.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        status (ListRemindersStatusType0 | None | Unset):
        learner_id (None | str | Unset):
        missed (bool | Unset): Only deadlines alerted as missed Default: False.
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WatchedDeadlinePage]
    """

    kwargs = _get_kwargs(
        status=status,
        learner_id=learner_id,
        missed=missed,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListRemindersStatusType0 | None | Unset = UNSET,
    learner_id: None | str | Unset = UNSET,
    missed: bool | Unset = False,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Problem | WatchedDeadlinePage | None:
    """Statutory deadlines watched: reminders and missed alerts

     The deadlines of the learners the caller may read (``Capability.READ``, the one access
    policy on the learner's relations, as the notices list); an auditor those of its
    jurisdiction. Each deadline is shown with who must act (`responsible`),
    its `due_on` and `remind_on`, its `status` (`open`, `met`, `cancelled`), and when a
    reminder or a missed alert was sent for it, with the notice that carried it.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        status (ListRemindersStatusType0 | None | Unset):
        learner_id (None | str | Unset):
        missed (bool | Unset): Only deadlines alerted as missed Default: False.
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WatchedDeadlinePage
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            learner_id=learner_id,
            missed=missed,
            limit=limit,
            after=after,
        )
    ).parsed
