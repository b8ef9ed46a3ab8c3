import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plan_page import PlanPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    learner_id: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    review_due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_learner_id: None | str | Unset
    if isinstance(learner_id, Unset):
        json_learner_id = UNSET
    else:
        json_learner_id = learner_id
    params["learner_id"] = json_learner_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    json_review_due_before: None | str | Unset
    if isinstance(review_due_before, Unset):
        json_review_due_before = UNSET
    elif isinstance(review_due_before, datetime.date):
        json_review_due_before = review_due_before.isoformat()
    else:
        json_review_due_before = review_due_before
    params["review_due_before"] = json_review_due_before

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
        "url": "/v1/idps",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PlanPage | Problem | None:
    if response.status_code == 200:
        response_200 = PlanPage.from_dict(response.json())

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
) -> Response[PlanPage | Problem]:
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
    status: None | str | Unset = UNSET,
    review_due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PlanPage | Problem]:
    """List plans (by maintaining body, status, review due), by page

     The plans the caller may read (those it maintains, its learners', an auditor's
    jurisdiction), optionally one learner's (`learner_id`), by `status` or with a review due
    before a day (`review_due_before`). Each item is a plan's summary: its learner, its
    maintaining body (`organisation`, `maintainer_kind`), `status` and dates (opened,
    preparation due, issued, review due); read one plan whole with `GET /v1/idps/{idp_id}`.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (None | str | Unset):
        review_due_before (datetime.date | None | Unset):
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanPage | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        status=status,
        review_due_before=review_due_before,
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
    learner_id: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    review_due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PlanPage | Problem | None:
    """List plans (by maintaining body, status, review due), by page

     The plans the caller may read (those it maintains, its learners', an auditor's
    jurisdiction), optionally one learner's (`learner_id`), by `status` or with a review due
    before a day (`review_due_before`). Each item is a plan's summary: its learner, its
    maintaining body (`organisation`, `maintainer_kind`), `status` and dates (opened,
    preparation due, issued, review due); read one plan whole with `GET /v1/idps/{idp_id}`.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (None | str | Unset):
        review_due_before (datetime.date | None | Unset):
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanPage | Problem
    """

    return sync_detailed(
        client=client,
        learner_id=learner_id,
        status=status,
        review_due_before=review_due_before,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    review_due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[PlanPage | Problem]:
    """List plans (by maintaining body, status, review due), by page

     The plans the caller may read (those it maintains, its learners', an auditor's
    jurisdiction), optionally one learner's (`learner_id`), by `status` or with a review due
    before a day (`review_due_before`). Each item is a plan's summary: its learner, its
    maintaining body (`organisation`, `maintainer_kind`), `status` and dates (opened,
    preparation due, issued, review due); read one plan whole with `GET /v1/idps/{idp_id}`.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (None | str | Unset):
        review_due_before (datetime.date | None | Unset):
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanPage | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        status=status,
        review_due_before=review_due_before,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    review_due_before: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> PlanPage | Problem | None:
    """List plans (by maintaining body, status, review due), by page

     The plans the caller may read (those it maintains, its learners', an auditor's
    jurisdiction), optionally one learner's (`learner_id`), by `status` or with a review due
    before a day (`review_due_before`). Each item is a plan's summary: its learner, its
    maintaining body (`organisation`, `maintainer_kind`), `status` and dates (opened,
    preparation due, issued, review due); read one plan whole with `GET /v1/idps/{idp_id}`.

    Needs the scope `idps:read` (given to the clients of schools, FEIs, LAs, health boards, NHS trusts,
    the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for the next.
    Problems (RFC 9457) of its own: 400 A malformed header (If-Match) or body; 403 the caller may read
    the plan but not do this (the maintainer acts; a plan goes only to the learner's responsible LA, LA
    looking after or a setting they attend): the problem type names the reason; 404 no such plan,
    version or element, or none this organisation may see (one answer); 409 the plan's state does not
    allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (None | str | Unset):
        review_due_before (datetime.date | None | Unset):
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            learner_id=learner_id,
            status=status,
            review_due_before=review_due_before,
            limit=limit,
            after=after,
        )
    ).parsed
