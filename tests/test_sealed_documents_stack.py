"""Documents and ALP sealed per learner (issue 23, ADR 0023) end to end through the gateway of
a stack: an evidence document's bytes and an ALP element's free text are ciphertext in every
PostgreSQL table, clear to those who may read them through the API (the document in the
subject access export too), and after the learner's erasure the document answers 410
`personal-data-erased` (named only in the export), the element's text reads as null and the
chains still verify."""

import io
import uuid
import zipfile
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from llwybr.settings import RuntimeSettings

from .access_stories import AUDITOR, HOME_SCHOOL, LA, Callers, concern, ok, pupil, raised, today
from .access_stories import until as eventually
from .stack import Stack
from .test_personal_data_stack import rows_naming
from .test_provision_stack import ELEMENT, SCHOOL, issued_plan

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ERASURE = {"erased_on": today(), "schedule": "aln-file-25", "recorded_by": LA}


@pytest.fixture(scope="module")
def runtime(postgres_runtime: RuntimeSettings) -> RuntimeSettings:
    return postgres_runtime


@pytest.fixture(scope="module")
def callers(shared_stack: Stack) -> Iterator[Callers]:
    shared_stack.ensure_running()
    found = Callers(shared_stack)
    yield found
    found.close()


def verified(callers: Callers, learner_id: str) -> bool:
    answer = ok(callers(AUDITOR).get("/v1/audit/verify", params={"learner_id": learner_id}))
    return bool(answer["ok"])


def exported(la: httpx.Client, learner_id: str) -> dict[str, bytes]:
    """The files of the learner's subject access export."""
    response = la.get(f"/v1/learners/{learner_id}/subject-access")
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_an_evidence_document_is_ciphertext_clear_to_readers_and_gone_after_the_erasure(
    runtime: RuntimeSettings, callers: Callers
) -> None:
    marker = f"Gwenllian{uuid.uuid4().hex[:8]}"
    content = f"Educational psychologist's report on {marker}: reading age 6\n".encode()
    case_id, learner_id = raised(callers, concern(pupil()))
    school, la = callers(HOME_SCHOOL), callers(LA)
    sent = school.post(
        f"/v1/determinations/{case_id}/evidence",
        data={"submitted_by": HOME_SCHOOL, "summary": "EP report", "submitted_on": today()},
        files={"documents": ("ep.txt", content, "text/plain")},
    )
    assert sent.status_code == 200, sent.text
    [evidence] = ok(school.get(f"/v1/determinations/{case_id}"))["evidence"]
    sha256 = evidence["documents"][0]["sha256"]
    assert rows_naming(runtime, marker) == []  # the bytes too (a bytea's hex)
    for reader in (school, la):
        got = reader.get(f"/v1/documents/{sha256}")
        assert (got.status_code, got.content) == (200, content), got.text
    assert exported(la, learner_id).get(f"documents/{sha256}") == content  # subject access

    ok(la.post(f"/v1/learners/{learner_id}/erasure", json=ERASURE))
    assert f"documents/{sha256}" not in exported(la, learner_id)  # named only, now

    gone = school.get(f"/v1/documents/{sha256}")
    assert gone.status_code == 410, gone.text
    assert gone.headers["content-type"].startswith("application/problem+json")
    assert gone.json()["type"].endswith("/personal-data-erased")
    assert verified(callers, learner_id)


def test_an_alp_elements_text_is_ciphertext_read_through_the_api_and_null_once_erased(
    runtime: RuntimeSettings, callers: Callers
) -> None:
    tag = uuid.uuid4().hex[:8]
    secrets = {"provision": f"Phonics{tag} with Mr Pugh", "delivered_by": f"Mr Pugh{tag}",
               "intended_outcome": f"Reads{tag} 100 words"}  # fmt: skip
    plan, learner_id = issued_plan(callers, {**ELEMENT, **secrets})
    school, la = callers(SCHOOL), callers(LA)
    for text in secrets.values():
        assert rows_naming(runtime, text) == [], text
    [element] = ok(school.get(f"/v1/idps/{plan}/versions/1"))["content"]["alp"]
    assert {k: element[k] for k in secrets} == secrets
    provided = school.get("/v1/idps-alp", params={"provider": SCHOOL})
    assert provided.status_code == 200, provided.text
    assert any(r["idp_id"] == plan and r["element_id"] == "e1" for r in provided.json())
    ok(school.get(f"/v1/idps/{plan}/provision"))

    ok(la.post(f"/v1/learners/{learner_id}/erasure", json=ERASURE))

    def erased() -> dict[str, Any] | None:  # the IDP service's key cache lasts 30 s at most
        [found] = ok(school.get(f"/v1/idps/{plan}/versions/1"))["content"]["alp"]
        return found if found["provision"] is None else None

    element = eventually(erased, what="the element's text read as null", timeout=60)
    assert (element["delivered_by"], element["intended_outcome"]) == (None, None)
    assert element["provider_organisation"] == SCHOOL  # the facts judged on stay
    assert ok(school.get(f"/v1/idps/{plan}/provision"))
    assert verified(callers, learner_id)
