from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from llwybr.integrity import (
    GENESIS,
    ChainBrokenError,
    ChainCheck,
    ChainLink,
    canonical_json,
    chain_hash,
    chain_hash_canonical,
    verify_links,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def make_chain(states: list[dict[str, Any]], originator: str = "a") -> list[ChainLink]:
    links, previous = [], GENESIS
    for version, state in enumerate(states, start=1):
        own = chain_hash(
            originator_id=originator,
            originator_version=version,
            topic="t",
            state=state,
            previous_hash=previous,
        )
        links.append(ChainLink(originator, version, "t", state, previous, own, version))
        previous = own
    return links


@given(st.dictionaries(st.text(), json_values))
def test_canonical_json_does_not_depend_on_key_order(value: dict[str, Any]) -> None:
    reversed_value = dict(reversed(list(value.items())))
    assert canonical_json(value) == canonical_json(reversed_value)


@given(st.lists(st.dictionaries(st.text(max_size=5), json_values, max_size=3), max_size=8))
def test_an_untouched_chain_verifies(states: list[dict[str, Any]]) -> None:
    result = verify_links(make_chain(states))
    assert result.ok
    assert result.events_checked == len(states)


@given(
    st.lists(st.dictionaries(st.text(max_size=5), st.integers(), min_size=1), min_size=1),
    st.data(),
)
def test_altering_any_event_names_that_event(states: list[dict[str, Any]], data: Any) -> None:
    links = make_chain(states)
    victim = data.draw(st.integers(min_value=0, max_value=len(links) - 1))
    original = links[victim]
    altered_state = {**original.state, "tampered": True}
    links[victim] = ChainLink(
        original.originator_id,
        original.originator_version,
        original.topic,
        altered_state,
        original.previous_hash,
        original.integrity_hash,
        original.notification_id,
    )
    result = verify_links(links)
    assert result.broken is not None
    assert result.broken.originator_version == victim + 1
    assert "altered" in result.broken.reason


def test_a_missing_event_is_reported_as_a_gap() -> None:
    links = make_chain([{"n": 1}, {"n": 2}, {"n": 3}])
    result = verify_links([links[0], links[2]])
    assert result.broken is not None
    assert result.broken.originator_version == 3
    assert "missing" in result.broken.reason


def test_rewriting_an_event_with_a_fresh_hash_breaks_the_next_link() -> None:
    links = make_chain([{"n": 1}, {"n": 2}])
    forged_state = {"n": 99}
    forged_hash = chain_hash(
        originator_id="a",
        originator_version=1,
        topic="t",
        state=forged_state,
        previous_hash=GENESIS,
    )
    links[0] = ChainLink("a", 1, "t", forged_state, GENESIS, forged_hash, 1)
    result = verify_links(links)
    assert result.broken is not None
    assert result.broken.originator_version == 2
    assert "previous hash" in result.broken.reason


def test_interleaved_aggregates_are_checked_per_aggregate() -> None:
    a, b = make_chain([{"x": 1}, {"x": 2}], "a"), make_chain([{"y": 1}], "b")
    result = verify_links([a[0], b[0], a[1]])
    assert result.ok
    assert result.aggregates_checked == 2


def test_every_break_is_listed_not_only_the_first() -> None:
    a, b = make_chain([{"x": 1}, {"x": 2}, {"x": 3}], "a"), make_chain([{"y": 1}, {"y": 2}], "b")
    a[1] = replace(a[1], state={"x": 99})
    result = verify_links([a[0], b[0], a[1], a[2], b[1]])
    assert [(x.originator_id, x.originator_version) for x in result.breaks] == [("a", 2)]
    assert result.broken == result.breaks[0]
    assert (result.events_checked, result.aggregates_checked) == (5, 2)
    gap = verify_links([a[0], b[1], a[1], a[2]])  # b's first event is missing
    assert [(x.originator_id, x.originator_version) for x in gap.breaks] == [("b", 2), ("a", 2)]
    assert "missing" in gap.breaks[0].reason


def test_after_a_break_the_chain_goes_on_from_the_stored_link() -> None:
    """One altered event is one break; a second, separate alteration is a second break."""
    links = make_chain([{"n": n} for n in range(5)])
    for victim in (1, 3):
        links[victim] = replace(links[victim], state={"n": -1})
    assert [b.originator_version for b in verify_links(links).breaks] == [2, 4]


def test_the_check_names_the_break_as_it_reads() -> None:
    check = ChainCheck()
    links = make_chain([{"n": 1}, {"n": 2}, {"n": 3}])
    assert check.check(links[0]) is None
    broken = check.check(links[2])
    assert broken is not None
    assert (broken.originator_version, broken.reason) == (3, "events missing: expected version 2")
    assert ChainBrokenError(broken).problem_fields() == {"aggregate_id": "a", "event_version": 3}


@given(st.text(), st.integers(min_value=1), st.text(), st.dictionaries(st.text(), json_values))
def test_the_hash_of_a_canonical_state_is_the_hash_of_its_values(
    originator: str, version: int, topic: str, state: dict[str, Any]
) -> None:
    fields: dict[str, Any] = {
        "originator_id": originator,
        "originator_version": version,
        "topic": topic,
        "previous_hash": GENESIS,
    }
    assert chain_hash_canonical(canonical_state=canonical_json(state), **fields) == chain_hash(
        state=state, **fields
    )


def test_a_link_whose_bytes_are_not_canonical_is_judged_on_its_values() -> None:
    [link] = make_chain([{"b": 1, "a": "é"}])
    spaced = b'{"b": 1, "a": "\\u00e9"}'
    assert verify_links([replace(link, state={}, canonical_state=spaced)]).ok
    altered = replace(link, state={}, canonical_state=b'{"b": 2, "a": "\\u00e9"}')
    assert "altered" in verify_links([altered]).breaks[0].reason
    unreadable = replace(link, state={}, canonical_state=b'{"b": 1,')
    assert "altered" in verify_links([unreadable]).breaks[0].reason
