"""The mapper decodes a stored state with orjson and a walk (``ChainedMapper._decode``): the
values must be exactly those of the library's transcoder, nested transcoded values included,
and JSON that orjson refuses still decodes."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)
from hypothesis import given
from hypothesis import strategies as st

from llwybr.eventstore.mapper import ChainedMapper, DateAsISO


def a_mapper() -> ChainedMapper:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    return ChainedMapper(transcoder=transcoder)


MAPPER = a_mapper()

typed = (
    st.uuids()
    | st.dates()
    | st.datetimes(timezones=st.just(UTC))
    | st.decimals(allow_nan=False, allow_infinity=False)
)
# Integers beyond 64 bits: orjson reads them as floats, so the mapper must not use it there.
numbers = st.integers() | st.integers(min_value=-(2**80), max_value=2**80) | st.floats()
plain = st.none() | st.booleans() | numbers | st.text()
values = st.recursive(
    plain | typed,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=16,
)


@given(st.dictionaries(st.text(max_size=8), values, max_size=6))
def test_the_decoded_state_is_the_transcoders(state: dict[str, Any]) -> None:
    stored = MAPPER.transcoder.encode(state)
    # repr: 2**70 == float(2**70) and nan != nan, but their reprs tell them apart.
    assert repr(MAPPER._decode(stored)) == repr(MAPPER.transcoder.decode(stored))


def test_json_orjson_refuses_or_reads_otherwise_is_decoded_by_the_transcoder() -> None:
    when = b'{"_type_":"date_iso","_data_":"2026-12-07"}'
    decoded = MAPPER._decode(b'{"big":123456789012345678901234567890,"when":' + when + b"}")
    assert decoded == {"big": 123456789012345678901234567890, "when": date(2026, 12, 7)}
    assert type(decoded["big"]) is int
    assert repr(MAPPER._decode(b'{"x":NaN,"when":' + when + b"}")) == repr(
        {"x": float("nan"), "when": date(2026, 12, 7)}
    )


def test_an_unknown_transcoding_fails_as_it_does_in_the_library() -> None:
    stored = b'{"x":[{"_type_":"no_such","_data_":1}]}'
    with pytest.raises(TranscodingNotRegisteredError):
        MAPPER.transcoder.decode(stored)
    with pytest.raises(TranscodingNotRegisteredError):
        MAPPER._decode(stored)


def test_nested_values_are_revived_innermost_first() -> None:
    uid = UUID(int=7)
    state = {"a": [{"b": uid, "c": datetime(2026, 12, 7, tzinfo=UTC)}], "d": Decimal("1.50")}
    assert MAPPER._decode(MAPPER.transcoder.encode(state)) == state
