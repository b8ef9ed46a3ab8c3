"""``POST /v1/notices/bounces``: bounces forwarded over HTTP, for mail providers that receive
the bounce domain's mail and pass each message on as it came (``Content-Type:
message/rfc822``), instead of relaying it to the bounce listener by SMTP. The same checks and
records as the listener."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from llwybr.access import not_found
from llwybr.blocking import run_blocking
from llwybr.edge import CallerDep, Line, responses
from llwybr.problem_types import raises
from llwybr.problems import ProblemError
from notifications.dependencies import EngineDep, SettingsDep
from notifications.notices import bounces, dsn, verp
from notifications.notices.api.schemas import BounceReceipt
from notifications.notices.transport import NOTICE_HEADER

RFC822 = "message/rfc822"

router = APIRouter(
    tags=["notices"],
    responses=responses(
        s403="Only the platform's system clients forward bounces",
        s404="Not addressed to a bounce address of a notice here",
        s409="Bounces are not configured on this service",
        s415="The body is not message/rfc822",
    ),
)


@router.post(
    "/v1/notices/bounces",
    summary="Forward a bounce (delivery report) received for a notice",
    openapi_extra={
        **raises(
            problems={
                403: {"forbidden": "Only system clients forward bounces."},
                409: {"bounces-off": "Bounce handling is not configured."},
                413: {"too-large": "The message is larger than the limit."},
                415: {"media-type": f"Send the message as {RFC822}."},
            }
        ),
        "requestBody": {
            "required": True,
            "content": {RFC822: {"schema": {"type": "string", "format": "binary"}}},
        },
    },
)
async def forward_bounce(
    request: Request,
    principal: CallerDep,
    engine: EngineDep,
    settings: SettingsDep,
    to: Annotated[
        Line | None,
        Query(
            max_length=320,
            description="The envelope recipient (the notice's bounce address); by default the "
            "first bounce address in Delivered-To, X-Original-To or To",
        ),
    ] = None,
) -> BounceReceipt:
    """Stores the report against the notice its bounce address names, exactly as the SMTP
    listener does: a permanent bounce of a given notice makes it bounced and escalates it once
    (ADR 0014). A report forwarded twice is recorded once."""
    if principal.kind != "system":
        raise ProblemError(
            403, "Forbidden", "only system clients forward bounces", kind="forbidden"
        )
    b = settings.bounces
    if b.domain is None:
        raise ProblemError(
            409, "Conflict", "NOTIFICATIONS_BOUNCES_DOMAIN is not set", kind="bounces-off"
        )
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != RFC822:
        raise ProblemError(
            415, "Unsupported Media Type", f"send the message as {RFC822}", kind="media-type"
        )
    raw = await request.body()
    if len(raw) > b.max_message_bytes:
        raise ProblemError(
            413,
            "Content Too Large",
            f"a report is at most {b.max_message_bytes} bytes (the SMTP listener's limit)",
            kind="too-large",
        )
    report = dsn.parse(raw, NOTICE_HEADER)
    candidates = (to,) if to is not None else report.addressed_to
    named = (verp.notice_of(a, b.local_part, b.domain, b.keys()) for a in candidates)
    notice_id = next((n for n in named if n is not None), None)
    if notice_id is None or not await run_blocking(bounces.known, engine, notice_id):
        raise not_found()  # not addressed to a bounce address of a notice here
    recorded = await run_blocking(bounces.receive, engine, notice_id, report, raw, "")
    return BounceReceipt(notice_id=notice_id, bounce=report.bounce.value, recorded=recorded)
