"""A learner's erasure reaches the notices (issue 23, ADR 0023 addendum), on SQLite and
PostgreSQL: on the registry's ``learner-personal-data-erased`` the family's names and
addresses, the notices' subject lines and content, delivery addresses, delivery reports and
outbox files are dropped; each notice keeps its shape and says so; a notice not yet sent is
never sent. Another learner's notices are untouched."""

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from contracts import determination as det
from llwybr.consumer import TableEffect
from llwybr.personal_data.bound import bind
from llwybr.personal_data.kek import KeyRing
from llwybr.personal_data.vault import Vault
from llwybr.settings import RuntimeSettings
from llwybr_testkit import TEST_SECRET
from notifications.notices import sender, store
from notifications.notices.intake import handler
from notifications.notices.transport import Outcome
from notifications.settings import Settings
from notifications.tables import contact_parties, notice_bounces, notice_deliveries, notices

from .learners import envelope as learner_envelope
from .test_intake import decided
from .test_intake import engine as engine  # the store on SQLite, then PostgreSQL

ERASED = "personal data erased on 2051-05-02 under schedule aln-file-25"


def erasure(learner_id: str) -> det.LearnerPersonalDataErased:
    return det.LearnerPersonalDataErased(
        learner_id=learner_id, erased_on=date(2051, 5, 2), schedule="aln-file-25",
        erased_by="la:665",
    )  # fmt: skip


def with_parent(engine: sa.Engine, learner_id: str, name: str, email: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            contact_parties.insert().values(
                party_id=str(uuid.uuid4()), learner_id=learner_id, position=0, role="parent",
                name=name, email=email, language=None,
            )
        )  # fmt: skip


def given(engine: sa.Engine, learner_id: str, outbox: Path) -> str:
    """The learner's first notice as the sender leaves a given one: content, an attempt, a
    delivery report and its outbox file, each naming the parent."""
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(notices).where(notices.c.learner_id == learner_id).limit(1)
        ).one()
        name, address = row.recipient_name, row.recipient_address
        conn.execute(
            notices.update().where(notices.c.notice_id == row.notice_id).values(
                status=store.GIVEN, subject_line=f"Decision for {name}",
                content_text=f"Dear {name}", content_html=f"<p>Dear {name}</p>",
                content_sha256="ab" * 32, given_on=date(2026, 3, 3),
            )
        )  # fmt: skip
        at = datetime.now(UTC)
        conn.execute(
            notice_deliveries.insert().values(
                notice_id=row.notice_id, attempt=1, channel="email", address=address,
                started_at=at, finished_at=at, outcome="accepted", smtp_code=250,
                detail=f"250 OK <{address}>", content_sha256="ab" * 32,
            )
        )  # fmt: skip
        conn.execute(
            notice_bounces.insert().values(
                notice_id=row.notice_id, fingerprint="f1", received_at=at,
                envelope_from="", bounce="delivered", final_recipient=f"rfc822; {address}",
                diagnostic=f"250 delivered to {address}", subject=f"Decision for {name}",
                message_sha256="cd" * 32, message=f"To: {address}".encode(),
                evidence_recorded=False,
            )
        )  # fmt: skip
    outbox.mkdir(parents=True, exist_ok=True)
    (outbox / f"{row.notice_id}-0a1b2c3d.eml").write_text(f"To: {name} <{address}>")
    return str(row.notice_id)


def readable(engine: sa.Engine, learner_id: str) -> str:
    """Every stored value about the learner's notices, as one text to search."""
    with engine.connect() as conn:
        rows: list[Any] = list(
            conn.execute(sa.select(notices).where(notices.c.learner_id == learner_id))
        )
        ids = [r.notice_id for r in rows]
        rows += conn.execute(
            sa.select(notice_deliveries).where(notice_deliveries.c.notice_id.in_(ids))
        ).all()
        rows += conn.execute(
            sa.select(notice_bounces).where(notice_bounces.c.notice_id.in_(ids))
        ).all()
    return " ".join(str(tuple(r)) for r in rows)


def test_the_erasure_drops_the_familys_data_from_notices_and_outbox(
    engine: sa.Engine, tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"
    learner, other = str(uuid.uuid4()), str(uuid.uuid4())
    with_parent(engine, learner, "Siân Jones", "sian@example.org")
    with_parent(engine, other, "Tom Pritchard", "tom@example.org")
    effect = TableEffect(engine, "notifications.notices", handler(5, None, outbox))
    for who in (learner, other):
        effect.apply(decided(who, datetime.now(UTC)))
    notice_id, kept = given(engine, learner, outbox), given(engine, other, outbox)
    effect.apply(decided(learner, datetime.now(UTC)))  # a second notice, not yet sent
    assert "sian@example.org" in readable(engine, learner)

    assert effect.apply(learner_envelope(erasure(learner))) is True

    text = readable(engine, learner)
    assert "Siân" not in text
    assert "sian@" not in text
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(notices).where(notices.c.learner_id == learner).order_by(notices.c.status)
        ).all()
    assert [(r.status, r.personal_data_erased) for r in rows] == [
        (store.ESCALATED, ERASED), (store.GIVEN, ERASED),
    ]  # fmt: skip
    pending, sent = rows
    assert pending.escalation_reason == f"not sent: {ERASED}"
    assert (sent.notice_id, sent.content_sha256, sent.given_on) == (
        notice_id, "ab" * 32, date(2026, 3, 3),
    )  # fmt: skip  # the proof's hash and day stay
    assert (sent.recipient_role, sent.recipient_name, sent.content_text) == ("parent", None, None)
    assert [p.name for p in outbox.iterdir()] == [f"{kept}-0a1b2c3d.eml"]
    # nobody else was told: no notice of an undeliverable one to the LA that erased
    assert len(rows) == 2
    assert "tom@example.org" in readable(engine, other)
    assert "Tom Pritchard" in (outbox / f"{kept}-0a1b2c3d.eml").read_text()


def test_a_repeated_erasure_changes_nothing_more(engine: sa.Engine, tmp_path: Path) -> None:
    learner = str(uuid.uuid4())
    with_parent(engine, learner, "Siân Jones", "sian@example.org")
    effect = handler(5, None, tmp_path)
    tracked = TableEffect(engine, "notifications.notices", effect)
    tracked.apply(decided(learner, datetime.now(UTC)))
    erased = learner_envelope(erasure(learner))
    tracked.apply(erased)
    before = readable(engine, learner)
    with engine.begin() as conn:
        effect(conn, erased)  # past the consumer's record: nothing left to drop
    assert readable(engine, learner) == before


class Recording:
    channel = "email"

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    async def send(self, message: EmailMessage, envelope_from: str | None = None) -> Outcome:
        self.sent.append(message)
        return Outcome(True, False, 250, "OK")


@pytest.fixture
def vault(engine: sa.Engine, tmp_path: Path) -> Iterator[Vault]:
    """The one key store, bound to the service's engine as ``prepare_storage`` binds it (a
    database of its own, as in embedded mode: it has its own migrations)."""
    keys = sa.create_engine(f"sqlite:///{tmp_path / 'keys.sqlite'}")
    found = Vault(keys, KeyRing.from_file(tmp_path / "kek.json", create=True), cache_seconds=0)
    found.migrate()
    bind(engine, found)
    yield found
    found.close()


async def test_a_queued_notice_is_never_sent_once_the_key_is_destroyed(
    engine: sa.Engine, vault: Vault, tmp_path: Path
) -> None:
    """Before the registry's event arrives, the vault already knows: the sender withholds."""
    learner, other = str(uuid.uuid4()), str(uuid.uuid4())
    with_parent(engine, learner, "Siân Jones", "sian@example.org")
    with_parent(engine, other, "Tom Pritchard", "tom@example.org")
    effect = TableEffect(engine, "notifications.notices", handler(5))
    for who in (learner, other):
        effect.apply(decided(who, datetime.now(UTC)))
    vault.shred(learner, erased_on=date(2051, 5, 2), erased_by="la:665", schedule="aln-file-25")
    settings = Settings(
        runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path, internal_secret=TEST_SECRET)
    )
    transport = Recording()
    assert await sender.deliver(settings, engine, transport) == 2
    assert [m["To"] for m in transport.sent] == ["Tom Pritchard <tom@example.org>"]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(notices).where(notices.c.learner_id == learner)).all()
    assert [(r.status, r.escalation_reason, r.attempts) for r in rows] == [
        (store.ESCALATED, f"not sent: {ERASED}", 0)
    ]  # the one notice: the LA that erased is not told of it
