"""The Tribunal bundle: its files, its manifest, its PDF, and the route that serves it."""

import hashlib
import io
import json
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pypdf
import pytest

from contracts.labels import PRIVATE, Label
from gateway.bundle import MANIFEST, SIGNATURE, build_bundle
from gateway.bundle.readable import Names
from gateway.main import create_app
from gateway.settings import Settings
from gateway.tokens.manifests import check_manifest_signature
from llwybr.settings import RuntimeSettings

from .test_api import CONCERN, SCHOOL, Gateway

LEARNER = "learner-cj-2017"
CASE = "6f1c2a4e-0000-4000-8000-000000000001"
PLAN = "9a7d3b10-0000-4000-8000-000000000002"
DOCUMENT = "ab" * 32
GENERATED_AT = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)
AUDITOR = "auditor:665"
AGGREGATES = {"determination": "Determination", "idp": "Idp", "notifications": "NoticeRecord"}


PUBLIC = {
    "ConcernRaised": "wales.aln.determination.concern-raised.v2",
    "EvidenceSubmitted": "wales.aln.determination.evidence-submitted.v1",
    "Decided": "wales.aln.determination.decided.v2",
    "NoticeIssued": "wales.aln.determination.notice-issued.v1",
    "Opened": "wales.aln.idp.opened.v1",
    "NoticeGiven": "wales.aln.notifications.notice-given.v1",
}


def event(
    service: str, aggregate_id: str, version: int, name: str, at: str, **data: Any
) -> dict[str, Any]:
    return {
        "service": service, "aggregate_id": aggregate_id, "version": version, "event": name,
        "public_event": PUBLIC.get(name),
        "topic": f"{service}.domain:{AGGREGATES[service]}.{name}", "recorded_at": at,
        "in_force_on": at[:10],
        "actor": f"ysgol-example@{SCHOOL}", "correlation_id": "c1", "causation_id": None,
        "integrity_hash": f"{version:064x}", "previous_hash": f"{version - 1:064x}", "data": data,
    }  # fmt: skip


TIMELINE = [
    event("determination", CASE, 1, "ConcernRaised", "2026-03-02T09:00:00+00:00",
          learner={"learner_id": LEARNER, "given_name": "Cerys"}),
    event("determination", CASE, 2, "EvidenceSubmitted", "2026-03-05T10:00:00+00:00",
          documents=[{"sha256": DOCUMENT, "filename": "report.pdf",
                      "media_type": "application/pdf", "size": 1024}]),
    event("determination", CASE, 3, "Decided", "2026-03-20T11:00:00+00:00", has_aln=True),
    event("determination", CASE, 4, "NoticeIssued", "2026-03-20T11:05:00+00:00",
          notice_type="has_aln", recipients=["parent"]),
    event("idp", PLAN, 1, "Opened", "2026-03-20T11:06:00+00:00", learner_id=LEARNER),
]  # fmt: skip
IN_FORCE = [
    {"in_force_on": "2026-03-02", "version": 1, "versions": [1], "not_in_force": [2, 3, 4],
     "state": {"status": "gathering_information"}},
    {"in_force_on": "2026-03-20", "version": 4, "versions": [1, 2, 3, 4], "not_in_force": [],
     "state": {"status": "decided_aln"}},
]  # fmt: skip
STATES = {
    f"determination/{CASE}": {
        "version": 4,
        "state": {"status": "decided_aln"},
        "in_force": IN_FORCE,
    },
    f"idp/{PLAN}": {"version": 1, "state": {"status": "draft"}},
}
VERIFICATION = {
    "ok": True,
    "checked": [
        {"service": "determination", "ok": True, "events_checked": 4, "aggregates_checked": 1,
         "broken": None},
        {"service": "idp", "ok": True, "events_checked": 1, "aggregates_checked": 1,
         "broken": None},
    ],
    "first_broken": None,
}  # fmt: skip


def unpack(bundle: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def jsonl(content: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in content.decode().splitlines()]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def manifest_problems(files: dict[str, bytes]) -> list[str]:
    manifest = json.loads(files[MANIFEST])
    listed = {f["name"] for f in manifest["files"]}
    problems = sorted(set(files) - listed - {MANIFEST, SIGNATURE})
    for entry in manifest["files"]:
        content = files.get(entry["name"], b"")
        if (hashlib.sha256(content).hexdigest(), len(content)) != (entry["sha256"], entry["size"]):
            problems.append(entry["name"])
    return problems


@pytest.fixture(scope="module")
def bundle() -> bytes:
    return build_bundle(LEARNER, TIMELINE, STATES, VERIFICATION, GENERATED_AT)


def test_the_manifest_lists_every_other_file_with_its_hash_and_size(bundle: bytes) -> None:
    files = unpack(bundle)
    manifest = json.loads(files[MANIFEST])
    assert list(files) == [
        "events.jsonl",
        f"states/determination-{CASE}.json",
        f"states/idp-{PLAN}.json",
        "notices.jsonl",
        "documents.json",
        "verification.json",
        "timeline.json",
        "timeline.pdf",
        MANIFEST,
    ]
    assert [f["name"] for f in manifest["files"]] == list(files)[:-1]
    assert (manifest["learner_id"], manifest["generated_at"]) == (
        LEARNER,
        "2026-04-01T09:30:00+00:00",
    )
    assert manifest_problems(files) == []


def test_the_events_are_in_timeline_order_and_the_states_as_given(bundle: bytes) -> None:
    files = unpack(bundle)
    assert jsonl(files["events.jsonl"]) == TIMELINE
    state = json.loads(files[f"states/determination-{CASE}.json"])
    assert state == {
        "service": "determination",
        "aggregate_id": CASE,
        "version": 4,
        "state": {"status": "decided_aln"},
        "in_force": IN_FORCE,  # the state on each key date
    }
    assert json.loads(files["verification.json"]) == VERIFICATION


def test_the_notices_are_the_notice_events_as_sent(bundle: bytes) -> None:
    given = TIMELINE[3]
    keep = ("service", "aggregate_id", "version", "recorded_at", "actor", "integrity_hash", "data")
    assert jsonl(unpack(bundle)["notices.jsonl"]) == [
        {"notice": "Determination.NoticeIssued", "given_on": "2026-03-20",
         **{k: given[k] for k in keep}},
    ]  # fmt: skip
    manifest = json.loads(unpack(bundle)[MANIFEST])
    assert manifest["notices_from"].startswith("the deciding services' events")


def test_the_notifications_proof_of_notice_is_among_the_notices() -> None:
    notice = "5e1c2a4e-0000-4000-8000-000000000003"
    at = "2026-03-20T11:07:00+00:00"
    given = event(
        "notifications",
        notice,
        2,
        "NoticeGiven",
        at,
        channel="email",
        content_sha256="cd" * 32,
        given_on="2026-03-20",
    )
    timeline = [*TIMELINE, event("notifications", notice, 1, "NoticeCreated", at), given]
    bundle = build_bundle(LEARNER, timeline, STATES, VERIFICATION, GENERATED_AT)
    found = jsonl(unpack(bundle)["notices.jsonl"])
    assert [(n["notice"], n["given_on"]) for n in found] == [
        ("Determination.NoticeIssued", "2026-03-20"),
        ("NoticeRecord.NoticeGiven", "2026-03-20"),
    ]
    assert found[1]["data"]["content_sha256"] == "cd" * 32


def test_every_evidence_document_named_is_listed_by_its_sha256(bundle: bytes) -> None:
    documents = json.loads(unpack(bundle)["documents.json"])
    assert documents == [
        {
            "sha256": DOCUMENT,
            "filename": "report.pdf",
            "media_type": "application/pdf",
            "size": 1024,
            "named_in": [
                {
                    "service": "determination",
                    "aggregate_id": CASE,
                    "version": 2,
                    "event": "EvidenceSubmitted",
                }
            ],
        }
    ]


def test_a_subject_access_export_holds_the_documents_it_was_given_and_names_the_rest() -> None:
    """The evidence documents' bytes (those still readable) go in as ``documents/<sha256>``,
    each listed in the manifest and named as its file in ``documents.json``."""
    other = "cd" * 32
    timeline = [*TIMELINE, event(
        "determination", CASE, 5, "EvidenceSubmitted", "2026-03-21T10:00:00+00:00",
        documents=[{"sha256": other, "filename": "gone.pdf", "media_type": "application/pdf",
                    "size": 10}],
    )]  # fmt: skip
    exported = build_bundle(
        LEARNER, timeline, STATES, VERIFICATION, GENERATED_AT, evidence={DOCUMENT: b"%PDF-1.7 r"}
    )
    files = unpack(exported)
    assert files[f"documents/{DOCUMENT}"] == b"%PDF-1.7 r"
    assert manifest_problems(files) == []
    listed = {d["sha256"]: d for d in json.loads(files["documents.json"])}
    assert listed[DOCUMENT]["file"] == f"documents/{DOCUMENT}"
    assert "file" not in listed[other]  # not readable any more: named only
    assert f"documents/{other}" not in files


def test_the_pdf_names_the_learner_the_check_and_every_event(bundle: bytes) -> None:
    text = pdf_text(unpack(bundle)["timeline.pdf"])
    assert "Bwndel achos Llwybr / Llwybr case bundle" in text
    assert LEARNER in text
    assert "Passed" in text
    for name in ("concern-raised", "evidence-submitted", "decided", "notice-issued", "opened"):
        assert name in text


def test_the_timeline_reads_in_plain_welsh_and_english_with_the_names() -> None:
    """Issue 18: public event names and labels in both languages, the learner's name and the
    organisations' names, no Python class paths; ids only as references."""
    names = Names(
        learner="Cerys Jones",
        organisations={SCHOOL: Label("Ysgol Gynradd Enghraifft", "Example Primary School")},
    )
    files = unpack(build_bundle(LEARNER, TIMELINE, STATES, VERIFICATION, GENERATED_AT, names=names))
    readable = json.loads(files["timeline.json"])
    assert readable["learner_name"] == "Cerys Jones"
    first = readable["events"][0]
    assert first["event"] == "determination.concern-raised"
    assert first["what"] == {
        "cy": "Pryder wedi'i godi y gallai fod gan y dysgwr ADY",
        "en": "Concern raised that the learner may have ALN",
    }
    assert first["by"] == {"cy": "Ysgol Gynradd Enghraifft", "en": "Example Primary School"}
    assert first["reference"] == {"service": "determination", "record": CASE, "version": 1}
    text = " ".join(pdf_text(files["timeline.pdf"]).split())
    for words in (
        "Cerys Jones", "Pryder wedi'i godi y gallai fod gan y dysgwr ADY",
        "Concern raised that the learner may have ALN", "Tystiolaeth wedi'i chyflwyno",
        "Evidence submitted", "Example Primary School", "Ysgol Gynradd Enghraifft",
        "Paratoi CDU wedi dechrau", "Preparation of an IDP started",
    ):  # fmt: skip
        assert words in text, words
    for raw in (".domain:", "Determination.", "ConcernRaised", f"@{SCHOOL}"):
        assert raw not in text, raw
        assert raw not in files["timeline.json"].decode(), raw


def test_an_unnamed_organisation_is_its_kind_and_number_and_a_private_event_is_said_so() -> None:
    private = event("determination", CASE, 5, "GraduatedResponseRecorded", "2026-03-21T09:00:00Z")
    files = unpack(build_bundle(LEARNER, [private], {}, VERIFICATION, GENERATED_AT))
    [entry] = json.loads(files["timeline.json"])["events"]
    assert entry["by"] == {"cy": "Ysgol 6652001", "en": "School 6652001"}
    assert entry["what"] == {"cy": PRIVATE.cy, "en": PRIVATE.en}
    assert entry["event"] is None


def test_every_issued_plan_version_is_in_the_bundle_and_named_by_its_event() -> None:
    issued = [
        {**event("idp", PLAN, v, name, f"2026-03-2{v}T09:00:00+00:00", number=n),
         "public_event": "wales.aln.idp.issued.v1"}
        for v, name, n in ((2, "Issued", 1), (3, "Revised", 2))
    ]  # fmt: skip
    plans = {(PLAN, 1): b"%PDF-1.7 version 1", (PLAN, 2): b"%PDF-1.7 version 2"}

    files = unpack(
        build_bundle(LEARNER, [*TIMELINE, *issued], STATES, VERIFICATION, GENERATED_AT,
                     plans=plans)
    )  # fmt: skip

    assert files[f"plans/idp-{PLAN}-v1.pdf"] == b"%PDF-1.7 version 1"
    assert files[f"plans/idp-{PLAN}-v2.pdf"] == b"%PDF-1.7 version 2"
    assert manifest_problems(files) == []
    readable = json.loads(files["timeline.json"])["events"]
    assert [(e["event"], e.get("document")) for e in readable[-2:]] == [
        ("idp.issued", f"plans/idp-{PLAN}-v1.pdf"),
        ("idp.issued", f"plans/idp-{PLAN}-v2.pdf"),
    ]
    assert f"plans/idp-{PLAN}-v2.pdf" in pdf_text(files["timeline.pdf"]).replace("\n", "")


def test_a_long_timeline_wraps_and_runs_on_to_more_pages() -> None:
    many = [
        event("determination", CASE, n, f"GraduatedResponseRecorded{n}", "2026-03-02T09:00:00Z")
        for n in range(1, 121)
    ]
    files = unpack(build_bundle(LEARNER, many, {}, VERIFICATION, GENERATED_AT))
    reader = pypdf.PdfReader(io.BytesIO(files["timeline.pdf"]))
    assert len(reader.pages) > 2
    assert f"{CASE[:8]} v120" in pdf_text(files["timeline.pdf"])


def test_a_broken_chain_is_named_in_the_pdf() -> None:
    broken = {
        "ok": False,
        "checked": [],
        "first_broken": {
            "service": "determination",
            "ok": False,
            "broken": {"originator_id": CASE, "originator_version": 2, "reason": "altered"},
        },
    }
    files = unpack(build_bundle(LEARNER, TIMELINE, STATES, broken, GENERATED_AT))
    text = pdf_text(files["timeline.pdf"])
    assert "FAILED" in text
    assert CASE in text.replace("\n", "")


def test_the_same_input_gives_the_same_bytes(bundle: bytes) -> None:
    again = build_bundle(LEARNER, TIMELINE, STATES, VERIFICATION, GENERATED_AT)
    assert again == bundle
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 4, 1, 9, 30, 0)}


def test_a_naive_generated_at_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        build_bundle(LEARNER, TIMELINE, STATES, VERIFICATION, datetime(2026, 4, 1))


def test_a_state_key_that_is_not_a_safe_file_name_is_refused() -> None:
    with pytest.raises(ValueError, match="service"):
        build_bundle(LEARNER, TIMELINE, {"idp/../../x": {}}, VERIFICATION, GENERATED_AT)


# -- through the gateway ----------------------------------------------------------------------


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[Gateway]:
    app = create_app(Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path)))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield Gateway(client, tmp_path)


async def test_an_auditor_downloads_a_learners_bundle_that_checks_out(gateway: Gateway) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    assert created.status_code == 201, created.text
    case_id, learner_id = created.json()["id"], created.json()["learner_id"]
    decided = await gateway.as_(SCHOOL, "POST", f"/v1/determinations/{case_id}/decision", json={
        "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
        "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
    assert decided.is_success, decided.text

    response = await gateway.as_(AUDITOR, "GET", f"/v1/audit/learners/{learner_id}/bundle")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"].startswith("attachment;")
    files = unpack(response.content)
    assert manifest_problems(files) == []
    jwks = (await gateway.client.get("/.well-known/jwks.json")).json()
    assert check_manifest_signature(files[MANIFEST], files[SIGNATURE], jwks) == ""
    events = jsonl(files["events.jsonl"])
    assert [(e["service"], e["event"]) for e in events][:3] == [
        ("determination", "Registered"),  # the learner registry's record comes first
        ("determination", "ConcernRaised"),
        ("determination", "Decided"),
    ]
    state = json.loads(files[f"states/determination-{case_id}.json"])
    assert state["state"]["status"] == "decided_aln"
    key_dates = [(s["in_force_on"], s["state"]["status"]) for s in state["in_force"]]
    assert key_dates == [("2026-03-02", "gathering_information"), ("2026-03-20", "decided_aln")]
    assert json.loads(files["verification.json"])["ok"] is True
    text = " ".join(pdf_text(files["timeline.pdf"]).split())
    assert "Cerys Jones" in text  # the registry's name of the learner
    assert "Concern raised that the learner may have ALN" in text
    assert "Penderfyniad a oes gan y dysgwr ADY" in text


async def test_the_bundle_is_for_auditors_and_its_download_is_logged(gateway: Gateway) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    assert created.status_code == 201, created.text
    url = f"/v1/audit/learners/{created.json()['learner_id']}/bundle"
    denied = await gateway.as_(SCHOOL, "GET", url)
    assert denied.status_code == 403
    assert (await gateway.as_(AUDITOR, "GET", url)).status_code == 200
    # The school's refusal (by scope, before any record) is in no LA's jurisdiction: the
    # auditor for Wales reads every row.
    log = (await gateway.as_("auditor:wales", "GET", "/v1/access-audit")).json()["items"]
    downloads = [(e["organisation"], e["status"]) for e in log if e["path"] == url]
    assert downloads == [(SCHOOL, 403), (AUDITOR, 200)]


async def test_a_decision_entered_late_is_in_force_from_its_date_on_the_other_axis(
    gateway: Gateway,
) -> None:
    created = await gateway.as_(SCHOOL, "POST", "/v1/determinations", json=CONCERN)
    case_id = created.json()["id"]
    base = f"/v1/determinations/{case_id}"
    asked = await gateway.as_(SCHOOL, "POST", f"{base}/evidence-requests", json={
        "request_id": "ep1", "from_organisation": "lhb:7A1", "description": "EP report",
        "requested_on": "2026-03-25"})  # fmt: skip
    assert asked.is_success, asked.text
    known_then = datetime.now(UTC)
    decided = await gateway.as_(SCHOOL, "POST", f"{base}/decision", json={
        "has_aln": True, "reasons": "Needs ALP", "decided_on": "2026-03-20",
        "decided_by": SCHOOL, "person": "ALNCo"})  # fmt: skip
    assert decided.is_success, decided.text
    url = f"/v1/audit/determination/aggregates/{case_id}"

    async def state(**params: str) -> dict[str, Any]:
        response = await gateway.as_(AUDITOR, "GET", url, params=params)
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found

    in_force = await state(in_force_on="2026-03-21")
    assert (in_force["state"]["status"], in_force["state"]["evidence_requests"]) == (
        "decided_aln", {},
    )  # fmt: skip
    assert (in_force["version"], in_force["not_in_force"]) == (3, [2])
    assert [e["in_force_on"] for e in in_force["events"]] == ["2026-03-02", "2026-03-20"]
    recorded = await state(as_of_recorded=known_then.isoformat())
    assert (recorded["state"]["status"], list(recorded["state"]["evidence_requests"])) == (
        "gathering_information", ["ep1"],
    )  # fmt: skip
    both = await state(as_of_recorded=known_then.isoformat(), in_force_on="2026-03-21")
    assert (both["state"]["status"], both["version"]) == ("gathering_information", 1)
    before = await state(in_force_on="2026-03-01")
    assert (before["state"], before["version"], before["not_in_force"]) == (None, 0, [1, 2, 3])
