"""Every public event has a plain-language label in Welsh and English, and only those."""

import contracts  # noqa: F401  (registers every integration event)
from contracts.events import registered
from contracts.labels import LABELS, PRIVATE, Label, label_of, public_name
from contracts.topics import ALL


def test_every_registered_event_has_a_label_in_both_languages() -> None:
    # Only the contracts' own topics (other tests register examples of their own).
    names = {public_name(t) for t, c in registered().items() if c.topic in ALL}

    assert names - set(LABELS) == set(), "events with no label"
    assert set(LABELS) - names == set(), "labels of no event"
    for name, label in LABELS.items():
        assert label.cy, name
        assert label.en, name
        assert label.cy != label.en, name
        assert name.split(".")[-1] not in (label.cy, label.en), name  # words, not the name


def test_a_label_is_found_by_cloudevent_type() -> None:
    assert label_of("wales.aln.determination.concern-raised.v1") == Label(
        "Pryder wedi'i godi y gallai fod gan y dysgwr ADY",
        "Concern raised that the learner may have ALN",
    )
    assert public_name("wales.aln.idp.issued.v1") == "idp.issued"


def test_an_unpublished_event_is_a_record_kept_in_the_service() -> None:
    assert label_of(None) is PRIVATE


def test_a_type_the_table_does_not_know_is_shown_by_its_public_name() -> None:
    assert label_of("wales.aln.idp.something-new.v2") == Label(
        "idp.something-new", "idp.something-new"
    )
