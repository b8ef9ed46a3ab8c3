from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_notices_report_type_0 import ListNoticesReportType0
from ...models.list_notices_status_type_0 import ListNoticesStatusType0
from ...models.notice_kind import NoticeKind
from ...models.notice_page import NoticePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    learner_id: None | str | Unset = UNSET,
    status: ListNoticesStatusType0 | None | Unset = UNSET,
    kind: None | NoticeKind | Unset = UNSET,
    report: ListNoticesReportType0 | None | Unset = UNSET,
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
    elif isinstance(status, ListNoticesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, NoticeKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_report: None | str | Unset
    if isinstance(report, Unset):
        json_report = UNSET
    elif isinstance(report, ListNoticesReportType0):
        json_report = report.value
    else:
        json_report = report
    params["report"] = json_report

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
        "url": "/v1/notices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NoticePage | Problem | None:
    if response.status_code == 200:
        response_200 = NoticePage.from_dict(response.json())

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
) -> Response[NoticePage | Problem]:
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
    status: ListNoticesStatusType0 | None | Unset = UNSET,
    kind: None | NoticeKind | Unset = UNSET,
    report: ListNoticesReportType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[NoticePage | Problem]:
    """Notices given, pending or escalated, by page

     ``status=escalated`` lists the notices that could not be delivered and
    ``status=bounced`` those that bounced after they were sent: both wait for a person to act
    (correct a contact, give the notice another way). ``report=unparsed`` lists notices whose
    bounce address received a message that is not a delivery report, for a person to read.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (ListNoticesStatusType0 | None | Unset):
        kind (None | NoticeKind | Unset):
        report (ListNoticesReportType0 | None | Unset): Only notices with a delivery report
            (bounce) of this kind
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticePage | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        status=status,
        kind=kind,
        report=report,
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
    status: ListNoticesStatusType0 | None | Unset = UNSET,
    kind: None | NoticeKind | Unset = UNSET,
    report: ListNoticesReportType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> NoticePage | Problem | None:
    """Notices given, pending or escalated, by page

     ``status=escalated`` lists the notices that could not be delivered and
    ``status=bounced`` those that bounced after they were sent: both wait for a person to act
    (correct a contact, give the notice another way). ``report=unparsed`` lists notices whose
    bounce address received a message that is not a delivery report, for a person to read.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (ListNoticesStatusType0 | None | Unset):
        kind (None | NoticeKind | Unset):
        report (ListNoticesReportType0 | None | Unset): Only notices with a delivery report
            (bounce) of this kind
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticePage | Problem
    """

    return sync_detailed(
        client=client,
        learner_id=learner_id,
        status=status,
        kind=kind,
        report=report,
        limit=limit,
        after=after,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    status: ListNoticesStatusType0 | None | Unset = UNSET,
    kind: None | NoticeKind | Unset = UNSET,
    report: ListNoticesReportType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> Response[NoticePage | Problem]:
    """Notices given, pending or escalated, by page

     ``status=escalated`` lists the notices that could not be delivered and
    ``status=bounced`` those that bounced after they were sent: both wait for a person to act
    (correct a contact, give the notice another way). ``report=unparsed`` lists notices whose
    bounce address received a message that is not a delivery report, for a person to read.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (ListNoticesStatusType0 | None | Unset):
        kind (None | NoticeKind | Unset):
        report (ListNoticesReportType0 | None | Unset): Only notices with a delivery report
            (bounce) of this kind
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NoticePage | Problem]
    """

    kwargs = _get_kwargs(
        learner_id=learner_id,
        status=status,
        kind=kind,
        report=report,
        limit=limit,
        after=after,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    learner_id: None | str | Unset = UNSET,
    status: ListNoticesStatusType0 | None | Unset = UNSET,
    kind: None | NoticeKind | Unset = UNSET,
    report: ListNoticesReportType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    after: None | str | Unset = UNSET,
) -> NoticePage | Problem | None:
    """Notices given, pending or escalated, by page

     ``status=escalated`` lists the notices that could not be delivered and
    ``status=bounced`` those that bounced after they were sent: both wait for a person to act
    (correct a contact, give the notice another way). ``report=unparsed`` lists notices whose
    bounce address received a message that is not a delivery report, for a person to read.

    Needs the scope `notices:read` (given to the clients of schools, FEIs, LAs, health boards, NHS
    trusts, the Tribunal and auditors). By page: up to `limit` items; pass `next_after` as `after` for
    the next. Problems (RFC 9457) of its own: 400 A malformed header (If-Match); 403 this organisation
    may not do this; 404 no such learner, organisation or notice for this caller; 409 the notice's state
    does not allow it; 412 If-Match names a version that is no longer current; 422 validation failed.

    Args:
        learner_id (None | str | Unset):
        status (ListNoticesStatusType0 | None | Unset):
        kind (None | NoticeKind | Unset):
        report (ListNoticesReportType0 | None | Unset): Only notices with a delivery report
            (bounce) of this kind
        limit (int | Unset):  Default: 50.
        after (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NoticePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            learner_id=learner_id,
            status=status,
            kind=kind,
            report=report,
            limit=limit,
            after=after,
        )
    ).parsed
