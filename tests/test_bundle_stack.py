"""A Tribunal panel's bundle (issue 18), in stack mode (PostgreSQL and Kafka): downloaded
through the gateway, verified offline with the JWKS saved beforehand, read in plain Welsh and
English with the learner's name, holding the issued plan's PDF; a byte changed is named."""

import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pypdf
import pytest
from typer.testing import CliRunner

from gateway.cli import app as audit_cli
from llwybr_testkit import IDP_DRAFT

from .stack import MANIFEST_KEY, RETIRED_KEY, Stack, client, until

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCHOOL = "school:6652001"
AUDITOR = "auditor:665"


@pytest.fixture(scope="module")
def stack(shared_stack: Stack) -> Stack:
    """The shared stack: its gateway signs manifests with ``MANIFEST_KEY`` and publishes the
    retired ``RETIRED_KEY`` (``tests/conftest.py``)."""
    shared_stack.ensure_running()
    shared_stack.wait_caught_up({"idp.determinations"})
    return shared_stack


def ok(response: httpx.Response) -> Any:
    assert response.is_success, f"{response.request.url}: {response.status_code} {response.text}"
    return response.json()


def issued_plan(stack: Stack) -> tuple[str, str]:
    """A learner decided to have ALN by a school that registered its names, and the plan
    issued: (learner id, plan id)."""
    with client(stack, SCHOOL) as school:
        ok(school.put(f"/v1/contacts/organisations/{SCHOOL}", json={
            "name": "Example Primary School", "name_cy": "Ysgol Gynradd Enghraifft",
            "email": "alnco@example.org"}))  # fmt: skip
        created = ok(school.post("/v1/determinations", json={
            "learner": {"local_id": f"learner-{uuid.uuid4().hex[:8]}", "given_name": "Cerys",
                        "family_name": "Jones", "date_of_birth": "2017-05-02",
                        "setting": "maintained_school", "setting_id": "6652001",
                        "local_authority": "665"},
            "raised_by": SCHOOL, "raised_with": SCHOOL,
            "came_to_attention_on": "2026-03-02"}))  # fmt: skip
        learner_id = created["learner_id"]
        ok(school.post(f"/v1/determinations/{created['id']}/decision", json={
            "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
            "decided_by": SCHOOL, "person": "ALNCo"}))  # fmt: skip
        plans = until(
            lambda: school.get("/v1/idps", params={"learner_id": learner_id}).json()["items"]
        )
        plan_id = plans[0]["idp_id"]
        for method, path, body in IDP_DRAFT:
            ok(school.request(method, f"/v1/idps/{plan_id}/draft/{path}", json=body))
        ok(school.post(f"/v1/idps/{plan_id}/issue",
                       json={"issued_on": "2026-04-20", "issued_by": SCHOOL}))  # fmt: skip
    return learner_id, plan_id


def verify_offline(bundle: Path, jwks: Path) -> Any:
    """``llwybr-audit verify-bundle`` against an address nothing answers: no network used."""
    args = ["--url", "http://192.0.2.1:9", "verify-bundle", str(bundle), "--jwks", str(jwks)]
    return CliRunner().invoke(audit_cli, args, env={"COLUMNS": "200"})


def test_a_bundle_downloaded_through_the_gateway_verifies_offline_and_reads_plainly(
    stack: Stack, tmp_path: Path
) -> None:
    learner_id, plan_id = issued_plan(stack)
    jwks = httpx.get(f"{stack.gateway_url}/.well-known/jwks.json").json()  # saved beforehand
    (tmp_path / "jwks.json").write_text(json.dumps(jwks))
    kids = {k["kid"] for k in jwks["keys"]}
    assert {MANIFEST_KEY.kid, RETIRED_KEY.kid} <= kids
    assert all(k["use"] == "sig" and "d" not in k for k in jwks["keys"])

    with client(stack, AUDITOR) as auditor:

        def issued() -> bool:
            url = f"/v1/audit/learners/{learner_id}/timeline"
            return any(e["event"] == "Issued" for e in ok(auditor.get(url))["items"])

        until(issued)
        response = auditor.get(f"/v1/audit/learners/{learner_id}/bundle")
    assert response.status_code == 200, response.text
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(response.content)

    result = verify_offline(bundle, tmp_path / "jwks.json")

    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(bundle) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    plan_pdf = f"plans/idp-{plan_id}-v1.pdf"
    assert files[plan_pdf].startswith(b"%PDF")
    readable = json.loads(files["timeline.json"])
    assert readable["learner_name"] == "Cerys Jones"
    by_event = {e["event"]: e for e in readable["events"]}
    concern = by_event["determination.concern-raised"]
    assert concern["what"]["en"] == "Concern raised that the learner may have ALN"
    assert concern["by"] == {"cy": "Ysgol Gynradd Enghraifft", "en": "Example Primary School"}
    assert by_event["idp.issued"]["document"] == plan_pdf
    text = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files["timeline.pdf"])).pages
    )
    text = " ".join(text.split())
    for words in ("Cerys Jones", "Pryder wedi'i godi y gallai fod gan y dysgwr ADY",
                  "Fersiwn o'r CDU wedi'i rhoi", "A version of the IDP issued"):  # fmt: skip
        assert words in text, words
    assert ".domain:" not in text

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == plan_pdf:
                content = content[:-20] + bytes([content[-20] ^ 1]) + content[-19:]
            target.writestr(info, content)

    result = verify_offline(tampered, tmp_path / "jwks.json")

    assert result.exit_code == 1, result.output
    assert f"{plan_pdf}: SHA-256 or size differs from the manifest" in result.output
