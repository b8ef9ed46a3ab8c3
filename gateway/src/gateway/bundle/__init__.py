"""A Tribunal bundle: everything recorded about one learner's case, in one ZIP an auditor can
hand over and anyone can check.

The bundle holds the learner's events in recorded order (``events.jsonl``), each aggregate's
state now and as in force on each day one of its events took effect, the case's key dates
(``states/<service>-<aggregate_id>.json``), every notice as the deciding service recorded it
when it was given (``notices.jsonl``: the notices of docs/domain.md section 4, e.g. a decision's
notice, an issued or revised plan, a reconsideration's outcome, the Tribunal's decision), the
SHA-256 of every evidence document the events name (``documents.json``), the integrity check
(``verification.json``), every issued version of the learner's IDPs as the IDP service renders
it (``plans/idp-<plan_id>-v<n>.pdf``), the case in plain language (``timeline.json``: public
event names, Welsh and English labels, the learner's and organisations' names; ``readable``)
and its readable summary in both languages (``timeline.pdf``; ``pdf``), then ``manifest.json``: the
SHA-256 and size of every other file, so a copy can be checked without Llwybr, and last
``manifest.jws``: the gateway's signature of the manifest (``gateway.tokens.manifests``), so a
bundle rebuilt by anyone else does not pass for the gateway's.

The notices are the services' own records of them; the delivery of each (email, webhook) is
the notifications service's record, not in the bundle yet.

Building is pure and deterministic: the same input and ``generated_at`` give the same bytes
(fixed file order, fixed times in the ZIP, sorted JSON keys, a PDF dated ``generated_at``).

"""

import hashlib
import io
import json
import logging
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from gateway.bundle.pdf import render_timeline
from gateway.bundle.readable import Names, readable_timeline

logger = logging.getLogger(__name__)

BUNDLE_FORMAT = 2  # 2: signed, with the issued plans and the readable timeline
MANIFEST = "manifest.json"
SIGNATURE = "manifest.jws"
#: Stored events that are notices given (their class's qualified name, the end of the topic).
NOTICES = frozenset({
    "Determination.NoticeIssued",  # has ALN / no ALN / NHS referral
    "Idp.Issued", "Idp.Revised",  # the plan on the standard form
    "Idp.ReviewHeld",  # review outcome: revised or not revised
    "Idp.Transferred",  # responsibility transferred
    "Idp.CeaseProposed", "Idp.Ceased",  # proposal, then decision, to cease
    "Idp.RevisionDirected",  # the LA's direction to the governing body
    "Reconsideration.RepresentationsInvited",  # the other side told and invited
    "Reconsideration.NoticeIssued",  # the LA's outcome and the right of appeal
    "Appeal.Acknowledged", "Appeal.Decided",  # the Tribunal's acknowledgement and decision
    "NoticeRecord.NoticeGiven",  # the notifications service's proof: this recipient, this day
})  # fmt: skip
NOTICES_FROM = (
    "the deciding services' events, and the notifications service's proof of each notice "
    "delivered (NoticeRecord.NoticeGiven: recipient role, channel, content SHA-256, day given)"
)


# A name safe as part of a file name in the ZIP (no separators, no "..").
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Owner read/write, everyone read: a regular file, the same on every machine.
_FILE_MODE = 0o100644 << 16
_UNIX = 3


def build_bundle(
    learner_id: str,
    timeline: list[dict[str, Any]],
    states: Mapping[str, Mapping[str, Any]],
    verification: Mapping[str, Any],
    generated_at: datetime,
    sign: Callable[[bytes], str] | None = None,
    *,
    names: Names | None = None,
    plans: Mapping[tuple[str, int], bytes] | None = None,
    access: list[dict[str, Any]] | None = None,
    evidence: Mapping[str, bytes] | None = None,
) -> bytes:
    """The ZIP bundle of a learner's case.

    ``timeline`` is every event about the learner in recorded order (as the audit timeline
    gives them); ``states`` maps ``"<service>/<aggregate_id>"`` to that aggregate's history
    answer (``version`` and ``state``; its ``events`` are already in the timeline);
    ``verification`` is the learner's integrity check. ``generated_at`` must be
    timezone-aware: it dates the files in the ZIP and the PDF. ``sign`` gives the signature
    of the manifest's bytes (``manifest.jws``; none without it). ``names`` are the learner's
    and the organisations' names the auditor may read; ``plans`` every issued IDP version's
    PDF by (plan id, version number); ``access`` the access-audit rows about the learner
    (``access-audit.jsonl``: a subject access export holds them, a Tribunal bundle does not);
    ``evidence`` the evidence documents' bytes by SHA-256 (``documents/<sha256>``, named so in
    ``documents.json``: a subject access export holds those still readable).
    """
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    generated_at = generated_at.astimezone(UTC)
    files: list[tuple[str, bytes]] = [("events.jsonl", _jsonl(timeline))]
    for key in sorted(states):
        service, _, aggregate_id = key.partition("/")
        if not (_SAFE_NAME.match(service) and _SAFE_NAME.match(aggregate_id)):
            raise ValueError(f"not a <service>/<aggregate_id> key: {key!r}")
        answer = states[key]
        state = {
            "service": service,
            "aggregate_id": aggregate_id,
            "version": answer.get("version"),
            "state": answer.get("state"),
            "in_force": answer.get("in_force", []),
        }
        files.append((f"states/{service}-{aggregate_id}.json", _json(state)))
    files.append(("notices.jsonl", _jsonl(notices_given(timeline))))
    listed = named_documents(timeline)
    for entry in listed:
        if entry["sha256"] in (evidence or {}):
            entry["file"] = f"documents/{entry['sha256']}"
            files.append((entry["file"], (evidence or {})[entry["sha256"]]))
    files.append(("documents.json", _json(listed)))
    files.append(("verification.json", _json(verification)))
    if access is not None:
        files.append(("access-audit.jsonl", _jsonl(access)))
    documents = {}
    for (plan_id, number), pdf in sorted((plans or {}).items()):
        if not _SAFE_NAME.match(plan_id):
            raise ValueError(f"not a plan id: {plan_id!r}")
        documents[plan_id, number] = f"plans/idp-{plan_id}-v{number}.pdf"
        files.append((documents[plan_id, number], pdf))
    readable = readable_timeline(learner_id, timeline, names or Names(), documents)
    files.append(("timeline.json", _json(readable)))
    files.append(("timeline.pdf", render_timeline(readable, verification, generated_at)))
    manifest = {
        "bundle_format": BUNDLE_FORMAT,
        "learner_id": learner_id,
        "generated_at": generated_at.isoformat(),
        "notices_from": NOTICES_FROM,
        "files": [
            {"name": name, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
            for name, content in files
        ],
    }
    files.append((MANIFEST, _json(manifest)))
    if sign is not None:
        files.append((SIGNATURE, f"{sign(files[-1][1])}\n".encode()))
    return _zip(files, generated_at)


def notices_given(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every notice the events record as given, in recorded order: what, by which service,
    on which day (``given_on``: the day it took effect), and its content as stored."""
    found = []
    for event in timeline:
        notice = str(event.get("topic", "")).rpartition(":")[2]
        if notice in NOTICES:
            found.append({
                "notice": notice, "given_on": event.get("in_force_on"),
                **{k: event.get(k) for k in ("service", "aggregate_id", "version",
                                             "recorded_at", "actor", "integrity_hash", "data")},
            })  # fmt: skip
    return found


def named_documents(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every evidence document the events name (in ``documents`` lists, at any depth of an
    event's data), once per SHA-256 in order of first mention, with the events naming it."""
    found: dict[str, dict[str, Any]] = {}
    for event in timeline:
        for document in _documents_in(event.get("data")):
            sha256 = str(document["sha256"]).lower()
            if not _SHA256.match(sha256):
                continue
            entry = found.setdefault(
                sha256,
                {
                    "sha256": sha256,
                    "filename": document.get("filename"),
                    "media_type": document.get("media_type"),
                    "size": document.get("size"),
                    "named_in": [],
                },
            )
            mention = {k: event.get(k) for k in ("service", "aggregate_id", "version", "event")}
            if mention not in entry["named_in"]:
                entry["named_in"].append(mention)
    return list(found.values())


def _documents_in(value: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            if key == "documents" and isinstance(inner, list):
                yield from (d for d in inner if isinstance(d, Mapping) and "sha256" in d)
            else:
                yield from _documents_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _documents_in(inner)


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _jsonl(values: list[dict[str, Any]]) -> bytes:
    lines = (
        json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for v in values
    )
    return "".join(f"{line}\n" for line in lines).encode()


def _zip(files: list[tuple[str, bytes]], generated_at: datetime) -> bytes:
    # ZIP times have no zone and start in 1980; record the UTC time.
    stamp = max(generated_at, datetime(1980, 1, 1, tzinfo=UTC))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()
