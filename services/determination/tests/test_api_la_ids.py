"""One form of an LA's id in the determination API (issue 20): ``la:665`` accepted and
answered; the bare ``665`` still accepted for a deprecation period, with a ``Deprecation``
header; free text refused."""

from typing import Any

import httpx

from llwybr_testkit import ActingAs, eventually

from .test_api import assert_problem, concern, open_case, stored_events

LA = ActingAs("la:665")


async def _caught_up(client: httpx.AsyncClient) -> None:
    app: Any = client.app  # type: ignore[attr-defined]
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)


async def test_a_concern_names_its_las_in_the_la_form_and_the_case_answers_it(
    client: httpx.AsyncClient,
) -> None:
    raised = await client.post(
        "/v1/determinations",
        json=concern(local_authority="la:665", looked_after=True, looking_after_authority="la:670"),
    )
    assert raised.status_code == 201, raised.text
    assert "Deprecation" not in raised.headers
    case = (await client.get(f"/v1/determinations/{raised.json()['id']}")).json()
    assert case["learner"]["local_authority"] == "la:665"
    assert case["learner"]["looking_after_authority"] == "la:670"


async def test_a_bare_la_number_is_still_accepted_answered_in_the_la_form_and_deprecated(
    client: httpx.AsyncClient,
) -> None:
    raised = await client.post("/v1/determinations", json=concern(local_authority="665"))
    assert raised.status_code == 201, raised.text
    assert raised.headers["Deprecation"] == "@1796601600"
    case = (await client.get(f"/v1/determinations/{raised.json()['id']}")).json()
    assert case["learner"]["local_authority"] == "la:665"


async def test_free_text_for_the_looking_after_authority_is_a_422_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    before = stored_events(client)
    for looking_after in ("Wrexham County Borough Council", "school:6652001", "la:66"):
        refused = await client.post(
            "/v1/determinations",
            json=concern(looked_after=True, looking_after_authority=looking_after),
        )
        assert_problem(refused, 422, "validation")
    assert stored_events(client) == before


async def test_statistics_and_the_case_list_take_either_form_and_answer_the_la_form(
    client: httpx.AsyncClient,
) -> None:
    case_id, _ = await open_case(client, local_authority="la:665")
    await _caught_up(client)
    current = await client.get("/v1/statistics/local-authorities/la:665", auth=LA)
    assert current.status_code == 200, current.text
    assert "Deprecation" not in current.headers
    assert current.json()["local_authority"] == "la:665"
    bare = await client.get("/v1/statistics/local-authorities/665", auth=LA)
    assert bare.headers["Deprecation"] == "@1796601600"
    assert bare.json() == current.json()
    for form, deprecated in (("la:665", False), ("665", True)):
        listed = await client.get("/v1/determinations", params={"local_authority": form}, auth=LA)
        assert [i["determination_id"] for i in listed.json()["items"]] == [case_id]
        assert listed.json()["items"][0]["local_authority"] == "la:665"
        assert ("Deprecation" in listed.headers) is deprecated
    refused = await client.get("/v1/statistics/local-authorities/Wrexham", auth=LA)
    assert_problem(refused, 422, "validation")
