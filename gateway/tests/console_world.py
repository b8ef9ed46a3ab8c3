"""The world the console's page tests share: one embedded gateway per test module (the
fixtures ``world`` and ``console``), a person's browser on it, and the API calls that make a
case (as an API client would make it) for a page to show."""

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from gateway import store
from gateway.main import create_app
from gateway.settings import Settings
from llwybr.settings import RuntimeSettings

SCHOOL, OTHER_SCHOOL = "ysgol-example", "ysgol-powys"
SCHOOL_ORG = "school:6652001"
UPN = "R665000000017"


@dataclass
class Console:
    app: FastAPI
    client: httpx.AsyncClient
    learner_id: str
    case_id: str

    async def sign_in(self, client_id: str) -> None:
        page = await self.client.get("/console/sign-in")
        csrf = csrf_of(page.text)
        response = await self.client.post(
            "/console/sign-in", data={"client_id": client_id, "csrf": csrf}
        )
        assert response.status_code == 303, response.text
        assert response.headers["location"] == "/console/caseload"

    def accesses(self, path: str) -> list[dict[str, Any]]:
        rows = store.find_access(
            self.app.state.engine,
            organisation=None,
            resource_id=None,
            since=None,
            after=None,
            limit=10_000,
        )
        return [r for r in rows if r["path"] == path]


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[FastAPI, str, str]]:
    """One embedded gateway for the module, with one learner (UPN) whose school raised a concern."""
    var_dir = tmp_path_factory.mktemp("console")
    app = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=var_dir)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as api:
            credentials = json.loads((var_dir / "gateway" / "dev-credentials.json").read_text())
            school = next(c for c in credentials if c["client_id"] == SCHOOL)
            token = await api.post("/oauth/token", data={"grant_type": "client_credentials"},
                                   auth=(school["client_id"], school["client_secret"]))  # fmt: skip
            headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
            concern = {
                "learner": {"given_name": "Cerys", "family_name": "Jones", "upn": UPN,
                            "date_of_birth": "2017-05-02", "setting": "maintained_school",
                            "setting_id": "6652001", "local_authority": "665"},
                "raised_by": "school:6652001", "raised_with": "school:6652001",
                "came_to_attention_on": "2026-03-02",
            }  # fmt: skip
            raised = await api.post("/v1/determinations", json=concern, headers=headers)
            assert raised.status_code == 201, raised.text
            for _ in range(100):  # the list is a read model: wait until it has the case
                listed = await api.get("/v1/determinations", headers=headers)
                if listed.json()["items"]:
                    break
                await asyncio.sleep(0.05)
            yield app, raised.json()["learner_id"], raised.json()["id"]


@pytest_asyncio.fixture(loop_scope="module")
async def console(world: tuple[FastAPI, str, str]) -> AsyncIterator[Console]:
    app, learner_id, case_id = world
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield Console(app, client, learner_id, case_id)


GRADUATED_RESPONSE = {
    "level": "targeted", "description": "Small group literacy, 3 x 20 min a week",
    "small_steps_targets": ["Read 20 high-frequency words"],
    "termly_reviews": [{"reviewed_on": "2026-02-20", "outcome": "limited progress"}],
    "recorded_on": "2026-03-02", "recorded_by": "school:6652001",
}  # fmt: skip
HAS_ALN = {
    "has_aln": True, "reasons": "Significantly greater difficulty in learning",
    "decided_on": "2026-03-20", "decided_by": "school:6652001", "person": "ALNCo",
}  # fmt: skip


async def api_as(console: Console, client_id: str) -> dict[str, str]:
    """Headers to call the API as one of the development clients."""
    client = console.app.state.console_calls.organisations[client_id]
    token = await console.client.post("/oauth/token", data={"grant_type": "client_credentials"},
                                      auth=(client.client_id, client.secret))  # fmt: skip
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


async def decided_has_aln(console: Console, given_name: str) -> tuple[str, str, dict[str, str]]:
    """A learner the school decides has ALN (through the API, as an API client would): the
    learner, the case and the school's headers."""
    api, headers = console.client, await api_as(console, SCHOOL)
    concern = {
        "learner": {"given_name": given_name, "family_name": "Evans", "date_of_birth": "2016-09-01",
                    "setting": "maintained_school", "setting_id": "6652001",
                    "local_authority": "665"},
        "raised_by": "school:6652001", "raised_with": "school:6652001",
        "came_to_attention_on": "2026-03-02",
    }  # fmt: skip
    raised = await api.post("/v1/determinations", json=concern, headers=headers)
    assert raised.status_code == 201, raised.text
    path = raised.headers["location"]
    evidence = await api.post(f"{path}/graduated-response", json=GRADUATED_RESPONSE,
                              headers={**headers, "If-Match": '"1"'})  # fmt: skip
    assert evidence.status_code < 300, evidence.text
    decided = await api.post(f"{path}/decision", json=HAS_ALN,
                             headers={**headers, "If-Match": evidence.headers["etag"]})  # fmt: skip
    assert decided.status_code < 300, decided.text
    return raised.json()["learner_id"], raised.json()["id"], headers


async def until(console: Console, path: str, headers: dict[str, str], **params: Any) -> Any:
    """The first item of a list the services fill from the bus, once it has one."""
    for _ in range(100):
        answer = await console.client.get(path, params=params, headers=headers)
        items = [i for i in answer.json()["items"] if i.get("status") != "superseded"]
        if items:
            return items
        await asyncio.sleep(0.05)
    raise AssertionError(f"{path}: {answer.text}")


async def escalated_notice(console: Console) -> dict[str, Any]:
    """No parent contact, so the parent's notice of the decision is escalated."""
    learner_id, _, headers = await decided_has_aln(console, "Dafydd")
    for _ in range(100):  # the notice follows the decision across the bus
        notices = await until(console, "/v1/notices", headers, learner_id=learner_id)
        escalated = [n for n in notices if n["status"] == "escalated"]
        if escalated:
            return {**escalated[0], "headers": headers}
        await asyncio.sleep(0.05)
    raise AssertionError(notices)


DRAFT = {
    "aln-description": {"description": "Difficulties with reading and spelling",
                        "impact_on_learning": "Falls behind in written work"},
    "section-1": {"learner_name": "Gwen Evans", "date_of_birth": "2016-09-01",
                  "home_language": "Cymraeg",
                  "consent_and_capacity": "The parents took part in preparing the plan"},
    "one-page-profile": {"what_people_like_and_admire": "Kind", "what_is_important": "Friends",
                         "how_best_to_support": "Short tasks"},
    "welsh-language-decision": {"decision": "ALP in Welsh", "alp_in_welsh": True},
}  # fmt: skip
ALP = {
    "element_id": "literacy", "provider_kind": "school", "provider_organisation": SCHOOL_ORG,
    "provision": "A structured literacy programme", "in_welsh": True,
    "frequency": "3 sessions a week", "duration": "30 minutes each, for 2 terms",
    "intended_outcome": "Reads at the level expected", "delivered_by": "A teaching assistant",
    "rationale": "Gaps in phonics", "start_on": "2026-04-20", "review_or_end_on": "2027-07-16",
}  # fmt: skip
