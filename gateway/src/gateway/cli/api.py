"""The public API calls ``llwybr-audit`` makes: one small function per call, each taking an
``httpx.Client`` (holding an access token, but for ``fetch_token``)."""

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

PAGE = 1000


class ApiError(Exception):
    """The API answered with a problem, or could not be reached."""


def _answer(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        try:
            problem = response.json()
            reason = f"{problem.get('title', '')}: {problem.get('detail', '')}".strip(": ")
        except ValueError:
            reason = response.text[:300]
        method, path = response.request.method, response.request.url.path
        raise ApiError(f"{method} {path} answered {response.status_code} {reason}")
    return response.json()


def _segment(value: str) -> str:
    """``value`` as one path segment (a "/" in it cannot reach another route)."""
    return quote(value, safe="")


def fetch_token(client: httpx.Client, client_id: str, client_secret: str) -> str:
    """An access token for the client (OAuth 2.0 client credentials)."""
    response = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(client_id, client_secret),
    )
    token: str = _answer(response)["access_token"]
    return token


def fetch_timeline(
    client: httpx.Client, learner_id: str, on_page: Callable[[int], None] | None = None
) -> list[dict[str, Any]]:
    """Every event about the learner, in recorded order (all pages); ``on_page`` is told how
    many events each page brought."""
    events: list[dict[str, Any]] = []
    after: int | None = 0
    while after is not None:
        page = _answer(
            client.get(
                f"/v1/audit/learners/{_segment(learner_id)}/timeline",
                params={"after": after, "limit": PAGE},
            )
        )
        events.extend(page["items"])
        if on_page is not None:
            on_page(len(page["items"]))
        after = page["next_after"]
    return events


def fetch_state(
    client: httpx.Client,
    service: str,
    aggregate_id: str,
    as_of: datetime | None = None,
    in_force_on: date | None = None,
) -> dict[str, Any]:
    """An aggregate's events, version and state, as recorded by ``as_of`` (else now) and, with
    ``in_force_on``, as in force on that day."""
    params: dict[str, str] = {}
    if as_of is not None:
        params["as_of_recorded"] = as_of.isoformat()
    if in_force_on is not None:
        params["in_force_on"] = in_force_on.isoformat()
    found: dict[str, Any] = _answer(
        client.get(
            f"/v1/audit/{_segment(service)}/aggregates/{_segment(aggregate_id)}", params=params
        )
    )
    return found


def fetch_verification(
    client: httpx.Client, *, learner_id: str | None = None, service: str | None = None
) -> dict[str, Any]:
    """The integrity check of a learner's case, of one service, or (neither) of everything."""
    params = {k: v for k, v in {"learner_id": learner_id, "service": service}.items() if v}
    result: dict[str, Any] = _answer(client.get("/v1/audit/verify", params=params))
    return result


def download_bundle(
    client: httpx.Client,
    learner_id: str,
    out: Path,
    on_bytes: Callable[[int, int | None], None] | None = None,
) -> int:
    """Write the learner's bundle to ``out`` (whole or not at all); returns its size.
    ``on_bytes`` is told each chunk's size and the expected total, when known."""
    partial = out.with_name(out.name + ".part")
    size = 0
    with client.stream("GET", f"/v1/audit/learners/{_segment(learner_id)}/bundle") as response:
        if response.status_code >= 400:
            response.read()
            _answer(response)
        length = response.headers.get("content-length")
        total = int(length) if length and length.isdigit() else None
        try:
            with partial.open("wb") as file:
                for chunk in response.iter_bytes():
                    file.write(chunk)
                    size += len(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk), total)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    return size


def fetch_jwks(client: httpx.Client, url: str = "/.well-known/jwks.json") -> dict[str, Any]:
    """The gateway's published keys (no token needed): a path on ``client``'s API, or a URL."""
    keys: dict[str, Any] = _answer(client.get(url))
    return keys


def find_learner_by_upn(client: httpx.Client, upn: str) -> str:
    """The registry's ``learner_id`` of the learner with this UPN (the one 404 for a UPN no
    one holds or a learner the caller may not read)."""
    found = _answer(client.get(f"/v1/learners/by-upn/{_segment(upn.strip().upper())}"))
    learner_id: str = found["learner_id"]
    return learner_id
