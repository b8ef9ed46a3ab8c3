"""The LA's statistics page draws the determination service's breakdowns (by month decided,
by outcome), each as a stacked bar chart with a table of the same figures beside it; the
console never judges "in time" itself: it draws the service's counts."""

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from .console_world import SCHOOL, SCHOOL_ORG, Console, console, world

__all__ = ["console", "world"]  # the fixtures, shared with the console's page tests

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _decide(console: Console) -> None:
    """The school decides the world's case (no ALN, in time), through the public API."""
    var_dir = Path(console.app.state.settings.runtime.var_dir)
    credentials = json.loads((var_dir / "gateway" / "dev-credentials.json").read_text())
    school = next(c for c in credentials if c["client_id"] == SCHOOL)
    token = await console.client.post(
        "/oauth/token", data={"grant_type": "client_credentials"},
        auth=(school["client_id"], school["client_secret"]),
    )  # fmt: skip
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    decided = await console.client.post(
        f"/v1/determinations/{console.case_id}/decision", headers=headers,
        json={"has_aln": False, "reasons": "Progress is good", "decided_on": "2026-03-20",
              "decided_by": SCHOOL_ORG, "person": "ALNCo"},
    )  # fmt: skip
    assert decided.is_success, decided.text


async def _statistics(client: httpx.AsyncClient) -> httpx.Response:
    for _ in range(100):  # the statistics are a read model: wait until it has the decision
        page = await client.get("/console/statistics", headers={"Accept-Language": "en-GB"})
        if "2026-03" in page.text:
            break
        await asyncio.sleep(0.05)
    return page


async def test_the_statistics_page_charts_decisions_by_month_and_by_outcome(
    console: Console,
) -> None:
    await _decide(console)
    await console.sign_in("wrexham-la")
    page = await _statistics(console.client)
    assert page.status_code == 200
    for heading in ("Decisions by month", "Decisions by outcome"):
        assert f">{heading}</h2>" in page.text
        assert f"<caption>{heading}</caption>" in page.text  # the table beside the chart
    assert '<th scope="row">2026-03</th><td>1</td><td>0</td>' in page.text
    assert '<th scope="row">No ALN</th><td>1</td><td>0</td>' in page.text
    assert 'class="bar bar-in_time"' in page.text
    welsh = await console.client.get("/console/statistics", headers={"Accept-Language": "cy"})
    assert "Penderfyniadau fesul mis" in welsh.text
    assert '<th scope="row">Dim ADY</th>' in welsh.text


async def test_statistics_for_the_las_own_people_and_no_one_elses(console: Console) -> None:
    await console.sign_in("wrexham-la")
    page = await console.client.get("/console/statistics")
    assert page.status_code == 200
    assert "la:665" in page.text
    assert 'class="bar bar-still_open"' in page.text
    assert (await console.client.get("/console/statistics?la=66")).status_code == 400
    await console.sign_in(SCHOOL)
    assert (await console.client.get("/console/statistics")).status_code == 200  # the form
    refused = await console.client.get("/console/statistics?la=665")
    assert refused.status_code in (403, 404)
    assert "bar-still_open" not in refused.text
