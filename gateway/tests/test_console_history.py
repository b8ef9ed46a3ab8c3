"""An auditor's pages: the learner's timeline as of a day, verification, the evidence bundle."""

import pytest

from .console_world import Console, console, world

__all__ = ["console", "world"]  # the fixtures, shared with the console's page tests

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_the_timeline_as_of_a_day_and_verification_for_an_auditor(console: Console) -> None:
    await console.sign_in("wrexham-auditor")
    path = f"/console/learners/{console.learner_id}/timeline"
    now = await console.client.get(path)
    assert now.status_code == 200
    assert "<svg" in now.text
    assert 'class="mark "' in now.text
    assert 'id="verification-result">' in now.text
    assert "nothing has been altered" not in now.text
    assert "nid oes dim wedi" in now.text  # Welsh: the chains are whole
    before = await console.client.get(path, params={"as_of": "2020-01-01"})
    assert before.status_code == 200
    assert 'class="mark future"' in before.text
    assert 'class="mark "' not in before.text
    by_slider = await console.client.get(path, params={"day": 0})
    assert by_slider.status_code == 200
    assert (await console.client.get(path, params={"as_of": "soon"})).status_code == 400


async def test_the_bundle_downloads_for_an_auditor_only(console: Console) -> None:
    await console.sign_in("wrexham-auditor")
    path = f"/console/learners/{console.learner_id}/bundle"
    bundle = await console.client.get(path)
    assert bundle.status_code == 200
    assert bundle.content[:2] == b"PK"
    await console.sign_in("wrexham-la")
    assert (await console.client.get(path)).status_code == 403
    timeline = await console.client.get(f"/console/learners/{console.learner_id}/timeline")
    assert timeline.status_code == 403
