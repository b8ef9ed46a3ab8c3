"""An operator lists a service's dead letters and replays one after a fix, on the service's own
store without its port (embedded mode has none), on SQLite and PostgreSQL (issue #21)."""

import pytest

from contracts.envelope import Envelope
from llwybr import dead_letters
from llwybr.consumer import NotReplayableError, TableEffect
from llwybr.operator import list_dead_letters, replay_dead_letter
from llwybr.service import ConsumerSpec, ServiceSpec, prepare_storage
from llwybr.settings import ServiceSettings
from llwybr_testkit import EXAMPLE_TOPIC, ExampleService, translate_example

from .test_dead_letter_api import Handler, noted


def example(handler: Handler) -> ServiceSpec:
    return ServiceSpec(
        name="example",
        title="Example",
        application=ExampleService,
        translator=lambda _app: translate_example,
        consumers=[
            ConsumerSpec(
                "effects",
                [EXAMPLE_TOPIC.name],
                lambda _s, engine, _a: TableEffect(engine, "example.effects", handler),
            )
        ],
    )


def set_aside(
    settings: ServiceSettings, spec: ServiceSpec, *letters: dead_letters.Letter
) -> list[int]:
    engine, application = prepare_storage(settings, spec)
    try:
        return [dead_letters.store(engine, letter) for letter in letters]
    finally:
        application.close()
        engine.dispose()


def letter(
    envelope: Envelope | None = None, raw: bytes | None = None, offset: int = 7
) -> dead_letters.Letter:
    return dead_letters.Letter(
        "example.effects", EXAMPLE_TOPIC.name, 0, offset, "TypeError: boom", envelope, raw, 8
    )


def test_an_operator_replays_a_dead_letter_once_after_the_fix(
    store_settings: ServiceSettings,
) -> None:
    handler = Handler()
    spec = example(handler)
    first, second = set_aside(
        store_settings, spec, letter(noted("first")), letter(noted("2nd"), offset=8)
    )

    newest, oldest = list_dead_letters(store_settings, spec)
    assert (newest["id"], oldest["id"]) == (second, first)
    assert newest["event_type"] == "wales.aln.example.noted.v1"
    assert newest["replayable"] is True
    assert [i["id"] for i in list_dead_letters(store_settings, spec, before=second)] == [first]

    with pytest.raises(TypeError):
        replay_dead_letter(store_settings, spec, first, "operator:ops")
    assert list_dead_letters(store_settings, spec, before=second)[0]["replayed_at"] is None

    handler.fixed = True
    event_id, outcome = replay_dead_letter(store_settings, spec, first, "operator:ops")
    assert (event_id, outcome) == (oldest["event_id"], "applied")
    again = replay_dead_letter(store_settings, spec, first, "operator:ops")
    assert again == (oldest["event_id"], "already-replayed")
    assert handler.applied == ["first"]
    [listed] = list_dead_letters(store_settings, spec, before=second)
    assert listed["replay_outcome"] == "applied"


def test_an_unreadable_or_unknown_letter_is_refused_and_changes_nothing(
    store_settings: ServiceSettings,
) -> None:
    handler = Handler()
    handler.fixed = True
    spec = example(handler)
    [unreadable] = set_aside(store_settings, spec, letter(raw=b"\x00not an event"))

    with pytest.raises(NotReplayableError):
        replay_dead_letter(store_settings, spec, unreadable, "operator:ops")
    with pytest.raises(LookupError):
        replay_dead_letter(store_settings, spec, unreadable + 1, "operator:ops")
    [listed] = list_dead_letters(store_settings, spec)
    assert listed["replayable"] is False
    assert listed["replayed_at"] is None
    assert handler.applied == []
