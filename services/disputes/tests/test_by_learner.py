"""A learner's disputes, open and ended (``GET /v1/disputes?learner_id=``), under the one
access policy: the LA responsible sees them all; another LA sees none of them (an empty list,
as for a learner with no disputes); the list is the projection's, never judged again."""

import httpx

from .learners import caught_up, registered
from .test_access import LEARNER, OTHER_LA, advocacy, client, created, disagreement

__all__ = ["client"]  # the fixture: a disputes service with the learner registered


async def test_a_learners_disputes_open_and_ended_for_whoever_may_read_them(
    client: httpx.AsyncClient,
) -> None:
    dispute = await created(client, "/v1/disagreement-resolutions", disagreement())
    help_ = await created(client, "/v1/advocacy", advocacy())
    end = {"ended_on": "2026-05-06", "reason": "No longer wanted"}
    ended = await client.post(f"/v1/advocacy/{help_}/end", json=end)
    assert ended.is_success, ended.text
    registered(client, "someone-else", "la:665")
    await created(client, "/v1/advocacy", advocacy("someone-else"))
    caught_up(client)
    rows = (await client.get("/v1/disputes", params={"learner_id": LEARNER})).json()
    assert {r["case_id"]: r["status"] for r in rows} == {dispute: "open", help_: "ended"}
    assert all(r["learner_id"] == LEARNER for r in rows)
    other = await client.get("/v1/disputes", params={"learner_id": LEARNER}, auth=OTHER_LA)
    assert (other.status_code, other.json()) == (200, [])
    nobody = await client.get("/v1/disputes", params={"learner_id": "no-such-learner"})
    assert nobody.json() == []
    missing = await client.get("/v1/disputes")
    assert missing.status_code == 422
    assert missing.headers["content-type"].startswith("application/problem+json")
