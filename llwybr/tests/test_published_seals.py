"""The relay's part in publishing personal fields (issue 23, ADR 0023): a contract field typed
``Sealed`` takes the stored event's seal of the same name; nothing else changes. Pure."""

import uuid
from datetime import date

from contracts import determination as det
from contracts import idp
from contracts.sealed import Sealed
from llwybr.personal_data.fields import Seals
from llwybr.personal_data.published import sealed_fields, with_seals

TOKEN = "pd1:q83vEjRWeJCrze8SNFZ4kKvN7xI0"


def ceased(reasons: str | None) -> idp.Ceased:
    return idp.Ceased(
        idp_id=uuid.uuid4(), learner_id="l-1", decided_on=date(2026, 5, 1),
        reconsideration_window_until=None, reasons=reasons,
    )  # fmt: skip


def test_the_sealed_fields_are_those_typed_sealed() -> None:
    assert sealed_fields(det.Decided) == ("reasons",)
    assert sealed_fields(det.DecidedV2) == ()  # published in clear then: not re-sealed
    assert sealed_fields(idp.Closed) == ()


def test_the_stored_seal_replaces_the_opened_text() -> None:
    published = with_seals(ceased("Needs met"), Seals("l-1", {"reasons": TOKEN}))
    assert isinstance(published, idp.Ceased)
    assert published.reasons == Sealed(learner_id="l-1", field="reasons", sealed=TOKEN)
    assert idp.Ceased.model_validate(published.model_dump(mode="json")) == published


def test_an_event_stored_in_clear_is_published_as_it_is() -> None:
    event = ceased("Needs met")
    assert with_seals(event, None) is event
    assert with_seals(event, Seals("l-1", {"other": TOKEN})) is event
