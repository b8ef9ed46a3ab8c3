"""The Tribunal bundle through the public API (scope ``audit:read``): everything recorded about
a learner's case, the issued IDP versions as the IDP service renders them, and the names a lay
reader needs, each read from its owner as the calling auditor, in one signed ZIP
(``gateway.bundle``).
"""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Request, Response

from contracts.labels import Label
from gateway.audit_api import (
    NOT_FOUND,
    as_auditor,
    audited,
    history,
    learner_reports,
    whole_case,
)
from gateway.routing import authorise
from llwybr.problems import ProblemError

router = APIRouter(prefix="/v1", tags=["audit"])

_BUNDLE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            "A ZIP of the learner's events, each aggregate's state now and as in force on each "
            "day one of its events took effect, the notices given, the evidence documents' "
            "SHA-256, the integrity check, every issued IDP version's PDF, the case in plain "
            "language in Welsh and English (`timeline.json`, `timeline.pdf`: public event names "
            "and labels, the learner's and organisations' names), with a manifest of every "
            "file's SHA-256 and size (`manifest.json`) and the gateway's ES256 signature of it "
            "(`manifest.jws`, a detached JWS whose `kid` is in `/.well-known/jwks.json`)"
        ),
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    },
}


@router.get(
    "/audit/learners/{learner_id}/bundle",
    summary="A learner's whole case as a Tribunal bundle (a ZIP with a signed manifest of hashes)",
    openapi_extra=NOT_FOUND,
    response_class=Response,
    responses=_BUNDLE_RESPONSES,
)
async def learner_bundle(
    learner_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")],
    request: Request,
) -> Response:
    """A learner's whole case as a bundle for the Tribunal: a ZIP of the events, the notices,
    the evidence documents' hashes, the issued IDPs and a readable timeline (PDF), with a
    manifest of every file's SHA-256 signed with a key listed at `/.well-known/jwks.json`, so
    a copy can be checked without Llwybr. A learner with no event the caller may see is the
    one 404."""
    claims = await authorise(request, "audit:read")
    if isinstance(claims, Response):
        return claims

    async def bundle() -> Response:
        return await case_bundle(request, learner_id, "llwybr-bundle")

    return await audited(request, claims, bundle)


async def case_bundle(
    request: Request,
    learner_id: str,
    prefix: str,
    access: Callable[[list[dict[str, Any]]], Awaitable[list[dict[str, Any]]]] | None = None,
) -> Response:
    """The learner's case as a signed ZIP, read as the auditor in ``request.state.claims``;
    ``access`` (given the case's events) the access-audit rows to include (subject access)."""
    # Imported here so that fpdf2 loads when a bundle is made, not at every gateway start.
    from gateway.bundle import build_bundle
    from gateway.bundle.readable import Names, organisations_in, plan_version

    events = await whole_case(request, learner_id)
    # Checked as GET /v1/audit/verify?learner_id= checks them, in the same order.
    reports = await learner_reports(request, events)
    states: dict[str, dict[str, Any]] = {}
    for service, aggregate_id in dict.fromkeys((e["service"], e["aggregate_id"]) for e in events):
        path = f"/internal/history/aggregates/{aggregate_id}"
        now = await history(request, service, path)
        on_each_day = await history(request, service, f"{path}/in-force")
        states[f"{service}/{aggregate_id}"] = {
            "version": now["version"],
            "state": now["state"],
            "in_force": on_each_day["states"],
        }
    broken = [r for r in reports if not r["ok"]]
    verification = {
        "ok": not broken,
        "checked": reports,
        "first_broken": broken[0] if broken else None,
    }
    names = Names(
        learner=await _learner_name(request, learner_id),
        organisations={
            code: name
            for code in organisations_in(events)
            if (name := await _organisation_name(request, code)) is not None
        },
    )
    plans = {}
    for plan in dict.fromkeys(p for e in events if (p := plan_version(e)) is not None):
        path = f"/v1/idps/{plan[0]}/versions/{plan[1]}/pdf"
        plans[plan] = (await as_auditor(request, "idp", path)).content
    rows = None if access is None else await access(events)
    # a subject access export holds the evidence documents themselves (a Tribunal bundle
    # names them: the parties hold them)
    evidence = None if access is None else await _evidence(request, events)
    generated_at = datetime.now().astimezone()  # aware; the bundle records it in UTC
    sign = request.app.state.manifests.sign
    content = await anyio.to_thread.run_sync(
        lambda: build_bundle(
            learner_id, events, states, verification, generated_at, sign,
            names=names, plans=plans, access=rows, evidence=evidence,
        )
    )  # fmt: skip
    filename = f"{prefix}-{learner_id.replace(':', '_')}.zip"
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def _evidence(request: Request, events: list[dict[str, Any]]) -> dict[str, bytes]:
    """The bytes of each evidence document the events name, read as the auditor; one no
    longer readable (410: its learner's key destroyed, ADR 0023) is named only."""
    from gateway.bundle import named_documents

    found = {}
    for document in named_documents(events):
        path = f"/v1/documents/{document['sha256']}"
        try:
            found[document["sha256"]] = (await as_auditor(request, "determination", path)).content
        except ProblemError as error:
            if error.status != 410:
                raise
    return found


async def _learner_name(request: Request, learner_id: str) -> str | None:
    """The learner's name as the registry (the determination service) has it now."""
    try:
        learner = await history(request, "determination", f"/v1/learners/{learner_id}")
    except ProblemError as refused:
        if refused.status == 404:  # named by a case but not (yet) in the registry
            return None
        raise
    return f"{learner['given_name']} {learner['family_name']}".strip() or None


async def _organisation_name(request: Request, organisation: str) -> Label | None:
    """An organisation's name as it registered it for its notices (Welsh, English)."""
    try:
        found = await history(
            request, "notifications", f"/v1/contacts/organisations/{organisation}"
        )
    except ProblemError as refused:
        if refused.status in {404, 422}:  # none registered, or not an organisation's code
            return None
        raise
    return Label(found.get("name_cy") or found["name"], found["name"])
