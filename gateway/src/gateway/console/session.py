"""The console's sessions: a signed cookie (HS256 JWS) holding who signed in and the CSRF token.

Nothing secret is kept in the cookie (no access token): the organisation and client the person
acts as, a CSRF token and an expiry. The signing key is derived from the internal secret, which
every gateway replica shares, so a session works whichever replica answers.
"""

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, replace
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "llwybr_console"
#: A session lasts a working day; signing in again starts a new one.
LIFETIME_SECONDS = 8 * 3600
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True)
class Session:
    """One browser's session: anonymous (only a CSRF token) until someone signs in."""

    csrf: str
    expires_at: int
    client_id: str | None = None
    organisation: str | None = None
    #: Who signed in, as their identity provider names them (empty for the dev sign-in):
    #: shown on the page, kept in the cookie only.
    person: str = ""
    #: Their subject at the identity provider (``sub``): what the access audit records.
    subject: str = ""
    #: An identity provider sign-in under way: (state, nonce, PKCE verifier).
    pending: tuple[str, str, str] | None = None

    @property
    def signed_in(self) -> bool:
        return self.client_id is not None and self.organisation is not None

    @classmethod
    def new(cls, now: int) -> "Session":
        return cls(csrf=secrets.token_urlsafe(24), expires_at=now + LIFETIME_SECONDS)

    def signed_in_as(
        self, client_id: str, organisation: str, now: int, person: str = "", subject: str = ""
    ) -> "Session":
        """A fresh session (new CSRF token: no fixation across the sign-in)."""
        fresh = Session.new(now)
        return replace(
            fresh, client_id=client_id, organisation=organisation, person=person, subject=subject
        )

    def awaiting(self, pending: tuple[str, str, str]) -> "Session":
        return replace(self, pending=pending)


class SessionCodec:
    """Signs sessions into cookie values and reads them back (refusing forged or expired)."""

    def __init__(self, secret: bytes) -> None:
        derived = hmac.new(secret, b"llwybr console session v1", hashlib.sha256).digest()
        self._key = OctKey.import_key(derived)

    def encode(self, session: Session) -> str:
        claims: dict[str, Any] = {"csrf": session.csrf, "exp": session.expires_at}
        if session.signed_in:
            claims.update(
                cid=session.client_id, org=session.organisation, who=session.person,
                sub=session.subject,
            )  # fmt: skip
        if session.pending is not None:
            claims["pkce"] = list(session.pending)
        return jwt.encode({"alg": "HS256"}, claims, self._key)

    def decode(self, value: str, now: int) -> Session | None:
        try:
            claims = jwt.decode(value, self._key, algorithms=["HS256"]).claims
        except (JoseError, ValueError):
            return None
        expires_at, csrf = claims.get("exp"), claims.get("csrf")
        if not isinstance(expires_at, int) or not isinstance(csrf, str) or expires_at <= now:
            return None
        client_id, organisation = claims.get("cid"), claims.get("org")
        if not (isinstance(client_id, str) and isinstance(organisation, str)):
            client_id = organisation = None
        person = claims.get("who") if isinstance(claims.get("who"), str) else ""
        subject = claims.get("sub") if isinstance(claims.get("sub"), str) else ""
        pkce = claims.get("pkce")
        pending = None
        if isinstance(pkce, list) and len(pkce) == 3 and all(isinstance(p, str) for p in pkce):
            pending = (pkce[0], pkce[1], pkce[2])
        return Session(
            csrf, expires_at, client_id, organisation, str(person), str(subject), pending
        )


def current_session(request: Request) -> Session:
    """The request's session, or a new anonymous one (stored by ``store_session``)."""
    codec: SessionCodec = request.app.state.console_sessions
    now = int(time.time())
    value = request.cookies.get(COOKIE)
    session = codec.decode(value, now) if value else None
    return session or Session.new(now)


def store_session(request: Request, response: Response, session: Session) -> None:
    """Set the cookie: HttpOnly, SameSite=Lax, and Secure unless served on loopback."""
    codec: SessionCodec = request.app.state.console_sessions
    response.set_cookie(
        COOKIE,
        codec.encode(session),
        max_age=max(0, session.expires_at - int(time.time())),
        path="/console",
        httponly=True,
        samesite="lax",
        secure=request.url.hostname not in _LOOPBACK,
    )


def csrf_matches(session: Session, submitted: str | None) -> bool:
    return submitted is not None and hmac.compare_digest(session.csrf, submitted)
