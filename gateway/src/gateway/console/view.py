"""Rendering a console page, and writing every page view to the access audit."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from gateway import store
from gateway.audit_log import AccessLog
from gateway.console.session import Session, current_session, store_session
from gateway.console.words import explained, language_of, terms_in, words_in

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
_REASONS = {401: "unauthenticated", 403: "forbidden", 404: "not-found"}


def render(
    request: Request, session: Session, template: str, *, status_code: int = 200, **context: Any
) -> Response:
    """A page in the person's language (autoescaped: every value is the API's, not HTML)."""
    language = language_of(request)
    query = request.url.query
    here = request.url.path + (f"?{query}" if query else "")
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "w": words_in(language),
            "lang": language,
            "session": session,
            "here": here,
            "t": terms_in(language),
            "explain": lambda deadline: explained(deadline, language),
            **context,
        },
        status_code=status_code,
        headers={"Cache-Control": "no-store", "Content-Language": language},
    )


def signed_in_or_redirect(request: Request) -> tuple[Session, Response | None]:
    session = current_session(request)
    if session.signed_in:
        return session, None
    return session, RedirectResponse("/console/sign-in", status_code=303)


async def problem_page(
    request: Request,
    session: Session,
    status: int,
    message: str,
    *,
    reason: str | None = None,
    resource_id: str | None = None,
) -> Response:
    """An error page (the one 404 whatever the cause: it says nothing of what exists)."""
    status = 400 if status == 422 else status if status in (400, 403, 404, 409) else 503
    title = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict"}.get(
        status, "unavailable"
    )
    if status == 404:
        message = "not_found_detail"
    page = render(request, session, "problem.html", status_code=status, title=title,
                  message=message)  # fmt: skip
    return await finish(request, session, page, reason=reason, resource_id=resource_id)


async def finish(
    request: Request,
    session: Session,
    response: Response,
    *,
    reason: str | None = None,
    resource_id: str | None = None,
    jurisdiction: frozenset[str] = frozenset(),
) -> Response:
    """Store the session cookie and write the page view to the access audit (who: the
    organisation's console client and the person's subject; which page, which learner, how
    it ended), as the API's routes write each request."""
    store_session(request, response, session)
    status = response.status_code
    reason = reason or _REASONS.get(status) if status >= 400 else None
    outcome = "denied" if reason else ("granted" if status < 400 else "failed")
    record = store.AccessRecord(
        request_id=request.state.request_id,
        client_id=session.client_id,
        organisation=session.organisation,
        method=request.method,
        path=request.url.path,
        resource_id=resource_id,
        outcome=outcome,
        status=status,
        reason=reason,
        jurisdiction=jurisdiction,
        person=session.subject or None,  # the subject only: no name in the audit
    )
    access_log: AccessLog = request.app.state.access_log
    await access_log.write(record)
    return response
