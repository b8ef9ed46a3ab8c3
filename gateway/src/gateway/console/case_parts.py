"""The case page's plans and disputes, as the IDP and disputes services answer them: each
plan's issued versions (with their PDFs, passed through from ``/v1``), and the learner's open
reconsiderations and appeals with their deadlines. Read, never recomputed."""

import asyncio
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.console.gateway_calls import ApiError, GatewayCalls, calls_of
from gateway.console.session import Session
from gateway.console.view import finish, problem_page, signed_in_or_redirect

router = APIRouter(prefix="/console", include_in_schema=False)

_ID = re.compile(r"^[0-9a-f-]{36}$")
#: The plans and versions a case page lists (a learner has one plan, rarely a few versions).
MAX_PLANS, MAX_VERSIONS = 10, 50
#: The learners a caseload names (one registry read each); those after it show their id.
NAMES_ON_A_PAGE = 100
#: In-process reads at once for the names (the machine is small; the API rate-limits too).
_AT_ONCE = 8
#: Where each kind of dispute is read from, by the disputes service's ``case_type``.
DISPUTE_PATHS = {"reconsideration": "/v1/reconsiderations", "appeal": "/v1/appeals"}


async def plans_of(
    calls: GatewayCalls, session: Session, learner_id: str
) -> list[dict[str, Any]] | None:
    """The learner's plans the organisation may read, each with its issued versions (number
    and the day issued, as frozen); ``None`` when it reads no plans at all."""
    try:
        page = await calls.json(session, "/v1/idps", learner_id=learner_id, limit=MAX_PLANS)
    except ApiError:
        return None
    plans = []
    for item in page["items"]:
        plan = await calls.json(session, f"/v1/idps/{item['idp_id']}")
        count = min(int(plan.get("current_plan_version") or 0), MAX_VERSIONS)
        versions = []
        for number in range(1, count + 1):
            version = await calls.json(session, f"/v1/idps/{plan['id']}/versions/{number}")
            versions.append({"number": number, "issued_on": version.get("issued_on")})
        provision = await provision_of(calls, session, plan["id"]) if versions else None
        plans.append({"plan": plan, "versions": versions, "provision": provision})
    return plans


async def provision_of(calls: GatewayCalls, session: Session, idp_id: str) -> dict[str, Any] | None:
    """The plan's provision planned against delivered, per ALP element, as the IDP service
    counts and judges it today (``/v1/idps/{id}/provision``): the console shows its figures
    and shortfalls, it never counts them; ``None`` when the service gives none."""
    try:
        provision: dict[str, Any] = await calls.json(session, f"/v1/idps/{idp_id}/provision")
    except ApiError:
        return None
    return provision


async def disputes_of(
    calls: GatewayCalls, session: Session, learner: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """The learner's disputes, open and ended, as the disputes service lists them for the
    organisation (``/v1/disputes?learner_id=``, under its access policy), with each
    reconsideration's and appeal's deadlines as the service publishes them; ``None`` when the
    organisation reads no disputes."""
    try:
        rows = await calls.json(session, "/v1/disputes", learner_id=learner["learner_id"])
    except ApiError:
        return None
    disputes = []
    for row in rows:
        path = DISPUTE_PATHS.get(str(row.get("case_type")))
        detail = await calls.json(session, f"{path}/{row['case_id']}") if path else {}
        disputes.append({"row": row, "deadlines": detail.get("deadlines") or {}})
    return disputes


async def learner_names(
    calls: GatewayCalls, session: Session, rows: list[dict[str, Any]]
) -> dict[str, str]:
    """The learners' names as the registry gives them (``/v1/learners/{id}``), by learner id,
    for the first ``NAMES_ON_A_PAGE`` learners of a list; none for a learner whose personal
    data was erased or whom the organisation may not read (the page shows the id)."""
    ids = list(dict.fromkeys(str(r["learner_id"]) for r in rows))[:NAMES_ON_A_PAGE]
    gate = asyncio.Semaphore(_AT_ONCE)

    async def name(learner_id: str) -> tuple[str, str]:
        async with gate:
            try:
                learner = await calls.json(session, f"/v1/learners/{learner_id}")
            except ApiError:
                return learner_id, ""
        parts = (learner.get("given_name"), learner.get("family_name"))
        return learner_id, " ".join(p for p in parts if p)

    return {i: n for i, n in await asyncio.gather(*(name(i) for i in ids)) if n}


@router.get("/learners/{learner_id}/plans/{idp_id}/versions/{number}/pdf")
async def plan_pdf(request: Request, learner_id: str, idp_id: str, number: int) -> Response:
    """An issued version's PDF, passed through from ``/v1`` (the IDP service renders it)."""
    session, redirect = signed_in_or_redirect(request)
    if redirect is not None:
        return await finish(request, session, redirect)
    if not (_ID.match(learner_id) and _ID.match(idp_id)) or not 1 <= number <= MAX_VERSIONS:
        return await problem_page(request, session, 404, "not_found")
    path = f"/v1/idps/{idp_id}/versions/{number}/pdf"
    upstream = await calls_of(request).get(session, path)
    if upstream.status_code != 200:
        return await problem_page(request, session, upstream.status_code, "not_found",
                                  resource_id=learner_id)  # fmt: skip
    return await finish(request, session, passed_through(upstream), resource_id=learner_id)


def passed_through(upstream: Any) -> Response:
    """A file from ``/v1`` (a PDF, a bundle) as the browser should get it."""
    headers = {
        h: v for h in ("content-type", "content-disposition") if (v := upstream.headers.get(h))
    }
    return Response(upstream.content, headers=headers)
