"""Evidence documents' bytes are sealed with the key of the learner whose case they were given
to (issue 23, ADR 0023): ciphertext in the table, clear to those who may read the case, and
unreadable once the learner's key is destroyed, while the case's chain still verifies. A copy
per learner: the same report given for another learner stays readable. Rows stored in clear
before sealing still read. SQLite and PostgreSQL, a real vault."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
import sqlalchemy as sa

from determination.application import DeterminationService
from determination.documents import (
    DocumentStore,
    Upload,
    document_cases,
    documents,
    sealed_documents,
)
from llwybr.db import create_engine
from llwybr.personal_data.bound import bind
from llwybr.personal_data.fields import LearnerErasedError
from llwybr.principal import Principal
from llwybr.settings import ServiceSettings

from .test_application import LA, SCHOOL, at, pupil

REPORT = b"Educational psychologist's report on Cerys Jones: reading age 6."
STRANGER = Principal("alnco", "school:6652999", frozenset())


@pytest.fixture
def engine(service: DeterminationService, store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    """The service's database with the document tables and the one vault bound to its engine
    (as ``prepare_storage`` binds it)."""
    engine = create_engine(store_settings)
    for table in (documents, sealed_documents, document_cases):
        table.create(engine, checkfirst=True)
    assert service.vault is not None
    bind(engine, service.vault)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: sa.Engine) -> DocumentStore:
    return DocumentStore(engine, 100_000)


def given(service: DeterminationService, store: DocumentStore, given_name: str = "Cerys") -> UUID:
    """A case raised by the school with the report submitted to it; the case's id."""
    raised = service.raise_concern(
        SCHOOL, at("school:6652001", pupil(given_name=given_name), date(2026, 3, 2), given_name)
    )
    service.submit_evidence(
        SCHOOL, raised.determination_id, submitted_by="school:6652001", summary="EP report",
        uploads=[Upload("ep.txt", "text/plain", REPORT)], store=store,
        submitted_on=date(2026, 3, 5),
    )  # fmt: skip
    return raised.determination_id


def sha256_of(service: DeterminationService, case_id: UUID) -> str:
    [evidence] = service.determination(LA, case_id).evidence
    return str(evidence["documents"][0]["sha256"])


def read(
    service: DeterminationService, store: DocumentStore, who: Principal, sha256: str
) -> tuple[str, bytes] | None:
    return store.get(sha256, service.readable_learners(who, store.cases_of(sha256)))


def test_the_bytes_are_ciphertext_stored_and_clear_to_a_reader(
    service: DeterminationService, store: DocumentStore, engine: sa.Engine
) -> None:
    case_id = given(service, store)
    sha256 = sha256_of(service, case_id)
    with engine.connect() as conn:  # the raw rows, undecoded
        [row] = conn.execute(
            sa.select(sealed_documents).where(sealed_documents.c.sha256 == sha256)
        ).all()
        clear = conn.execute(sa.select(documents).where(documents.c.sha256 == sha256)).all()
    assert bytes(row.content).startswith(b"pd1:")
    assert b"Cerys" not in bytes(row.content)
    assert clear == []  # nothing in clear
    assert read(service, store, SCHOOL, sha256) == ("text/plain", REPORT)
    assert read(service, store, LA, sha256) == ("text/plain", REPORT)
    assert service.readable_learners(STRANGER, store.cases_of(sha256)) == []


def test_once_the_key_is_destroyed_the_copy_is_unreadable_and_the_case_verifies(
    service: DeterminationService, store: DocumentStore
) -> None:
    erased_case, kept_case = given(service, store), given(service, store, "Osian")
    sha256 = sha256_of(service, erased_case)
    assert sha256_of(service, kept_case) == sha256  # the same report, a copy per learner
    learner_id = str(service.determination(LA, erased_case).learner["learner_id"])
    service.erase_personal_data(
        LA, learner_id, erased_on=date(2051, 5, 2), schedule="S1", recorded_by="la:665"
    )
    with pytest.raises(LearnerErasedError):
        store.get(sha256, [learner_id])
    assert service.verify(erased_case).ok
    assert read(service, store, LA, sha256) == ("text/plain", REPORT)  # Osian's copy
    with pytest.raises(LearnerErasedError):  # no new key, so nothing stored for them
        store.put(store.check("again.txt", "text/plain", b"more"), b"more", erased_case, learner_id)


def test_a_document_stored_in_clear_before_sealing_still_reads(
    service: DeterminationService, store: DocumentStore, engine: sa.Engine
) -> None:
    raised = service.raise_concern(SCHOOL, at("school:6652001", pupil(), date(2026, 3, 2)))
    old = b"Stored before issue 23"
    document = store.check("old.txt", "text/plain", old)
    with engine.begin() as conn:  # a row as written before sealing
        conn.execute(documents.insert().values(
            sha256=document.sha256, media_type="text/plain", size=len(old), content=old,
            stored_at=datetime.now(UTC),
        ))  # fmt: skip
        conn.execute(document_cases.insert().values(
            sha256=document.sha256, determination_id=str(raised.determination_id)
        ))  # fmt: skip
    assert read(service, store, SCHOOL, document.sha256) == ("text/plain", old)
