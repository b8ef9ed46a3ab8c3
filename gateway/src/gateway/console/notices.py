"""The console's one write (issue 22): an officer records that an escalated notice was given by
hand or by post. The notices service decides the day it counts as given (a posted notice: the
second working day after) and publishes it (ADR 0017); the console only passes on what the
officer saw happen, through the public route an API client uses."""

import re
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.console.gateway_calls import ApiError, calls_of
from gateway.console.pages import jurisdiction_of
from gateway.console.session import csrf_matches
from gateway.console.view import finish, problem_page, signed_in_or_redirect

router = APIRouter(prefix="/console", include_in_schema=False)

_NOTICE_ID = re.compile(r"^[0-9a-f-]{36}$")
CHANNELS = ("hand", "post")


@router.post("/notices/{notice_id}/given-outside")
async def given_outside(request: Request, notice_id: str) -> Response:
    """Pass the channel and the day on to ``POST /v1/notices/{id}/given-outside``; back to the
    case page, where the notice now shows the day the service says it counts as given."""
    session, redirect = signed_in_or_redirect(request)
    if redirect is not None:
        return await finish(request, session, redirect)
    form = await request.form()
    submitted = form.get("csrf")
    if not csrf_matches(session, submitted if isinstance(submitted, str) else None):
        return await problem_page(request, session, 403, "expired", reason="csrf")
    if not _NOTICE_ID.match(notice_id):
        return await problem_page(request, session, 404, "not_found")
    channel, on = form.get("channel"), form.get("on")
    try:
        day = date.fromisoformat(on) if isinstance(on, str) else None
    except ValueError:
        day = None
    if channel not in CHANNELS or day is None:
        return await problem_page(request, session, 400, "given_outside_invalid",
                                  reason="bad-form", resource_id=notice_id)  # fmt: skip
    calls = calls_of(request)
    answer = await calls.post(session, f"/v1/notices/{notice_id}/given-outside",
                              {"channel": channel, "on": day.isoformat()})  # fmt: skip
    if answer.status_code != 200:
        return await problem_page(request, session, answer.status_code, "given_outside_refused",
                                  resource_id=notice_id)  # fmt: skip
    learner_id = str(answer.json()["learner_id"])
    try:
        learner = await calls.json(session, f"/v1/learners/{learner_id}")
    except ApiError:
        learner = {}
    target = f"/console/learners/{learner_id}#notice-{notice_id}"
    return await finish(request, session, RedirectResponse(target, status_code=303),
                        resource_id=learner_id, jurisdiction=jurisdiction_of(learner))  # fmt: skip
