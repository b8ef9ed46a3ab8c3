"""Subject access (UK GDPR art. 15; issue 23, ADR 0023): everything held about one learner,
for their responsible LA (the controller) to review and release, in one signed ZIP.

The export is the learner's case as a Tribunal bundle holds it (``gateway.bundle``: every
event about them from every service, decrypted; the notices given; every issued plan's PDF;
the readable summary in Welsh and English) plus the access-audit rows about them
(``access-audit.jsonl``: requests that named the learner or one of their records). Only the
responsible LA may ask: the registry (the determination service) owns who that is, read as the
caller; the case is then read with the history rights of that LA's own auditor, whose
jurisdiction is that LA's learners, so nothing about another learner can be in it. Every export
is in the access audit, granted or refused.
"""

import dataclasses
from functools import partial
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Path, Request, Response
from fastapi.encoders import jsonable_encoder

from gateway import store
from gateway.audit_api import audited, history
from gateway.audit_bundle import case_bundle
from gateway.routing import authorise
from llwybr.access import denied
from llwybr.problem_types import raises
from llwybr.problems import NOT_FOUND_DETAIL

router = APIRouter(prefix="/v1", tags=["learners"])

#: The most access-audit rows read per record named (the learner, each of their records).
_ROWS_PER_RECORD = 1000

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": (
            "A ZIP of everything held about the learner: their events from every service "
            "(decrypted), the notices given, every issued IDP version's PDF, the access-audit "
            "rows about them (`access-audit.jsonl`) and a readable summary in Welsh and English "
            "(`timeline.pdf`), with a manifest of every file's SHA-256 signed by the gateway"
        ),
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    },
    403: {"description": "The caller is not the learner's responsible LA"},
    404: {"description": "No such learner, or one the caller may not see"},
}


@router.get(
    "/learners/{learner_id}/subject-access",
    summary="Everything held about a learner, for their responsible LA to release (a ZIP)",
    openapi_extra=raises(
        refusals={"not-responsible-la": "Only the learner's responsible LA exports their data."},
        problems={404: {"not-found": NOT_FOUND_DETAIL}},
    ),
    response_class=Response,
    responses=_RESPONSES,
)
async def subject_access(
    learner_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")],
    request: Request,
) -> Response:
    """A subject access export (UK GDPR Art. 15) of everything held about the learner: a ZIP
    of every event from every service (decrypted), the notices given, the plan PDFs, the
    evidence documents still readable (`documents/<sha256>`; after the erasure, named only), the
    access-audit rows about them and a summary in Welsh and English, with a signed manifest.
    Only the learner's responsible LA may export it, to review and release to the family;
    any other body is refused (404, or 403 `not-responsible-la` where it may see the learner),
    and every export is in the access audit."""
    claims = await authorise(request, "determinations:read")
    if isinstance(claims, Response):
        return claims

    async def export() -> Response:
        # Read as the caller: the one 404 for a learner it may not see.
        learner = await history(request, "determination", f"/v1/learners/{learner_id}")
        responsible = str(learner["responsible_authority"])
        if claims.organisation != responsible or not responsible.startswith("la:"):
            raise denied(
                "not-responsible-la", "only the learner's responsible LA exports their data"
            )
        la = responsible.partition(":")[2]
        # The LA's own auditor's history rights: its jurisdiction is this LA's learners.
        request.state.claims = dataclasses.replace(claims, organisation=f"auditor:{la}")

        async def about(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
            records = dict.fromkeys([learner_id, *(str(e["aggregate_id"]) for e in events)])
            engine = request.app.state.engine
            rows: dict[int, dict[str, Any]] = {}
            for record in records:
                found = await anyio.to_thread.run_sync(
                    partial(
                        store.find_access, engine, organisation=None, resource_id=record,
                        since=None, after=None, limit=_ROWS_PER_RECORD, jurisdiction=la,
                    )
                )  # fmt: skip
                rows.update((row["id"], row) for row in found)
            encoded: list[dict[str, Any]] = jsonable_encoder([rows[i] for i in sorted(rows)])
            return encoded

        try:
            return await case_bundle(request, learner_id, "llwybr-subject-access", about)
        finally:
            request.state.claims = claims  # the export is audited as the LA that asked

    return await audited(request, claims, export)
