"""Children's personal data (issue 23, ADR 0023) end to end through the gateway of a stack:
the learner's name is ciphertext in PostgreSQL and never on a topic; the responsible LA's
erasure destroys their key, after which their name is nowhere readable (store, read models,
notices, outbox files), the chains still verify, and another learner is untouched."""

import asyncio
import email
import email.policy
import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import psycopg
import pypdf
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from contracts import topics
from llwybr.settings import RuntimeSettings
from llwybr_testkit import postgres_conninfo, read_envelopes

from .access_stories import (
    AUDITOR,
    HOME_SCHOOL,
    LA,
    LEARNER_FOLLOWERS,
    SECOND_LA,
    SYSTEM,
    TRIBUNAL,
    Callers,
    as_told,
    concern,
    decision,
    emails_to,
    ok,
    pupil,
    raised,
    today,
    until,
)
from .stack import Stack, reconfigured

pytestmark = [pytest.mark.integration, pytest.mark.slow]

#: The services' topics, every one of which a learner's events may go on.
PUBLIC_TOPICS = [topic.name for topic in topics.ALL]


@pytest.fixture(scope="module")
def runtime(postgres_runtime: RuntimeSettings, kafka_bootstrap: str) -> RuntimeSettings:
    return postgres_runtime.model_copy(
        update={"kafka_bootstrap_servers": kafka_bootstrap, "consumer_start_from": "latest"}
    )


@pytest.fixture(scope="module")
def outbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the notifications service writes the notices it gives (no mail server here)."""
    return tmp_path_factory.mktemp("personal-outbox")


@pytest.fixture(scope="module")
def callers(shared_stack: Stack, outbox: Path) -> Iterator[Callers]:
    """The shared stack, its notifications service giving notices to files for this module
    (put back as it was afterwards: the other modules' notices go by SMTP)."""
    with reconfigured(shared_stack, "notifications", {
        "NOTIFICATIONS_EMAIL_TRANSPORT": "file",
        "NOTIFICATIONS_OUTBOX_DIR": str(outbox),
        "NOTIFICATIONS_DELIVERY_POLL_SECONDS": "0.2",
    }):  # fmt: skip
        shared_stack.wait_caught_up(LEARNER_FOLLOWERS)
        found = Callers(shared_stack)
        try:
            yield found
        finally:
            found.close()


def outbox_naming(outbox: Path, text: str) -> list[str]:
    """The outbox files (the notices as given, embedded in the file transport) holding ``text``
    in any form a reader would see (the raw file, or its decoded parts)."""
    found = []
    for path in outbox.glob("*.eml"):
        with path.open("rb") as file:
            message = email.message_from_binary_file(file, policy=email.policy.default)
        parts = [str(message)] + [
            str(part.get_content()) for part in message.walk() if not part.is_multipart()
        ]
        if any(text in part for part in parts):
            found.append(path.name)
    return found


def rows_naming(runtime: RuntimeSettings, text: str) -> list[str]:
    """Every table of the database (every service's store, read models, the gateway's audit
    and idempotency records, the key store) with a row holding ``text``, as text or as the
    bytes of a ``bytea`` column (stored events are bytes)."""
    found = []
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
            "AND table_type = 'BASE TABLE'"
        ).fetchall()
        for schema, table in tables:
            hit = conn.execute(
                f'SELECT 1 FROM "{schema}"."{table}" t WHERE t::text LIKE %s OR t::text LIKE %s '
                "LIMIT 1",
                (f"%{text}%", f"%{text.encode().hex()}%"),
            ).fetchone()
            if hit:
                found.append(f"{schema}.{table}")
    return found


def stored_events_of(runtime: RuntimeSettings, learner_id: str) -> str:
    with psycopg.connect(postgres_conninfo(runtime), autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_schema FROM information_schema.tables "
            "WHERE table_name = 'determination_events'"
        ).fetchall()
        return "".join(
            bytes(state).decode()
            for (schema,) in tables
            for (state,) in conn.execute(
                f'SELECT state FROM "{schema}".determination_events WHERE originator_id = %s',
                (uuid.UUID(learner_id),),
            ).fetchall()
        )


def test_an_erased_learners_name_is_nowhere_and_the_history_still_verifies(
    runtime: RuntimeSettings, callers: Callers
) -> None:
    name, other_name = f"Gwenllian{uuid.uuid4().hex[:8]}", f"Osian{uuid.uuid4().hex[:8]}"
    case_id, learner_id = raised(callers, concern(pupil(given_name=name)))
    _, other_id = raised(callers, concern(pupil(given_name=other_name)))
    la = callers(LA)
    assert ok(la.get(f"/v1/learners/{learner_id}"))["given_name"] == name  # reads open seals

    # Stored: ciphertext, never the name; published: never the name.
    assert "pd1:" in stored_events_of(runtime, learner_id)
    assert rows_naming(runtime, name) == []
    envelopes = asyncio.run(
        read_envelopes(
            runtime.kafka_bootstrap_servers, "aln.determination.v1", {learner_id, case_id}, 2
        )
    )
    assert envelopes
    assert all(name not in repr(envelope) for envelope in envelopes)  # data and headers

    erasure = {"erased_on": today(), "schedule": "aln-file-25", "recorded_by": LA}
    refused = callers(HOME_SCHOOL).post(f"/v1/learners/{learner_id}/erasure", json=erasure)
    assert refused.status_code in (403, 404), refused.text
    erased = ok(la.post(f"/v1/learners/{learner_id}/erasure", json=erasure))
    assert erased["personal_data_erased"] == (
        f"personal data erased on {today()} under schedule aln-file-25"
    )

    entry = ok(la.get(f"/v1/learners/{learner_id}"))
    assert (entry["given_name"], entry["family_name"], entry["date_of_birth"]) == (None,) * 3
    case = ok(callers(HOME_SCHOOL).get(f"/v1/determinations/{case_id}"))
    assert case["learner"]["given_name"] is None
    assert rows_naming(runtime, name) == []
    assert ok(la.get(f"/v1/learners/{other_id}"))["given_name"] == other_name
    verified = ok(callers(AUDITOR).get("/v1/audit/verify", params={"learner_id": learner_id}))
    assert verified["ok"] is True


def test_bad_erasure_input_is_a_problem_and_changes_nothing(callers: Callers) -> None:
    name = f"Cerys{uuid.uuid4().hex[:8]}"
    _, learner_id = raised(callers, concern(pupil(given_name=name)))
    la = callers(LA)
    bad = la.post(
        f"/v1/learners/{learner_id}/erasure",
        json={"erased_on": today(), "schedule": "no spaces", "recorded_by": LA},
    )
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert ok(la.get(f"/v1/learners/{learner_id}"))["given_name"] == name


def test_a_subject_access_export_holds_the_learner_and_nobody_else(callers: Callers) -> None:
    name, sibling = f"Elin{uuid.uuid4().hex[:8]}", f"Dafydd{uuid.uuid4().hex[:8]}"
    # Two learners at the same school, the same family name: nothing of the other may leak.
    case_id, learner_id = raised(callers, concern(pupil(given_name=name, family_name="Morgan")))
    other_case, other_id = raised(callers, concern(pupil(given_name=sibling, family_name="Morgan")))
    la = callers(LA)
    url = f"/v1/learners/{learner_id}/subject-access"
    for intruder in (HOME_SCHOOL, SECOND_LA, AUDITOR):
        refused = callers(intruder).get(url)
        assert refused.status_code in (403, 404), (intruder, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
    ok(la.get(f"/v1/learners/{learner_id}"))  # an access-audit row about the learner

    response = la.get(url)

    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    events = [json.loads(line) for line in files["events.jsonl"].splitlines()]
    assert {e["aggregate_id"] for e in events} >= {case_id, learner_id}
    assert any(name in json.dumps(e) for e in events)  # decrypted
    everything = b"".join(files.values()).decode(errors="replace")
    for other in (sibling, other_id, other_case):
        assert other not in everything, other
    access = [json.loads(line) for line in files["access-audit.jsonl"].splitlines()]
    assert any(r["resource_id"] == learner_id and r["organisation"] == LA for r in access)
    summary = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files["timeline.pdf"])).pages
    )
    assert f"{name} Morgan" in " ".join(summary.split())
    assert files["manifest.jws"]
    exports = ok(callers(AUDITOR).get("/v1/access-audit", params={"resource_id": learner_id}))
    assert any(
        r["path"].endswith("/subject-access")
        and r["outcome"] == "granted"
        and r["organisation"] == LA
        for r in exports["items"]
    ), exports


def test_an_erased_learners_parent_is_ciphertext_then_nowhere_readable(
    runtime: RuntimeSettings, callers: Callers, outbox: Path
) -> None:
    """The notifications' contacts are sealed with the learner's key: the parent's name and
    email are ciphertext in every table. The decision notice given to the parent holds them
    in clear (the proof of notice) until the erasure reaches the notifications service: then
    the contacts read as erased, the notices drop them (and the outbox files go), and they are
    nowhere readable; another learner's parent and notices are untouched."""
    la, school = callers(LA), callers(HOME_SCHOOL)
    parents, cases = [], []
    for _ in range(2):
        tag = uuid.uuid4().hex[:8]
        case_id, learner_id = raised(callers, concern(pupil(given_name=f"Dylan{tag}")))
        parent = {"role": "parent", "name": f"Rhodri{tag}", "email": f"rhodri-{tag}@example.org"}
        url = f"/v1/contacts/learners/{learner_id}"
        known_as = f"Nia{tag}"  # the learner's name as the notices address them
        body = {"learner_name": known_as, "parties": [parent]}
        response = as_told(partial(la.put, url, json=body))
        assert response.status_code == 200, response.text
        parents.append((learner_id, parent, known_as))
        cases.append(case_id)
    (learner_id, parent, known_as), (other_id, other, other_known_as) = parents
    read = ok(la.get(f"/v1/contacts/learners/{learner_id}"))
    assert [(p["name"], p["email"]) for p in read["parties"]] == [(parent["name"], parent["email"])]
    for secret in (parent["name"], parent["email"], known_as):  # sealed in the contacts
        assert rows_naming(runtime, secret) == [], secret
    for case_id in cases:  # the decision notices to the parents
        ok(school.post(f"/v1/determinations/{case_id}/decision", json=decision(has_aln=False)))

    def given_to_parent(learner: str) -> list[dict[str, object]]:
        items = la.get("/v1/notices", params={"learner_id": learner}).json()["items"]
        return [n for n in items if n["recipient_role"] == "parent" and n["status"] == "given"]

    for learner, who in ((learner_id, parent), (other_id, other)):
        until(partial(given_to_parent, learner), what="the decision notice given to the parent")
        assert emails_to(outbox, who["email"]), who
    # the proof of notice holds them in clear until the erasure
    assert rows_naming(runtime, parent["email"]) != []
    assert outbox_naming(outbox, known_as) != []

    erasure = {"erased_on": today(), "schedule": "aln-file-25", "recorded_by": LA}
    ok(la.post(f"/v1/learners/{learner_id}/erasure", json=erasure))

    # the notifications service honours a shred made by another within its key cache's time
    def contacts_erased() -> dict[str, object] | None:
        found = ok(la.get(f"/v1/contacts/learners/{learner_id}"))
        return found if found["personal_data_erased"] else None

    erased = until(contacts_erased, what="the contacts read as erased", timeout=45)
    assert (erased["learner_name"], erased["parties"]) == (None, [])

    # the registry's published erasure reaches the notices
    def notices_erased() -> list[dict[str, object]] | None:
        items = la.get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
        return items if all(n["personal_data_erased"] for n in items) else None

    notices = until(notices_erased, what="the notices dropped the family's data", timeout=60)
    given = [n for n in notices if n["recipient_role"] == "parent" and n["status"] == "given"]
    assert [(n["recipient_name"], n["recipient_address"]) for n in given] == [(None, None)]
    assert given[0]["content_sha256"]  # the proof's hash stays
    detail = ok(la.get(f"/v1/notices/{given[0]['notice_id']}"))
    assert (detail["content_text"], detail["subject_line"]) == (None, None)
    assert detail["personal_data_erased"] == (
        f"personal data erased on {today()} under schedule aln-file-25"
    )
    for secret in (parent["name"], parent["email"], known_as):
        assert rows_naming(runtime, secret) == [], secret
        assert outbox_naming(outbox, secret) == [], secret
    kept = ok(la.get(f"/v1/contacts/learners/{other_id}"))
    assert [(p["name"], p["email"]) for p in kept["parties"]] == [(other["name"], other["email"])]
    assert emails_to(outbox, other["email"])
    assert outbox_naming(outbox, other_known_as) != []
    [other_notice] = given_to_parent(other_id)
    assert other_notice["recipient_address"] == other["email"]


def test_free_text_and_a_rectified_name_are_ciphertext_and_the_history_keeps_both(
    runtime: RuntimeSettings, callers: Callers
) -> None:
    """A case's free text (the graduated response, an evidence request) is sealed with the
    learner's key in every row; a rectification is a new event whose old and new names are
    sealed too, both read back through the history; after the erasure all read as null."""
    tag = uuid.uuid4().hex[:8]
    name, corrected = f"Gwion{tag}", f"Gwyon{tag}"
    secrets = [f"phonics{tag}", f"target{tag}", f"stammer{tag}"]
    case_id, learner_id = raised(callers, concern(pupil(given_name=name)))
    school, la = callers(HOME_SCHOOL), callers(LA)
    ok(school.post(f"/v1/determinations/{case_id}/graduated-response", json={
        "level": "targeted", "description": secrets[0], "small_steps_targets": [secrets[1]],
        "recorded_on": today(), "recorded_by": HOME_SCHOOL,
    }))  # fmt: skip
    ok(school.post(f"/v1/determinations/{case_id}/evidence-requests", json={
        "request_id": f"r-{tag}", "from_organisation": LA, "description": secrets[2],
        "requested_on": today(),
    }))  # fmt: skip
    rectified = ok(la.post(f"/v1/learners/{learner_id}/rectification", json={
        "given_name": corrected, "reason": f"misspelt{tag}", "rectified_on": today(),
        "recorded_by": LA,
    }))  # fmt: skip
    assert rectified["given_name"] == corrected
    case = ok(school.get(f"/v1/determinations/{case_id}"))
    assert case["graduated_response"][0]["description"] == secrets[0]
    for text in [*secrets, name, corrected, f"misspelt{tag}"]:
        assert rows_naming(runtime, text) == [], text
    history = ok(callers(AUDITOR).get(f"/v1/audit/determination/aggregates/{learner_id}"))
    rectification = [e for e in history["events"] if e["event"] == "Rectified"]
    assert rectification[0]["data"]["previous"] == {"given_name": name}

    erasure = {"erased_on": today(), "schedule": "aln-file-25", "recorded_by": LA}
    ok(la.post(f"/v1/learners/{learner_id}/erasure", json=erasure))
    case = ok(school.get(f"/v1/determinations/{case_id}"))
    assert case["graduated_response"][0]["description"] is None
    assert case["evidence_requests"][f"r-{tag}"]["description"] is None
    verified = ok(callers(AUDITOR).get("/v1/audit/verify", params={"learner_id": learner_id}))
    assert verified["ok"] is True


def test_the_retention_run_erases_the_due_learner_and_not_the_held(
    shared_stack: Stack, callers: Callers
) -> None:
    """The LA's report lists a learner due and one held by an appeal lodged; the daily run
    (``llwybr-audit retention run``, where the determination service's settings are) erases
    the due one only, as the manual erasure would, and names the system in the access audit;
    run again, it erases nothing more."""
    from typer.testing import CliRunner

    from gateway.cli import app as audit_cli

    school, la = callers(HOME_SCHOOL), callers(LA)
    learners = []
    for _ in range(2):  # both decided without ALN: due 6 years after the decision
        case_id, learner_id = raised(callers, concern(pupil()))
        ok(school.post(f"/v1/determinations/{case_id}/decision",
                       json=decision(has_aln=False)))  # fmt: skip
        learners.append(learner_id)
    due, held = learners
    ok(callers(TRIBUNAL).post("/v1/appeals", json={
        "learner_id": held, "learner_is_young_person": False, "appellant_kind": "parent",
        "appellant": "Parent of Cerys", "respondent": LA, "matter": "alp",
        "notice_given_on": today(), "lodged_on": today()}))  # fmt: skip

    def reported() -> dict[str, Any] | None:
        found = ok(la.get(f"/v1/local-authorities/{LA}/retention", params={"month": "2040-01"}))
        lines = {line["learner_id"]: line for line in found["due"] + found["held"]}
        ready = due in lines and held in lines and lines[held]["status"] == "held"
        return lines if ready else None

    lines = until(reported, what="the report listing one learner due and one held")
    assert lines[due]["status"] == "due"

    service, gateway = shared_stack.processes["determination"], shared_stack.processes["gateway"]
    env = {  # the service's settings, its var directory (the development KEK) made absolute
        **service.env, "LLWYBR_VAR_DIR": str(service.directory / "var"),
        "GATEWAY_POSTGRES_SCHEMA": gateway.env.get("GATEWAY_POSTGRES_SCHEMA", "gateway"),
    }  # fmt: skip
    run = ["retention", "run", "--la", LA, "--on", "2040-01-31", "--json",
           "--learner", due, "--learner", held]  # fmt: skip
    first = CliRunner().invoke(audit_cli, run, env=env)
    assert first.exit_code == 0, first.output
    done = json.loads(first.output)
    assert [line["learner_id"] for line in done["erased"]] == [due]
    assert [line["learner_id"] for line in done["held"]] == [held]

    entry = ok(la.get(f"/v1/learners/{due}"))
    assert entry["given_name"] is None
    assert entry["personal_data_erased"] == (
        "personal data erased on 2040-01-31 under schedule no-aln-6"
    )
    assert ok(la.get(f"/v1/learners/{held}"))["given_name"] == "Cerys"
    audit = ok(callers(SYSTEM).get("/v1/access-audit", params={"resource_id": due}))
    assert any(row["client_id"] == "system:retention" for row in audit["items"]), audit

    again = CliRunner().invoke(audit_cli, run, env=env)
    assert again.exit_code == 0, again.output
    assert json.loads(again.output)["erased"] == []


async def raw_messages(bootstrap_servers: str, key: str) -> list[bytes]:
    """Every raw message (value and headers, as bytes on the wire) keyed by ``key`` (the
    learner: the key of each of their events) on the services' topics, read from the start up
    to the end each topic had when asked: nothing is parsed, so nothing is left out."""
    consumer = AIOKafkaConsumer(
        *PUBLIC_TOPICS,
        bootstrap_servers=bootstrap_servers,
        group_id=f"raw-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        assigned: set[TopicPartition] = set()
        while not assigned:
            await consumer.getmany(timeout_ms=200)
            assigned = consumer.assignment()
        ends = await consumer.end_offsets(list(assigned))
        found, reached = [], {tp for tp in assigned if ends[tp] == 0}
        for tp in assigned:
            consumer.seek(tp, 0)
        while reached != assigned:
            batches = await consumer.getmany(timeout_ms=1000, max_records=5000)
            for tp, records in batches.items():
                for record in records:
                    if record.key == key.encode():
                        headers = b"".join(k.encode() + b"=" + v for k, v in record.headers)
                        found.append(headers + b"|" + (record.value or b""))
                if records and records[-1].offset + 1 >= ends[tp]:
                    reached.add(tp)
        return found
    finally:
        await consumer.stop()


def test_a_decisions_reasons_are_ciphertext_on_every_topic_and_quoted_to_the_family(
    runtime: RuntimeSettings, callers: Callers, outbox: Path
) -> None:
    """Issue 23: the reasons go on the topic as the seal the store holds (the same
    ciphertext), the learner's name never; the parent's notice quotes the reasons in clear
    (the notifications service opens the seal with the learner's key); after the erasure the
    reasons are nowhere readable, the notice's facts read them as null."""
    tag = uuid.uuid4().hex[:8]
    name, reasons = f"Heledd{tag}", f"Differentiated teaching meets it {tag}"
    case_id, learner_id = raised(callers, concern(pupil(given_name=name)))
    la, school = callers(LA), callers(HOME_SCHOOL)
    address = f"mam-{tag}@example.org"
    body = {"learner_name": name, "parties": [{"role": "parent", "name": f"Mam{tag}",
                                              "email": address}]}  # fmt: skip
    url = f"/v1/contacts/learners/{learner_id}"
    assert as_told(partial(la.put, url, json=body)).status_code == 200
    ok(school.post(f"/v1/determinations/{case_id}/decision",
                   json=decision(has_aln=False) | {"reasons": reasons}))  # fmt: skip

    def given_to_parent() -> list[dict[str, Any]]:
        items = la.get("/v1/notices", params={"learner_id": learner_id}).json()["items"]
        return [n for n in items if n["recipient_role"] == "parent" and n["status"] == "given"]

    [notice] = until(given_to_parent, what="the decision notice given to the parent")
    [message] = emails_to(outbox, address)
    plain = message.get_body(("plain",))
    assert plain is not None
    assert reasons in " ".join(str(plain.get_content()).split())
    detail = ok(la.get(f"/v1/notices/{notice['notice_id']}"))
    assert detail["facts"]["reasons"] == reasons  # opened for the notice's reader

    raw = asyncio.run(raw_messages(runtime.kafka_bootstrap_servers, learner_id))
    assert any(b"wales.aln.determination.decided.v3" in m for m in raw), len(raw)
    for text in (reasons, name, tag):
        assert not [m for m in raw if text.encode() in m], text
    decided = next(m for m in raw if b"wales.aln.determination.decided.v3" in m)
    seal = json.loads(decided.split(b"|", 1)[1])["reasons"]
    assert seal["sealed"].startswith("pd1:")
    assert seal["learner_id"] == learner_id
    assert seal["sealed"] in stored_events_of(runtime, case_id)  # the very seal stored

    erasure = {"erased_on": today(), "schedule": "aln-file-25", "recorded_by": LA}
    ok(la.post(f"/v1/learners/{learner_id}/erasure", json=erasure))

    def erased() -> dict[str, Any] | None:
        found = ok(la.get(f"/v1/notices/{notice['notice_id']}"))
        # the seal no longer opens once the vault's cache of the key lapses (30 s at most)
        done = found["personal_data_erased"] and found["facts"]["reasons"] is None
        return found if done else None

    after = until(erased, what="the erasure reaching the notices", timeout=60)
    assert after["content_text"] is None
    assert rows_naming(runtime, reasons) == []
    assert outbox_naming(outbox, reasons) == []
