"""The reasons a notice quotes arrive sealed, as the deciding service stored them (issue 23,
ADR 0023), on SQLite and PostgreSQL: the notice's facts keep the seal (no clear copy in the
notices table), the notice is rendered with the reasons opened by the learner's key for the
family; after the learner's erasure it renders without them (never fails). A webhook gets no
reasons at all, neither seal nor clear."""

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from contracts import determination as det
from contracts.sealed import Sealed
from llwybr.consumer import TableEffect
from llwybr.personal_data.vault import Vault
from notifications.notices import sender
from notifications.notices.intake import handler
from notifications.tables import notices
from notifications.webhooks.consumer import without_personal_text

from .test_erasure import vault as vault  # the one key store, bound to the engine
from .test_intake import SCHOOL, envelope
from .test_intake import engine as engine  # the store on SQLite, then PostgreSQL

REASONS = "Sioned makes good progress with the school's differentiated teaching"
ASK_FOR_THEM = "ask for them"


def sealed_reasons(vault: Vault, learner_id: str) -> Sealed:
    """The seal as the determination service's store holds it and its relay publishes it."""
    token = vault.seal(learner_id, json.dumps(REASONS).encode(), "reasons")
    return Sealed(learner_id=learner_id, field="reasons", sealed=token)


def decided_no_aln(learner_id: str, reasons: Sealed | str) -> Any:
    case = uuid.uuid4()
    event = det.Decided(
        determination_id=case, learner_id=learner_id, has_aln=False,
        decided_on=date(2026, 3, 2), decided_by=SCHOOL, deciding_body="school",
        local_authority="la:665", reconsidering_authority=None, within_time=True,
        young_person=False, looked_after=False, decision_deadline=None, reasons=reasons,
    )  # fmt: skip
    return envelope(event, learner_id, case, 3, datetime.now(UTC))


def decision_notice(engine: sa.Engine, learner_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(notices).where(
                notices.c.learner_id == learner_id, notices.c.kind == "decision_no_aln"
            )
        ).one()
    return dict(row._mapping)


def planned(engine: sa.Engine, vault: Vault) -> tuple[str, dict[str, Any]]:
    learner = str(uuid.uuid4())
    TableEffect(engine, "notifications.notices", handler(5)).apply(
        decided_no_aln(learner, sealed_reasons(vault, learner))
    )
    return learner, decision_notice(engine, learner)


def test_the_notice_keeps_the_seal_and_quotes_the_reasons_in_clear_to_the_family(
    engine: sa.Engine, vault: Vault
) -> None:
    learner, row = planned(engine, vault)
    assert REASONS not in json.dumps(row["facts"])
    assert Sealed.model_validate(row["facts"]["reasons"]).learner_id == learner
    rendered = sender.prepare(engine, row, date(2026, 3, 3)).rendered
    assert REASONS in rendered.text
    assert ASK_FOR_THEM not in rendered.text


def test_after_the_erasure_the_notice_renders_without_the_reasons(
    engine: sa.Engine, vault: Vault
) -> None:
    learner, row = planned(engine, vault)
    _, other_row = planned(engine, vault)
    vault.shred(learner, erased_on=date(2051, 5, 2), erased_by="la:665", schedule="aln-file-25")
    text = " ".join(sender.prepare(engine, row, date(2026, 3, 3)).rendered.text.split())
    assert REASONS not in text
    assert ASK_FOR_THEM in text  # the family is told the reasons must be given in writing
    assert REASONS in sender.prepare(engine, other_row, date(2026, 3, 3)).rendered.text


def test_a_reason_published_in_clear_before_sealing_is_quoted_as_it_is(
    engine: sa.Engine, vault: Vault
) -> None:
    learner = str(uuid.uuid4())
    TableEffect(engine, "notifications.notices", handler(5)).apply(decided_no_aln(learner, REASONS))
    row = decision_notice(engine, learner)
    assert REASONS in sender.prepare(engine, row, date(2026, 3, 3)).rendered.text


def test_a_webhook_gets_no_reasons_neither_seal_nor_clear(vault: Vault) -> None:
    learner = str(uuid.uuid4())
    for reasons in (sealed_reasons(vault, learner), REASONS):
        hooked = without_personal_text(decided_no_aln(learner, reasons))
        assert hooked.data["reasons"] is None
        assert hooked.data["learner_id"] == learner  # the rest as published
        det.Decided.model_validate(hooked.data)
