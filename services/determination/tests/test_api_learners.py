"""The learner registry through the API (issue 16): one learner per UPN with a random id, who
may name a learner, enrolments recorded by the learner's LA, one open case per learner, the
young person derived, and the one 404."""

import asyncio
import uuid
from typing import Any

import httpx

from llwybr.problems import NOT_FOUND_DETAIL
from llwybr_testkit import ActingAs, eventually

from .test_api import SCHOOL, assert_problem, concern, stored_events, valid_upn

OTHER_SCHOOL = "school:6652999"


def raised_by(organisation: str, **learner: Any) -> dict[str, Any]:
    """A concern the organisation raises with itself (a school about its own pupil)."""
    body = concern(**learner)
    body["raised_by"] = body["raised_with"] = organisation
    kind, _, ident = organisation.partition(":")
    if kind == "school":
        body["learner"]["setting_id"] = ident
    return body


async def raise_ok(client: httpx.AsyncClient, body: dict[str, Any], as_: str = SCHOOL) -> Any:
    response = await client.post("/v1/determinations", json=body, auth=ActingAs(as_))
    assert response.status_code == 201, response.text
    return response.json()


async def withdraw(client: httpx.AsyncClient, case_id: str, as_: str = SCHOOL) -> None:
    response = await client.post(
        f"/v1/determinations/{case_id}/withdrawal",
        json={"reason": "r", "withdrawn_on": "2026-03-05", "withdrawn_by": as_},
        auth=ActingAs(as_),
    )
    assert response.is_success, response.text


def assert_the_one_404(response: httpx.Response) -> None:
    problem = assert_problem(response, 404, "not-found")
    assert problem["detail"] == NOT_FOUND_DETAIL
    assert "Aggregate" not in response.text
    assert "no determination" not in response.text


async def test_a_school_cannot_take_over_another_schools_pupil_by_their_id(
    client: httpx.AsyncClient,
) -> None:
    theirs = await raise_ok(client, raised_by(OTHER_SCHOOL), as_=OTHER_SCHOOL)
    named = concern(learner_id=theirs["learner_id"], upn=None)
    before = stored_events(client)
    assert_the_one_404(await client.post("/v1/determinations", json=named))
    assert_the_one_404(await client.get(f"/v1/learners/{theirs['learner_id']}"))
    assert_the_one_404(await client.get(f"/v1/determinations/{theirs['id']}"))
    assert stored_events(client) == before


async def test_a_school_naming_another_schools_pupil_by_upn_is_told_they_are_enrolled_elsewhere(
    client: httpx.AsyncClient,
) -> None:
    await raise_ok(client, raised_by(OTHER_SCHOOL), as_=OTHER_SCHOOL)
    before = stored_events(client)
    response = await client.post("/v1/determinations", json=concern())
    problem = assert_problem(response, 409, "enrolled-elsewhere")
    assert "local authority records a move" in problem["detail"]
    assert stored_events(client) == before


async def test_a_learner_id_the_registry_never_gave_is_the_one_404(
    client: httpx.AsyncClient,
) -> None:
    for made_up in (str(uuid.uuid4()), "l-1", str(uuid.uuid5(uuid.NAMESPACE_URL, "upn:x"))):
        response = await client.post("/v1/determinations", json=concern(learner_id=made_up))
        assert_the_one_404(response)
        assert_the_one_404(await client.get(f"/v1/learners/{made_up}"))
    assert stored_events(client) == 0


async def test_an_unknown_determination_is_the_one_404_without_library_text(
    client: httpx.AsyncClient,
) -> None:
    unknown = uuid.uuid4()
    assert_the_one_404(await client.get(f"/v1/determinations/{unknown}"))
    response = await client.post(
        f"/v1/determinations/{unknown}/withdrawal",
        json={"reason": "r", "withdrawn_on": "2026-03-05", "withdrawn_by": SCHOOL},
    )
    assert_the_one_404(response)


async def test_an_unknown_document_or_calendar_is_the_one_404(client: httpx.AsyncClient) -> None:
    assert_the_one_404(await client.get(f"/v1/documents/{'0' * 64}"))
    assert_the_one_404(await client.get("/v1/calendars/school:6659999"))


async def test_a_learner_is_one_record_whoever_names_them_with_a_relationship(
    client: httpx.AsyncClient,
) -> None:
    first = await raise_ok(client, concern())
    await withdraw(client, first["id"])
    again = await raise_ok(client, concern())  # by UPN, from the school they are enrolled at
    assert again["learner_id"] == first["learner_id"]
    await withdraw(client, again["id"])
    la = ActingAs("la:665")
    by_id = concern(learner_id=first["learner_id"], setting="home_educated", setting_id=None)
    by_id["raised_by"] = by_id["raised_with"] = "la:665"
    response = await client.post("/v1/determinations", json=by_id, auth=la)
    assert response.status_code == 201, response.text
    assert response.json()["learner_id"] == first["learner_id"]
    entry = (await client.get(f"/v1/learners/{first['learner_id']}", auth=la)).json()
    assert (entry["upn"], entry["responsible_authority"]) == (valid_upn(), "la:665")
    assert entry["enrolled_at"] == [SCHOOL]
    assert entry["compulsory_school_age_on"] == "2022-08-31"


async def test_a_second_concern_while_one_is_open_names_the_open_case(
    client: httpx.AsyncClient,
) -> None:
    first = await raise_ok(client, concern())
    before = stored_events(client)
    response = await client.post("/v1/determinations", json=concern())
    problem = assert_problem(response, 409, "open-determination")
    assert problem["determination_id"] == first["id"]
    assert stored_events(client) == before
    await withdraw(client, first["id"])
    await raise_ok(client, concern())


async def test_twenty_concurrent_concerns_about_one_learner_open_one_case(
    client: httpx.AsyncClient,
) -> None:
    responses = await asyncio.gather(
        *(client.post("/v1/determinations", json=concern()) for _ in range(20))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1, [r.text for r in responses if r.status_code != 409]
    assert set(statuses) == {201, 409}


async def test_a_repeated_nightly_sync_creates_nothing_and_reports_each_item_existing(
    client: httpx.AsyncClient,
) -> None:
    items = [concern(upn=valid_upn(f"6652001250{n:02d}")) for n in range(10)]
    first = (await client.post("/v1/determinations/bulk", json={"items": items})).json()
    assert (first["created"], first["existing"], first["failed"]) == (10, 0, 0)
    before = stored_events(client)
    again = (await client.post("/v1/determinations/bulk", json={"items": items})).json()
    assert (again["created"], again["existing"], again["failed"]) == (0, 10, 0)
    assert [r["status"] for r in again["results"]] == ["existing"] * 10
    assert [r["id"] for r in again["results"]] == [r["id"] for r in first["results"]]
    assert stored_events(client) == before


async def test_one_learner_twice_in_one_sync_is_one_learner_and_one_case(
    client: httpx.AsyncClient,
) -> None:
    body = (await client.post("/v1/determinations/bulk", json={"items": [concern()] * 2})).json()
    assert [r["status"] for r in body["results"]] == [201, "existing"]
    assert body["results"][0]["id"] == body["results"][1]["id"]


async def test_a_young_person_is_derived_from_the_date_of_birth_not_flagged(
    client: httpx.AsyncClient,
) -> None:
    at_fei = {"setting": "further_education", "setting_id": "6654001", "upn": None,
              "date_of_birth": "2008-01-15"}  # fmt: skip
    body = raised_by("fei:6654001", **at_fei)
    case = await raise_ok(client, body, as_="fei:6654001")
    view = await client.get(f"/v1/determinations/{case['id']}", auth=ActingAs("fei:6654001"))
    assert view.json()["learner"]["young_person"] is True
    assert view.json()["status"] == "awaiting_consent"  # the consent step is not skipped
    child = concern(date_of_birth="2016-01-15", young_person=True, upn=None)
    problem = assert_problem(
        await client.post("/v1/determinations", json=child), 422, "young-person-conflict"
    )
    assert "2016-01-15" in problem["detail"]


async def test_the_learners_la_records_a_dual_registration_and_the_setting_ends_it(
    client: httpx.AsyncClient,
) -> None:
    case = await raise_ok(client, concern())
    learner = f"/v1/learners/{case['learner_id']}"
    enrolment = {"setting": OTHER_SCHOOL, "enrolled_on": "2026-03-04", "recorded_by": SCHOOL}
    refused = await client.post(f"{learner}/enrolments", json=enrolment)
    assert_problem(refused, 403, "not-the-learners-la")
    la = ActingAs("la:665")
    recorded = await client.post(
        f"{learner}/enrolments", json={**enrolment, "recorded_by": "la:665"}, auth=la
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["enrolled_at"] == [SCHOOL, OTHER_SCHOOL]
    other = ActingAs(OTHER_SCHOOL)
    assert (await client.get(learner, auth=other)).status_code == 200
    left = await client.post(
        f"{learner}/enrolments/{OTHER_SCHOOL}/end",
        json={"left_on": "2026-04-01", "recorded_by": OTHER_SCHOOL},
        auth=other,
    )
    assert left.json()["enrolled_at"] == [SCHOOL]
    assert_the_one_404(await client.get(learner, auth=other))


async def test_the_la_looking_after_a_child_finds_its_cases_in_every_list(
    client: httpx.AsyncClient,
) -> None:
    case = await raise_ok(client, concern(looked_after=True, looking_after_authority="681"))
    app: Any = client.app  # type: ignore[attr-defined]
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)
    for organisation in ("la:681", "la:665", "auditor:681"):
        caller = ActingAs(organisation)
        listed = (await client.get("/v1/determinations", auth=caller)).json()["items"]
        assert [i["determination_id"] for i in listed] == [case["id"]], organisation
        feed = (await client.get("/v1/determinations-changes", auth=caller)).json()["items"]
        assert [i["determination_id"] for i in feed] == [case["id"]], organisation
        due = await client.get(
            "/v1/determinations-due-soon",
            params={"today": "2026-04-10", "within_days": 60},
            auth=caller,
        )
        assert [i["determination_id"] for i in due.json()] == [case["id"]], organisation
    stats = await client.get("/v1/statistics/local-authorities/681", auth=ActingAs("la:681"))
    assert stats.json()["open_cases"] == 1
    for stranger in ("la:670", "auditor:670", OTHER_SCHOOL):
        listed = (await client.get("/v1/determinations", auth=ActingAs(stranger))).json()
        assert listed["items"] == [], stranger
    refused = await client.get("/v1/statistics/local-authorities/681", auth=ActingAs("la:665"))
    assert_problem(refused, 403, "scope")


async def test_a_learner_the_la_registers_is_enrolled_at_the_school_its_concern_names(
    client: httpx.AsyncClient,
) -> None:
    body = concern(setting="pupil_referral_unit")
    body["raised_by"] = body["raised_with"] = "la:665"
    case = await raise_ok(client, body, as_="la:665")
    entry = await client.get(f"/v1/learners/{case['learner_id']}")  # as the school
    assert entry.json()["enrolled_at"] == [SCHOOL]
    problem = assert_problem(
        await client.post("/v1/determinations", json=concern()), 409, "open-determination"
    )
    assert problem["determination_id"] == case["id"]


async def test_a_learner_is_found_by_upn_by_those_who_may_read_them_and_no_one_else(
    client: httpx.AsyncClient,
) -> None:
    case = await raise_ok(client, concern())
    by_upn = f"/v1/learners/by-upn/{valid_upn()}"

    for reader in (SCHOOL, "auditor:665", "auditor:wales", "la:665"):
        found = await client.get(by_upn, auth=ActingAs(reader))
        assert found.status_code == 200, (reader, found.text)
        assert found.json()["learner_id"] == case["learner_id"]
        assert found.headers["ETag"] == f'"{found.json()["version"]}"'
    lower_case = await client.get(by_upn.lower())  # as typed: the registry keeps it upper
    assert lower_case.json()["learner_id"] == case["learner_id"]
    for stranger in (OTHER_SCHOOL, "auditor:666", "la:666"):
        assert_the_one_404(await client.get(by_upn, auth=ActingAs(stranger)))
    assert_the_one_404(await client.get(f"/v1/learners/by-upn/{valid_upn('665200125999')}"))
    assert_problem(await client.get("/v1/learners/by-upn/A665200125001"), 422, "invalid-upn")
