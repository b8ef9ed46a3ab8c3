"""An LA's statistics page: decisions made in time and late, and cases still open, as the
determination service counts them (``/v1/statistics/local-authorities/{la}``), drawn as bars."""

import re
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.console.gateway_calls import ApiError, calls_of
from gateway.console.view import finish, problem_page, render, signed_in_or_redirect

router = APIRouter(prefix="/console", include_in_schema=False)

_LA = re.compile(r"^\d{3}$")
BAR_WIDTH = 440


@dataclass(frozen=True)
class Bar:
    key: str  # the word for it
    count: int
    width: float
    y: int


def bars(figures: dict[str, Any]) -> list[Bar]:
    """Three bars on one scale: decided within time, decided late, open."""
    decided = int(figures.get("decisions") or 0)
    in_time = int(figures.get("decisions_within_time") or 0)
    counts = [("in_time", in_time), ("late", decided - in_time),
              ("still_open", int(figures.get("open_cases") or 0))]  # fmt: skip
    largest = max([c for _, c in counts] + [1])
    return [
        Bar(key, count, round(BAR_WIDTH * count / largest, 1), 10 + i * 44)
        for i, (key, count) in enumerate(counts)
    ]


@dataclass(frozen=True)
class Row:
    """One group of decisions (a month, an outcome): in time and late, stacked on one bar."""

    label: str  # a month (2026-03) or the word key of an outcome
    in_time: int
    late: int
    in_time_width: float
    late_width: float
    y: int


def breakdown(groups: list[dict[str, Any]], name: str) -> list[Row]:
    """Rows of a breakdown the determination service answers (``by_month``, ``by_outcome``),
    all on one scale; in time is the service's count, never judged here again."""
    counts = [
        (str(g.get(name)), int(g.get("decisions_within_time") or 0), int(g.get("decisions") or 0))
        for g in groups
    ]
    largest = max([total for *_, total in counts] + [1])
    scale = BAR_WIDTH / largest
    return [
        Row(label, in_time, total - in_time, round(scale * in_time, 1),
            round(scale * (total - in_time), 1), 10 + i * 44)
        for i, (label, in_time, total) in enumerate(counts)
    ]  # fmt: skip


def own_authority(organisation: str | None) -> str | None:
    """The LA number an LA's or an LA auditor's organisation names (``la:665``)."""
    kind, _, ident = (organisation or "").partition(":")
    return ident if kind in ("la", "auditor") and _LA.match(ident) else None


@router.get("/statistics")
async def statistics(request: Request, la: str = "") -> Response:
    session, redirect = signed_in_or_redirect(request)
    if redirect is not None:
        return await finish(request, session, redirect)
    authority = la or own_authority(session.organisation)
    if authority is None or not _LA.match(authority):
        page = render(request, session, "statistics.html", authority=la, figures=None,
                      status_code=400 if la else 200)  # fmt: skip
        return await finish(request, session, page, reason="bad-la" if la else None)
    try:
        figures = await calls_of(request).json(
            session, f"/v1/statistics/local-authorities/la:{authority}"
        )
    except ApiError as error:
        return await problem_page(request, session, error.status, "not_found")
    page = render(request, session, "statistics.html", authority=authority, figures=figures,
                  bars=bars(figures), by_month=breakdown(figures.get("by_month") or [], "month"),
                  by_outcome=breakdown(figures.get("by_outcome") or [], "outcome"))  # fmt: skip
    return await finish(request, session, page, jurisdiction=frozenset({authority}))
