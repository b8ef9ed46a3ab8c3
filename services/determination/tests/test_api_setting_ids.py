"""One form of a school's or FEI's id in the determination API (issue 20): the learner's
``setting_id`` is ``school:6652001`` / ``fei:10001234`` in and out; the bare establishment
number is still accepted for a deprecation period (made whole from ``setting``, with a
``Deprecation`` header); an id of the wrong kind is refused and changes nothing."""

import httpx
import pytest

from llwybr_testkit import ActingAs

from .test_api import assert_problem, concern, stored_events


async def test_a_concern_names_its_school_in_the_one_form_and_the_case_answers_it(
    client: httpx.AsyncClient,
) -> None:
    raised = await client.post("/v1/determinations", json=concern(setting_id="school:6652001"))
    assert raised.status_code == 201, raised.text
    assert "Deprecation" not in raised.headers
    case = (await client.get(f"/v1/determinations/{raised.json()['id']}")).json()
    assert case["learner"]["setting_id"] == "school:6652001"
    assert case["deciding_body"]["organisation"] == "school:6652001"
    learner = (await client.get(f"/v1/learners/{raised.json()['learner_id']}")).json()
    assert learner["enrolled_at"] == ["school:6652001"]


@pytest.mark.parametrize(
    ("setting", "bare", "whole"),
    [("maintained_school", "6652001", "school:6652001"),
     ("further_education", "6654001", "fei:6654001")],
)  # fmt: skip
async def test_a_bare_number_is_still_accepted_made_whole_from_its_kind_and_deprecated(
    client: httpx.AsyncClient, setting: str, bare: str, whole: str
) -> None:
    learner = {"setting": setting, "setting_id": bare, "upn": None, "local_id": f"m-{bare}"}
    if setting == "further_education":
        learner["date_of_birth"] = "2008-03-01"
    body = {**concern(**learner), "raised_by": "la:665", "raised_with": "la:665"}
    raised = await client.post("/v1/determinations", json=body, auth=ActingAs("la:665"))
    assert raised.status_code == 201, raised.text
    assert raised.headers["Deprecation"] == "@1796601600"
    answer = await client.get(f"/v1/determinations/{raised.json()['id']}", auth=ActingAs("la:665"))
    case = answer.json()
    assert case["learner"]["setting_id"] == whole


async def test_an_id_of_another_kind_than_the_setting_is_a_422_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    before = stored_events(client)
    for setting, ident in (
        ("maintained_school", "fei:6654001"),
        ("further_education", "school:6652001"),
        ("maintained_school", "la:665"),
        ("maintained_school", "school:"),
    ):
        refused = await client.post(
            "/v1/determinations", json=concern(setting=setting, setting_id=ident)
        )
        assert_problem(refused, 422, "validation")
    assert stored_events(client) == before
