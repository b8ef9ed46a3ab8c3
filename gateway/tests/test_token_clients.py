"""Client secrets (scrypt hashes) and the clients file."""

import json
from typing import Any

import pytest

from gateway.tokens import (
    hash_secret,
    load_clients,
    verify_secret,
)


def test_a_secret_verifies_against_its_hash() -> None:
    assert verify_secret("s3cret", hash_secret("s3cret"))


def test_a_wrong_secret_does_not_verify() -> None:
    assert not verify_secret("s3cret!", hash_secret("s3cret"))


def test_hashes_are_salted_and_self_describing() -> None:
    first, second = hash_secret("s3cret"), hash_secret("s3cret")
    assert first != second
    assert first.startswith("scrypt$16384$8$1$")


@pytest.mark.parametrize(
    "hashed",
    [
        "",
        "s3cret",
        "bcrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$16384$8$1$!!!!!!!!!!!!!!!!!!!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_a_malformed_hash_verifies_nothing(hashed: str) -> None:
    assert not verify_secret("s3cret", hashed)


def client_entry(**changes: Any) -> dict[str, Any]:
    entry = {
        "client_id": "caerdydd-aln",
        "secret_hash": hash_secret("s3cret"),
        "organisation": "la:665",
        "scopes": ["determinations:read"],
        "name": "Cyngor Caerdydd",
    }
    entry.update(changes)
    return {name: value for name, value in entry.items() if value is not None}


def test_a_clients_file_is_loaded_by_client_id() -> None:
    loaded = load_clients(json.dumps([client_entry()]))
    assert loaded["caerdydd-aln"].organisation == "la:665"
    assert loaded["caerdydd-aln"].scopes == ("determinations:read",)
    assert loaded["caerdydd-aln"].not_before is None


def test_a_revocation_is_read_as_a_unix_time_and_a_new_secret_is_a_new_generation() -> None:
    entry = client_entry(not_before="2026-12-07T09:00:00+00:00")
    revoked = load_clients(json.dumps([entry]))["caerdydd-aln"]
    assert revoked.not_before == 1796634000
    rotated = load_clients(json.dumps([{**entry, "secret_hash": hash_secret("s3cret")}]))
    assert rotated["caerdydd-aln"].generation != revoked.generation
    again = load_clients(json.dumps([entry]))["caerdydd-aln"]
    assert again.generation == revoked.generation


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("[{", "Invalid JSON"),
        ('{"client_id": "x"}', "valid array"),
        (json.dumps([client_entry(scopes=None)]), "0.scopes: Field required"),
        (json.dumps([client_entry(organisation="Cardiff")]), "0.organisation"),
        (json.dumps([client_entry(secret_hash="s3cret")]), "not a hash_secret"),
        (json.dumps([client_entry(), client_entry()]), "duplicate client_id"),
        (json.dumps([client_entry(secret="s3cret")]), "0.secret: Extra inputs"),
        (json.dumps([client_entry(not_before="2026-12-07T09:00:00")]), "0.not_before"),
    ],
)
def test_a_bad_clients_file_is_refused_with_a_clear_message(document: str, complaint: str) -> None:
    with pytest.raises(ValueError, match="invalid clients document") as refused:
        load_clients(document)
    assert complaint in str(refused.value)
    assert "s3cret" not in str(refused.value)
