"""The console's pages. Each reads through ``GatewayCalls`` as the signed-in organisation and
is written to the access audit (``view.finish``); nothing here decides who may see a record."""

import re
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from gateway.console.case_parts import disputes_of, learner_names, passed_through, plans_of
from gateway.console.gateway_calls import ApiError, calls_of
from gateway.console.session import Session, current_session
from gateway.console.timeline import draw
from gateway.console.view import finish, problem_page, render, signed_in_or_redirect
from gateway.console.words import LANGUAGE_COOKIE, LANGUAGES
from llwybr.edge import today_in_wales

router = APIRouter(prefix="/console", include_in_schema=False)

_LEARNER_ID = re.compile(r"^[0-9a-f-]{36}$")
_UPN = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")
FILTERS = ("all", "due", "overdue", "met")
#: "Due" on the caseload: open cases whose decision falls due within this many days.
DUE_WITHIN_DAYS = 7
#: The deadline states (as the services publish them) whose action is still owed.
OWED_STATES = ("open", "missed")
#: The determination statuses of a decision made.
DECIDED = ("decided_aln", "decided_no_aln")


@router.get("")
async def home(request: Request) -> Response:
    session = current_session(request)
    target = "/console/caseload" if session.signed_in else "/console/sign-in"
    return await finish(request, session, RedirectResponse(target, status_code=303))


@router.get("/language")
async def language(
    request: Request, lang: Annotated[str, Query()] = "cy", next: Annotated[str, Query()] = ""
) -> Response:
    """Switch language (a cookie), back to the page the switch was on."""
    session = current_session(request)
    target = next if next.startswith("/console") and "//" not in next else "/console"
    response = RedirectResponse(target, status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, lang, max_age=365 * 86400, path="/", samesite="lax", httponly=True
        )
    return await finish(request, session, response)


@router.get("/caseload")
async def caseload(request: Request, filter: str = "all") -> Response:
    session, redirect = signed_in_or_redirect(request)
    if redirect is not None:
        return await finish(request, session, redirect)
    if filter not in FILTERS:
        return await problem_page(request, session, 400, "bad_request", reason="bad-filter")
    calls, today = calls_of(request), today_in_wales()
    if filter == "due":
        rows = await calls.json(session, "/v1/determinations-due-soon",
                                within_days=DUE_WITHIN_DAYS, today=today.isoformat())  # fmt: skip
    elif filter == "overdue":
        page = await calls.json(session, "/v1/determinations",
                                overdue_on=today.isoformat(), limit=500)  # fmt: skip
        rows = page["items"]
    elif filter == "met":  # decided within its time limit, as the service recorded it
        rows = []
        for status in DECIDED:
            page = await calls.json(session, "/v1/determinations", status=status, limit=500)
            rows += [r for r in page["items"] if r.get("within_time")]
    else:
        rows = (await calls.json(session, "/v1/determinations", limit=500))["items"]
    names = await learner_names(calls, session, rows)
    view = render(request, session, "caseload.html", rows=rows, filter=filter, filters=FILTERS,
                  names=names)  # fmt: skip
    return await finish(request, session, view)


@router.get("/find")
async def find(request: Request, upn: str = "") -> Response:
    session, redirect = signed_in_or_redirect(request)
    if redirect is not None:
        return await finish(request, session, redirect)
    upn = upn.strip().upper()
    if not upn:
        return await finish(request, session, render(request, session, "find.html", upn=""))
    if not _UPN.match(upn):
        page = render(request, session, "find.html", upn=upn, invalid=True, status_code=400)
        return await finish(request, session, page, reason="bad-upn")
    try:
        learner = await calls_of(request).json(session, f"/v1/learners/by-upn/{upn}")
    except ApiError as error:
        return await problem_page(request, session, error.status, "not_found")
    target = f"/console/learners/{learner['learner_id']}"
    return await finish(request, session, RedirectResponse(target, status_code=303))


async def _learner(
    request: Request, learner_id: str
) -> tuple[Session, Response | None, dict[str, Any]]:
    """The signed-in session, an answer to give instead (redirect, 404), and the learner."""
    session, redirect = signed_in_or_redirect(request)
    if redirect is not None:
        return session, await finish(request, session, redirect), {}
    if not _LEARNER_ID.match(learner_id):
        return session, await problem_page(request, session, 404, "not_found"), {}
    try:
        learner = await calls_of(request).json(session, f"/v1/learners/{learner_id}")
    except ApiError as error:
        answer = await problem_page(
            request, session, error.status, "not_found", resource_id=learner_id
        )
        return session, answer, {}
    return session, None, learner


@router.get("/learners/{learner_id}")
async def learner_case(request: Request, learner_id: str) -> Response:
    session, answer, learner = await _learner(request, learner_id)
    if answer is not None:
        return answer
    calls = calls_of(request)
    page = await calls.json(session, "/v1/determinations", limit=500)
    cases = []
    for row in (r for r in page["items"] if r["learner_id"] == learner_id):
        case = await calls.json(session, f"/v1/determinations/{row['determination_id']}")
        cases.append({"case": case, "next": next_deadline(case)})
    try:
        notices = (await calls.json(session, "/v1/notices", learner_id=learner_id))["items"]
    except ApiError:
        notices = None  # not every organisation reads notices: the page says nothing of them
    plans, disputes = (
        await plans_of(calls, session, learner_id),
        await disputes_of(calls, session, learner),
    )
    view = render(request, session, "learner.html", learner=learner, cases=cases,
                  notices=notices, plans=plans, disputes=disputes)  # fmt: skip
    return await finish(request, session, view, resource_id=learner_id,
                        jurisdiction=jurisdiction_of(learner))  # fmt: skip


def next_deadline(case: dict[str, Any]) -> dict[str, Any] | None:
    """The next action: the soonest deadline still owed (running, or missed and not yet met)
    as the service published it, and who owes it (the deciding body the service names).
    Read, never recomputed."""
    owed = [(n, d) for n, d in case.get("deadlines", {}).items() if d.get("state") in OWED_STATES]
    if not owed:
        return None
    name, deadline = min(owed, key=lambda nd: nd[1]["due_on"])
    body = case.get("deciding_body") or {}
    return {"name": name, "deadline": deadline, "owed_by": body.get("organisation")}


@router.get("/learners/{learner_id}/timeline")
async def learner_timeline(
    request: Request,
    learner_id: str,
    as_of: str = "",
    day: Annotated[int | None, Query(ge=0, le=36_500)] = None,  # the slider: days from the first
) -> Response:
    session, answer, learner = await _learner(request, learner_id)
    if answer is not None:
        return answer
    calls = calls_of(request)
    try:
        history = f"/v1/audit/learners/{learner_id}/timeline"
        timeline = await calls.json(session, history, limit=1000)
        verification = await calls.json(session, "/v1/audit/verify", learner_id=learner_id)
    except ApiError as error:
        return await problem_page(request, session, error.status, "audit_only",
                                  resource_id=learner_id, reason="insufficient-scope")  # fmt: skip
    try:
        chosen = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        return await problem_page(request, session, 400, "bad_request", reason="bad-as-of")
    drawing = draw(timeline["items"], chosen, today_in_wales())
    if day is not None and chosen is None:
        drawing = draw(timeline["items"], drawing.first + timedelta(days=day), today_in_wales())
    view = render(request, session, "timeline.html", learner=learner, drawing=drawing,
                  verification=verification)  # fmt: skip
    return await finish(request, session, view, resource_id=learner_id,
                        jurisdiction=jurisdiction_of(learner))  # fmt: skip


@router.get("/learners/{learner_id}/bundle")
async def learner_bundle(request: Request, learner_id: str) -> Response:
    session, answer, learner = await _learner(request, learner_id)
    if answer is not None:
        return answer
    upstream = await calls_of(request).get(session, f"/v1/audit/learners/{learner_id}/bundle")
    if upstream.status_code != 200:
        return await problem_page(request, session, upstream.status_code, "audit_only",
                                  resource_id=learner_id)  # fmt: skip
    bundle = passed_through(upstream)
    return await finish(request, session, bundle, resource_id=learner_id,
                        jurisdiction=jurisdiction_of(learner))  # fmt: skip


def jurisdiction_of(learner: dict[str, Any]) -> frozenset[str]:
    """The LAs whose auditors see this page view: the learner's, as the registry names them."""
    las = (learner.get("responsible_authority"), learner.get("looking_after_authority"))
    return frozenset(la.partition(":")[2] for la in las if la)
