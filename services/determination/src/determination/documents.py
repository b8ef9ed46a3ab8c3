"""Evidence documents, stored content-addressed (SHA-256) in the service's own database.

Only the hash, name, type and size go into events; the bytes stay here. Limits on size and
type are checked before anything is stored.

The bytes are sealed with the key of the learner whose case they were given to (issue 23,
ADR 0023), one copy per learner (the same report given for two learners is two copies, each
under its own key), the document's SHA-256 bound into the seal: destroying a learner's key
makes their copy noise, and a read then raises ``LearnerErasedError``. The SHA-256 the events
name is the clear content's: it is what a reader checks a download against, and the chain
covers the event naming it, not the stored bytes, so verification needs no key. Rows stored
before sealing (``evidence_documents``, in clear) still read. Without a bound vault (unit tests
of table code) bytes are kept in clear as before.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import sqlalchemy as sa

from determination.domain import Document
from llwybr.personal_data.bound import vault_of
from llwybr.personal_data.fields import LearnerErasedError

documents = sa.Table(
    "evidence_documents",
    sa.MetaData(),
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
)

#: The sealed copies, one per document and learner (the seal is ``pd1:...`` in ASCII).
sealed_documents = sa.Table(
    "evidence_document_seals",
    documents.metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
)

document_cases = sa.Table(
    "evidence_document_cases",
    documents.metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("determination_id", sa.String(36), primary_key=True),
)

#: Accepted types and how their content starts (the declared type must match the bytes).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "text/plain": (),
}


@dataclass(frozen=True)
class Upload:
    """A document as it was uploaded, not yet checked."""

    filename: str
    media_type: str
    content: bytes


class DocumentRefusedError(ValueError):
    """A document is too large, empty, of a type not accepted, or not what it claims to be."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class DocumentStore:
    def __init__(self, engine: sa.Engine, max_bytes: int) -> None:
        self._engine, self._max_bytes = engine, max_bytes

    @property
    def max_bytes(self) -> int:
        """The largest document accepted."""
        return self._max_bytes

    def check(self, filename: str, media_type: str, content: bytes) -> Document:
        """The document's reference, or DocumentRefusedError saying why it is refused."""
        if not content:
            raise DocumentRefusedError(f"{filename} is empty", 422)
        if len(content) > self._max_bytes:
            raise DocumentRefusedError(
                f"{filename} is {len(content)} bytes; the limit is {self._max_bytes}", 413
            )
        base_type = media_type.split(";")[0].strip().lower()
        if base_type not in SIGNATURES:
            accepted = ", ".join(sorted(SIGNATURES))
            raise DocumentRefusedError(f"{filename}: {base_type} is not accepted ({accepted})", 415)
        signatures = SIGNATURES[base_type]
        if signatures and not content.startswith(signatures):
            raise DocumentRefusedError(f"{filename} is not a {base_type} file", 415)
        if base_type == "text/plain":
            try:
                content.decode("utf-8")
            except UnicodeDecodeError:
                raise DocumentRefusedError(f"{filename} is not UTF-8 text", 415) from None
        digest = hashlib.sha256(content).hexdigest()
        return Document(sha256=digest, filename=filename, media_type=base_type, size=len(content))

    def put(
        self, document: Document, content: bytes, determination_id: UUID, learner_id: str
    ) -> None:
        """Store the bytes once per hash and learner, sealed with the learner's key, and which
        case they were given to (who may read them follows from the case).
        ``LearnerErasedError`` for a learner whose key was destroyed: nothing is stored."""
        vault = vault_of(self._engine)
        # sealed before the transaction: the vault is a store of its own
        sealed = None if vault is None else vault.seal(learner_id, content, _field(document.sha256))
        with self._engine.begin() as conn:
            linked = conn.execute(
                sa.select(document_cases.c.sha256).where(
                    document_cases.c.sha256 == document.sha256,
                    document_cases.c.determination_id == str(determination_id),
                )
            ).first()
            if linked is None:
                conn.execute(
                    document_cases.insert().values(
                        sha256=document.sha256, determination_id=str(determination_id)
                    )
                )
            if sealed is not None:
                self._put_sealed(conn, document, sealed.encode(), learner_id)
                return
            exists = conn.execute(
                sa.select(documents.c.sha256).where(documents.c.sha256 == document.sha256)
            ).first()
            if exists is None:
                conn.execute(
                    documents.insert().values(
                        sha256=document.sha256,
                        media_type=document.media_type,
                        size=document.size,
                        content=content,
                        stored_at=datetime.now(UTC),
                    )
                )

    @staticmethod
    def _put_sealed(
        conn: sa.Connection, document: Document, sealed: bytes, learner_id: str
    ) -> None:
        mine = (sealed_documents.c.sha256 == document.sha256) & (
            sealed_documents.c.learner_id == learner_id
        )
        if conn.execute(sa.select(sealed_documents.c.sha256).where(mine)).first() is None:
            conn.execute(
                sealed_documents.insert().values(
                    sha256=document.sha256,
                    learner_id=learner_id,
                    media_type=document.media_type,
                    size=document.size,
                    content=sealed,
                    stored_at=datetime.now(UTC),
                )
            )

    def cases_of(self, sha256: str) -> list[UUID]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(document_cases.c.determination_id).where(
                    document_cases.c.sha256 == sha256
                )
            )
            return [UUID(r.determination_id) for r in rows]

    def get(self, sha256: str, learner_ids: Sequence[str]) -> tuple[str, bytes] | None:
        """The document's type and clear bytes from a copy sealed for one of ``learner_ids``
        (those of the cases the reader may see), or its copy stored before sealing; None if
        there is neither. ``LearnerErasedError`` when every such copy's key was destroyed."""
        with self._engine.connect() as conn:
            copies = conn.execute(
                sa.select(sealed_documents).where(
                    sealed_documents.c.sha256 == sha256,
                    sealed_documents.c.learner_id.in_(learner_ids),
                )
            ).all()
            clear = conn.execute(
                sa.select(documents.c.media_type, documents.c.content).where(
                    documents.c.sha256 == sha256
                )
            ).first()
        erased: LearnerErasedError | None = None
        vault = vault_of(self._engine)
        for copy in copies:
            if vault is None:
                raise RuntimeError("a sealed document and no vault to open it")
            try:
                content = vault.open(copy.learner_id, bytes(copy.content).decode(), _field(sha256))
            except LearnerErasedError as error:
                erased = error
                continue
            return copy.media_type, content
        if clear is not None:
            return clear.media_type, bytes(clear.content)
        if erased is not None:
            raise erased
        return None


def _field(sha256: str) -> str:
    """The field bound into a document's seal: a copy cannot pass for another document."""
    return f"evidence_documents.{sha256}"
