"""Signing in and out of the console: the development sign-in (embedded mode) and OpenID
Connect through the LA's identity provider (``oidc``). Either way the session names the client
the console reads the API with: one the console holds credentials for, of the person's
organisation."""

import logging
import time

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.console.gateway_calls import calls_of
from gateway.console.oidc import OidcSignIn, Pending, SignInError
from gateway.console.session import Session, csrf_matches, current_session
from gateway.console.view import finish, problem_page, render

log = logging.getLogger(__name__)

router = APIRouter(prefix="/console", include_in_schema=False)
CALLBACK_PATH = "/console/sign-in/callback"


@router.get("/sign-in")
async def sign_in_page(request: Request) -> Response:
    session = current_session(request)
    listed = request.app.state.console_dev_sign_in
    organisations = sorted(calls_of(request).organisations.values(), key=lambda o: o.client_id)
    page = render(request, session, "sign_in.html",
                  organisations=organisations if listed else [],
                  oidc=request.app.state.console_oidc is not None)  # fmt: skip
    return await finish(request, session, page)


@router.post("/sign-in")
async def dev_sign_in(request: Request) -> Response:
    """The development sign-in: act for one of the development organisations."""
    session = current_session(request)
    form = await request.form()
    if not csrf_matches(session, _text(form.get("csrf"))):
        return await problem_page(request, session, 403, "expired", reason="csrf")
    dev = calls_of(request).organisations.get(_text(form.get("client_id")) or "")
    if dev is None or not request.app.state.console_dev_sign_in:
        return await problem_page(request, session, 400, "bad_request", reason="unknown-client")
    session = session.signed_in_as(dev.client_id, dev.organisation, int(time.time()))
    return await finish(request, session, RedirectResponse("/console/caseload", status_code=303))


@router.post("/sign-in/oidc")
async def oidc_start(request: Request) -> Response:
    """Off to the identity provider, with a PKCE challenge, a state and a nonce."""
    session = current_session(request)
    form = await request.form()
    oidc: OidcSignIn | None = request.app.state.console_oidc
    if not csrf_matches(session, _text(form.get("csrf"))):
        return await problem_page(request, session, 403, "expired", reason="csrf")
    if oidc is None:
        return await problem_page(request, session, 404, "not_found")
    try:
        url, pending = await oidc.start()
    except SignInError as error:
        log.warning("console sign-in: %s", error)
        return await problem_page(request, session, 503, "unavailable", reason="idp")
    waiting = session.awaiting((pending.state, pending.nonce, pending.verifier))
    return await finish(request, waiting, RedirectResponse(url, status_code=303))


@router.get("/sign-in/callback")
async def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
    """Back from the identity provider: the person's organisation must be one the console
    holds a client for, or no one is signed in."""
    session = current_session(request)
    oidc: OidcSignIn | None = request.app.state.console_oidc
    if oidc is None or session.pending is None or not code or not state:
        return await problem_page(request, session, 400, "bad_request", reason="oidc-callback")
    try:
        person = await oidc.finish(code, state, Pending(*session.pending))
    except SignInError as error:
        log.warning("console sign-in refused: %s", error)
        return await problem_page(request, session, 403, "forbidden", reason="oidc-refused")
    client = next(
        (c for c in calls_of(request).organisations.values()
         if c.organisation == person.organisation),
        None,
    )  # fmt: skip
    if client is None:
        return await problem_page(request, session, 403, "forbidden", reason="no-console-client")
    who = person.name or person.subject
    session = session.signed_in_as(client.client_id, client.organisation, int(time.time()),
                                   who, subject=person.subject)  # fmt: skip
    return await finish(request, session, RedirectResponse("/console/caseload", status_code=303))


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    session = current_session(request)
    form = await request.form()
    if not csrf_matches(session, _text(form.get("csrf"))):
        return await problem_page(request, session, 403, "expired", reason="csrf")
    anonymous = Session.new(int(time.time()))
    return await finish(request, anonymous, RedirectResponse("/console/sign-in", status_code=303))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
