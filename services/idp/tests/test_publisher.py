"""The publisher translates each stored event it is given into the public event, from the
event alone; only events stored before the facts they publish were carried read the plan."""

import json
from dataclasses import replace

from contracts import idp as public
from contracts.sealed import Sealed
from idp.application import IdpService
from idp.domain import Idp
from idp.publisher import translator
from llwybr.eventstore import RecordedEvent
from llwybr.personal_data.settings import open_vault
from llwybr.settings import ServiceSettings
from llwybr_testkit import CountingRecorder, published_envelopes

from .plans import DETERMINATION_ID, SCHOOL, busy_plan


def stored_plan(service: IdpService) -> list[RecordedEvent]:
    """A plan through most of its life, as the store gives its events to the relay."""
    plan = busy_plan()
    service.save(plan)
    return list(service.recorded_events(plan.id))


def counted(service: IdpService) -> CountingRecorder:
    counting = CountingRecorder(service.recorder)
    service.events.recorder = counting  # type: ignore[assignment]  # a spy around the real one
    return counting


def test_every_public_event_is_translated_from_the_stored_event_alone(
    service: IdpService,
) -> None:
    events = stored_plan(service)
    counting = counted(service)
    translate = translator(service)
    published = [p for p in map(translate, events) if p is not None]
    assert [type(p.event) for p in published] == [
        public.IdpOpened, public.IdpIssued, public.IdpIssued, public.ReviewRequested,
        public.ReviewHeld, public.IdpIssued,
        public.ResponsibilityTransferred, public.CeaseProposed, public.Ceased,
    ]  # fmt: skip
    assert {p.learner_id for p in published} == {"l-1"}
    transferred = published[6].event
    assert isinstance(transferred, public.ResponsibilityTransferred)
    assert (transferred.from_organisation, transferred.to_organisation) == (
        SCHOOL.organisation,
        "la:665",
    )
    assert counting.reads == 0


def test_version_1_names_the_determination_whose_decision_it_gives(service: IdpService) -> None:
    """The determination service meets the decision clock on version 1's issue day (s.4(6)):
    the plan's case is published with it (a revision gives no decision)."""
    published = [p.event for p in map(translator(service), stored_plan(service)) if p]
    issued = [e for e in published if isinstance(e, public.IdpIssued)]
    assert [(e.plan_version, e.determination_id) for e in issued] == [
        (1, DETERMINATION_ID), (2, None), (3, None),
    ]  # fmt: skip


def test_the_reasons_for_ceasing_a_plan_are_published_for_the_notice_to_quote(
    service: IdpService,
) -> None:
    published = [p.event for p in map(translator(service), stored_plan(service)) if p]
    proposed, ceased = published[-2:]
    assert isinstance(proposed, public.CeaseProposed)
    assert isinstance(ceased, public.Ceased)
    assert (proposed.reasons, ceased.reasons) == ("Needs met", "Needs met")


def test_events_stored_before_their_facts_were_carried_are_published_the_same(
    service: IdpService,
) -> None:
    events = stored_plan(service)
    [transfer] = [r for r in events if isinstance(r.event, Idp.Transferred)]
    now = translator(service)(transfer)
    old_event = object.__new__(type(transfer.event))
    kept = {
        k: v for k, v in vars(transfer.event).items() if k not in {"learner_id", "from_maintainer"}
    }
    object.__setattr__(old_event, "__dict__", kept)
    counting = counted(service)
    before = translator(service)(replace(transfer, event=old_event))
    assert before == now
    assert counting.reads > 0  # the fallback read the plan


def test_the_cease_reasons_leave_as_the_seal_the_store_holds(
    service: IdpService, store_settings: ServiceSettings
) -> None:
    """Issue 23: with the vault (as ``build_service`` gives it), the relay publishes the
    stored seal (the same ciphertext), never the text."""
    service.use_vault(open_vault(store_settings.runtime))
    stored_plan(service)
    envelopes = published_envelopes(service, translator(service))
    names = ("wales.aln.idp.cease-proposed.v2", "wales.aln.idp.ceased.v2")
    ceasing = [e for e in envelopes if e.type in names]
    assert [e.type for e in ceasing] == list(names)
    stored = b"".join(n.state for n in service.recorder.select_notifications(1, 1000))
    assert service.vault is not None
    for envelope in ceasing:
        assert "Needs met" not in json.dumps(envelope.data)
        seal = Sealed.model_validate(envelope.data["reasons"])
        assert seal.sealed.encode() in stored
        assert json.loads(service.vault.open(seal.learner_id, seal.sealed, seal.field)) == (
            "Needs met"
        )
