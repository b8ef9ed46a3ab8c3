"""The case page lists the learner's disputes open and ended, as the disputes service lists
them for the signed-in organisation (``GET /v1/disputes?learner_id=``)."""

import asyncio

import pytest

from .console_world import OTHER_SCHOOL, Console, api_as, console, world

__all__ = ["console", "world"]  # the fixtures, shared with the console's page tests

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_the_case_page_shows_an_ended_dispute_beside_an_open_one(console: Console) -> None:
    api, la = console.client, await api_as(console, "wrexham-la")
    body = {"learner_id": console.learner_id, "for_person": "child", "requested_by": "Parent",
            "requested_on": "2026-04-21"}  # fmt: skip
    for _ in range(100):  # the disputes service learns the learner from the registry's events
        requested = await api.post("/v1/advocacy", json=body, headers=la)
        if requested.status_code == 201:
            break
        await asyncio.sleep(0.05)
    assert requested.status_code == 201, requested.text
    ended_id = requested.json()["id"]
    end = {"ended_on": "2026-05-06", "reason": "No longer wanted"}
    ended = await api.post(f"/v1/advocacy/{ended_id}/end", headers=la, json=end)
    assert ended.is_success, ended.text
    still_open = await api.post("/v1/advocacy", json=body, headers=la)
    assert still_open.status_code == 201, still_open.text
    await console.sign_in("wrexham-la")
    for _ in range(100):  # the list is a read model: wait until it has both, the end too
        page = await console.client.get(f"/console/learners/{console.learner_id}")
        if still_open.json()["id"] in page.text and "ended" in page.text:
            break
        await asyncio.sleep(0.05)
    # the ended case with its status, as the disputes service's list gives it
    assert f'id="dispute-{ended_id}"><td>advocacy (child)</td><td>ended</td>' in page.text
    assert f'id="dispute-{still_open.json()["id"]}"' in page.text
    await console.sign_in(OTHER_SCHOOL)
    other = await console.client.get(f"/console/learners/{console.learner_id}")
    assert ended_id not in other.text
