"""An LA's retention report (issue 23): what falls due for erasure in a month among the
learners it is responsible for, with a legal hold (an appeal the disputes service published as
lodged) listed apart; only the LA and its auditors read it."""

from typing import Any

import httpx

from contracts.envelope import Envelope
from llwybr.consumer import ApplicationEffect
from llwybr_testkit import ActingAs, appeal_lodged, eventually

from .test_api import concern, valid_upn
from .test_api_learners import raise_ok, withdraw

URL = "/v1/local-authorities/665/retention"


def lodged(learner_id: str) -> Envelope:
    return appeal_lodged(learner_id)


async def test_the_report_lists_the_due_and_the_held_for_the_la_and_its_auditors(
    client: httpx.AsyncClient,
) -> None:
    app: Any = client.app  # type: ignore[attr-defined]
    learners = []
    for body in ("665200125011", "665200125012"):
        case = await raise_ok(client, concern(upn=valid_upn(body)))
        await withdraw(client, case["id"])  # closed without ALN: counted from its closure
        learners.append(case["learner_id"])
    due_one, held_one = learners
    service = app.state.application
    effect = ApplicationEffect(service, "determination.reconsiderations", service.on_public_event)
    assert effect.apply(lodged(held_one)) is True
    runner = app.state.projections["determination.cases"]
    await eventually(lambda: runner.catch_up() == 0)

    la = ActingAs("la:665")
    early = (await client.get(URL, params={"month": "2027-01"}, auth=la)).json()
    assert (early["due"], early["held"]) == ([], [])  # closure + 6 years is not yet
    late = await client.get(URL, params={"month": "2040-01"}, auth=la)
    assert late.status_code == 200, late.text
    report = late.json()
    [line] = [d for d in report["due"] if d["learner_id"] == due_one]
    assert (line["record_kind"], line["schedule"], line["basis"], line["status"]) == (
        "no_aln", "no-aln-6", "closure", "due",
    )  # fmt: skip
    assert line["due_on"] == "2032-03-05"  # withdrawn 2026-03-05, + 6 years
    [held] = [h for h in report["held"] if h["learner_id"] == held_one]
    assert held["legal_holds"][0].startswith("appeal:")
    assert held_one not in {d["learner_id"] for d in report["due"]}

    auditor = await client.get(URL, params={"month": "2040-01"}, auth=ActingAs("auditor:665"))
    assert auditor.status_code == 200, auditor.text
    for stranger in ("la:670", "auditor:670", "school:6652001"):
        refused = await client.get(URL, params={"month": "2040-01"}, auth=ActingAs(stranger))
        assert refused.status_code in (403, 404), (stranger, refused.text)
    bad = await client.get(URL, params={"month": "2040-13"}, auth=la)
    assert bad.status_code == 422, bad.text
    assert bad.headers["content-type"] == "application/problem+json"
