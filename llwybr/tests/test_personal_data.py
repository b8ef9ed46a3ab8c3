"""The vault: per-learner data keys wrapped by a KEK, rotation and crypto-shredding, on SQLite
and PostgreSQL (the key store is a real database; the KEK a real local ring)."""

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from llwybr.db import create_engine
from llwybr.personal_data.cipher import UnreadableSealError, is_sealed, open_sealed, seal
from llwybr.personal_data.fields import (
    LearnerErasedError,
    PersonalFields,
    open_state,
    seal_state,
)
from llwybr.personal_data.kek import KeyRing, UnknownKekError
from llwybr.personal_data.tables import learner_data_keys
from llwybr.personal_data.vault import Vault
from llwybr.settings import ServiceSettings


@pytest.fixture
def ring(tmp_path: Path) -> KeyRing:
    return KeyRing.from_file(tmp_path / "kek.json", create=True)


@pytest.fixture
def engine(store_settings: ServiceSettings) -> Iterator[sa.Engine]:
    engine = create_engine(store_settings)
    yield engine
    engine.dispose()


@pytest.fixture
def vault(engine: sa.Engine, ring: KeyRing) -> Vault:
    vault = Vault(engine, ring)
    vault.migrate()
    return vault


def test_a_sealed_value_opens_only_in_its_own_context() -> None:
    key = bytes(32)
    token = seal(key, b"Gwenllian", "l-1/given_name")
    assert is_sealed(token)
    assert "Gwenllian" not in token
    assert open_sealed(key, token, "l-1/given_name") == b"Gwenllian"
    with pytest.raises(UnreadableSealError):
        open_sealed(key, token, "l-2/given_name")  # moved to another learner


def test_a_learners_field_round_trips_through_the_vault(vault: Vault) -> None:
    token = vault.seal("l-1", b'"Gwenllian"', "given_name")
    assert vault.open("l-1", token, "given_name") == b'"Gwenllian"'


def test_the_key_store_holds_only_the_wrapped_key(vault: Vault, engine: sa.Engine) -> None:
    vault.seal("l-1", b"x", "given_name")
    with engine.connect() as connection:
        row = connection.execute(sa.select(learner_data_keys)).one()
    assert row.kek_id == "k1"
    assert len(row.wrapped_key) > 32


def test_shredding_one_learner_leaves_another_readable(vault: Vault) -> None:
    mine, theirs = vault.seal("l-1", b"a", "f"), vault.seal("l-2", b"b", "f")
    erasure = vault.shred("l-1", erased_on=date(2050, 1, 1), erased_by="la:665", schedule="S1")
    assert erasure.describe() == "personal data erased on 2050-01-01 under schedule S1"
    with pytest.raises(LearnerErasedError):
        vault.open("l-1", mine, "f")
    assert vault.open("l-2", theirs, "f") == b"b"
    assert vault.erasure("l-1") == erasure
    assert vault.erasure("l-2") is None


def test_a_shred_is_honoured_by_another_process_without_its_cache(
    vault: Vault, engine: sa.Engine, ring: KeyRing
) -> None:
    token = vault.seal("l-1", b"a", "f")
    other = Vault(engine, ring, cache_seconds=0)
    assert other.open("l-1", token, "f") == b"a"
    vault.shred("l-1", erased_on=date(2050, 1, 1), erased_by="la:665", schedule="S1")
    with pytest.raises(LearnerErasedError):
        other.open("l-1", token, "f")


def test_a_second_shred_keeps_the_first_erasure(vault: Vault) -> None:
    vault.seal("l-1", b"a", "f")
    first = vault.shred("l-1", erased_on=date(2050, 1, 1), erased_by="la:665", schedule="S1")
    again = vault.shred("l-1", erased_on=date(2051, 1, 1), erased_by="la:666", schedule="S2")
    assert again == first


def test_no_new_key_is_made_for_a_shredded_learner(vault: Vault) -> None:
    vault.shred("l-9", erased_on=date(2050, 1, 1), erased_by="la:665", schedule="S1")
    with pytest.raises(LearnerErasedError):
        vault.seal("l-9", b"a", "f")


def test_a_kek_rotation_rewraps_keys_and_old_seals_still_open(
    vault: Vault, engine: sa.Engine, ring: KeyRing
) -> None:
    token = vault.seal("l-1", b"a", "f")
    rotated = Vault(engine, ring.with_new_key("k2"), cache_seconds=0)
    assert rotated.rewrap() == 1
    assert rotated.rewrap() == 0
    with engine.connect() as connection:
        assert connection.execute(sa.select(learner_data_keys.c.kek_id)).scalar() == "k2"
    assert rotated.open("l-1", token, "f") == b"a"
    retired = Vault(engine, KeyRing({"k1": ring.keys["k1"]}, "k1"), cache_seconds=0)
    with pytest.raises(UnknownKekError):
        retired.open("l-1", token, "f")  # the old KEK alone no longer opens anything


def test_the_local_ring_file_is_private_and_reread(tmp_path: Path) -> None:
    path = tmp_path / "var" / "kek.json"
    ring = KeyRing.from_file(path, create=True)
    assert path.stat().st_mode & 0o777 == 0o600
    assert KeyRing.from_file(path, create=True) == ring


def test_a_star_seals_the_field_of_every_list_item_in_its_own_place(vault: Vault) -> None:
    spec = PersonalFields(("content.alp.*.provision",), learner="learner_id")
    state: dict[str, Any] = {
        "learner_id": "l-1",
        "content": {"alp": [{"provision": "Phonics"}, {"provision": "Speech therapy"}, {}]},
    }
    seal_state(state, spec, "", vault)
    sealed = [e.get("provision") for e in state["content"]["alp"]]
    assert all(is_sealed(v) for v in sealed[:2])
    assert sealed[2] is None
    assert "Phonics" not in json.dumps(state)
    swapped = json.loads(json.dumps(state))
    alp = swapped["content"]["alp"]
    alp[0]["provision"], alp[1]["provision"] = alp[1]["provision"], alp[0]["provision"]
    with pytest.raises(UnreadableSealError):  # a seal moved to another item does not open
        open_state(swapped, spec, "", vault)
    assert open_state(state, spec, "", vault) is None
    assert state["content"]["alp"] == [
        {"provision": "Phonics"},
        {"provision": "Speech therapy"},
        {},
    ]
    clear: dict[str, Any] = {
        "learner_id": "l-1",
        "content": {"alp": [{"provision": "Old, in clear"}]},
    }
    assert open_state(clear, spec, "", vault) is None  # stored before sealing: as it is
    assert clear["content"]["alp"][0]["provision"] == "Old, in clear"
    seal_state(state, spec, "", vault)
    vault.shred("l-1", erased_on=date(2051, 1, 1), erased_by="la:665", schedule="S1")
    erasure = open_state(state, spec, "", vault)
    assert erasure is not None
    assert erasure.schedule == "S1"
    assert [e.get("provision") for e in state["content"]["alp"]] == [None, None, None]


def _commits(engine: sa.Engine) -> list[int]:
    """A counter of the transactions committed on ``engine`` from now on."""
    counted = [0]
    sa.event.listen(engine, "commit", lambda _conn: counted.__setitem__(0, counted[0] + 1))
    return counted


def test_many_learners_keys_are_made_in_one_transaction_and_sealing_then_reads_nothing(
    vault: Vault, engine: sa.Engine
) -> None:
    learners = [f"l-{n}" for n in range(1500)]  # more than one statement's chunk
    commits = _commits(engine)
    vault.prepare(learners)
    assert commits[0] == 2  # one per chunk of PREPARE_CHUNK learners, not one per learner
    tokens = [vault.seal(learner, b'"Cerys"', "given_name") for learner in learners]
    assert commits[0] == 2  # every key was at hand
    with engine.connect() as connection:
        count = sa.select(sa.func.count()).select_from(learner_data_keys)
        assert connection.execute(count).scalar() == 1500
    fresh = Vault(engine, vault.kek, cache_seconds=0)
    assert fresh.open("l-1499", tokens[-1], "given_name") == b'"Cerys"'


def test_prepare_keeps_a_key_already_made_and_refuses_a_shredded_learner(
    vault: Vault, engine: sa.Engine, ring: KeyRing
) -> None:
    token = vault.seal("l-1", b"a", "f")
    vault.shred("l-9", erased_on=date(2050, 1, 1), erased_by="la:665", schedule="S1")
    other = Vault(engine, ring)
    other.prepare(["l-1", "l-9", "l-2"])
    assert other.open("l-1", token, "f") == b"a"  # the key another process made, not a new one
    with pytest.raises(LearnerErasedError):
        other.seal("l-9", b"a", "f")  # no key made for a shredded learner
    assert vault.open("l-2", other.seal("l-2", b"b", "f"), "f") == b"b"
