"""The looking-after authority of a looked-after child's plan is an organisation id, `la:670`
(issue 20): free text is a 422 that changes nothing, the bare number is still accepted (made
`la:670`) with a `Deprecation` header, and the plan names the authority, never its id."""

from typing import Any

import httpx

from idp.views import lac_in_words
from llwybr_testkit import ActingAs

from .learners import record_learner
from .test_api import LA, SCHOOL, ok, problem, service_of

LAC = {"independent_reviewing_officer": "Sian Roberts", "personal_education_plan_reference": "P1"}


async def looked_after_plan(client: httpx.AsyncClient) -> str:
    record_learner(service_of(client), "learner-lac", looking_after="la:670")
    opened = await ok(
        client, "POST", "/v1/idps", auth=ActingAs(LA),
        json={"learner_id": "learner-lac", "opened_on": "2026-04-01", "looked_after": True,
              "maintainer": {"kind": "school", "organisation": SCHOOL}},
    )  # fmt: skip
    return str(opened.json()["id"])


async def test_the_looking_after_authority_is_an_la_id_and_free_text_is_refused(
    client: httpx.AsyncClient,
) -> None:
    url = f"/v1/idps/{await looked_after_plan(client)}/draft/lac-details"
    for free_text in ("Cardiff Council", "school:6652001", ""):
        refused = await client.put(url, json={**LAC, "looking_after_authority": free_text})
        problem(refused, 422, "validation")
    current = await ok(client, "PUT", url, json={**LAC, "looking_after_authority": "la:670"})
    assert "Deprecation" not in current.headers
    bare = await ok(client, "PUT", url, json={**LAC, "looking_after_authority": "670"})
    assert bare.headers["Deprecation"] == "@1796601600"


def test_the_plan_names_the_looking_after_la_and_prints_older_free_text_as_given() -> None:
    named: dict[str, Any] = lac_in_words({**LAC, "looking_after_authority": "la:670"})
    assert named["looking_after_authority"] == (
        "Cyngor Dinas a Sir Abertawe / City and County of Swansea Council"
    )
    # recorded before issue 20, as free text: read as it was, never rewritten
    older = lac_in_words({**LAC, "looking_after_authority": "Cyngor Caerdydd"})
    assert older["looking_after_authority"] == "Cyngor Caerdydd"
