"""Complaints through the disputes API (issue 23): the responsible LA opens one (a bad body is
a problem and records nothing), it is among the LA's open cases until it is closed, once."""

import httpx

from .test_read_models import LA, client, ok, read  # noqa: F401  (the fixture)

COMPLAINT = {"learner_id": "learner-1", "made_by": "Parent", "summary": "Late review",
             "opened_on": "2026-05-04"}  # fmt: skip


async def test_a_complaint_is_an_open_case_until_it_is_closed(
    client: httpx.AsyncClient,  # noqa: F811  (the fixture)
) -> None:
    bad = await client.post("/v1/complaints", json={**COMPLAINT, "summary": ""})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    complaint = await ok(client, "/v1/complaints", COMPLAINT)
    url = f"/v1/disputes/local-authorities/{LA}/open"
    rows = await read(client, url, params={"on": "2026-06-01"})
    assert [(r["case_id"], r["case_type"]) for r in rows] == [(complaint, "complaint")]
    shown = await read(client, f"/v1/complaints/{complaint}")
    assert (shown["status"], shown["made_by"], shown["summary"]) == (
        "open",
        "Parent",
        "Late review",
    )
    closure = {"closed_on": "2026-06-01", "outcome": "Apology"}
    await ok(client, f"/v1/complaints/{complaint}/closure", closure)
    assert await read(client, url, params={"on": "2026-06-02"}) == []
    again = await client.post(f"/v1/complaints/{complaint}/closure", json=closure)
    assert again.status_code == 409, again.text
