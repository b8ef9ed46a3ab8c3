"""``llwybr-admin clients``: the clients file as the gateway's registry reads it."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway.admin import app
from gateway.security import dev_clients_file
from gateway.tokens import ClientRegistry, verify_secret

runner = CliRunner()


@pytest.fixture
def clients_file(tmp_path: Path) -> Path:
    return dev_clients_file(tmp_path / "gateway")


def admin(clients_file: Path, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["clients", *arguments, "--file", str(clients_file)])
    return result.exit_code, result.output


def test_a_client_added_is_in_force_at_once_with_the_secret_printed(clients_file: Path) -> None:
    registry = ClientRegistry.from_file(clients_file, check_seconds=0)
    code, output = admin(clients_file, "add", "caerdydd-mis", "--organisation", "la:681",
                         "--json")  # fmt: skip
    assert code == 0, output
    issued = json.loads(output)
    record = registry["caerdydd-mis"]  # no restart: the registry reads the new file
    assert record.organisation == "la:681"
    assert "determinations:read" in record.scopes
    assert verify_secret(issued["client_secret"], record.secret_hash)
    assert issued["client_secret"] not in clients_file.read_text()
    credentials = json.loads(clients_file.with_name("dev-credentials.json").read_text())
    assert {"client_id": "caerdydd-mis", "client_secret": issued["client_secret"],
            "organisation": "la:681"} in credentials  # fmt: skip


def test_scopes_can_be_narrowed_but_not_invented(clients_file: Path) -> None:
    code, _ = admin(clients_file, "add", "mis", "--organisation", "school:6812001",
                    "--scope", "determinations:read")  # fmt: skip
    assert code == 0
    registry = ClientRegistry.from_file(clients_file)
    assert registry["mis"].scopes == ("determinations:read",)
    code, output = admin(clients_file, "add", "other", "--organisation", "school:6812001",
                         "--scope", "everything:write")  # fmt: skip
    assert code == 1
    assert "unknown scopes: everything:write" in output


def test_an_existing_id_or_an_unknown_kind_is_refused_and_nothing_changes(
    clients_file: Path,
) -> None:
    before = clients_file.read_bytes()
    code, output = admin(clients_file, "add", "wrexham-la", "--organisation", "la:665")
    assert code == 1
    assert "exists" in output
    code, output = admin(clients_file, "add", "someone", "--organisation", "bank:1")
    assert code == 1
    assert "not one of" in output
    assert clients_file.read_bytes() == before


def test_a_rotated_secret_replaces_the_old_one(clients_file: Path) -> None:
    old = ClientRegistry.from_file(clients_file)["wrexham-la"]
    code, output = admin(clients_file, "rotate", "wrexham-la", "--json")
    assert code == 0, output
    new = ClientRegistry.from_file(clients_file)["wrexham-la"]
    assert new.generation != old.generation  # the gateway refuses the older tokens
    assert verify_secret(json.loads(output)["client_secret"], new.secret_hash)


def test_a_removed_client_is_gone_from_the_registry(clients_file: Path) -> None:
    registry = ClientRegistry.from_file(clients_file, check_seconds=0)
    assert "powys-la" in registry
    code, _ = admin(clients_file, "remove", "powys-la")
    assert code == 0
    assert "powys-la" not in registry
    credentials = json.loads(clients_file.with_name("dev-credentials.json").read_text())
    assert all(c["client_id"] != "powys-la" for c in credentials)
    assert admin(clients_file, "remove", "powys-la")[0] == 1


def test_the_list_shows_every_client_and_no_secret(clients_file: Path) -> None:
    code, output = admin(clients_file, "list", "--json")
    assert code == 0
    listed = json.loads(output)
    assert "wrexham-la" in {c["client_id"] for c in listed}
    assert all("secret_hash" not in c for c in listed)
    code, table = admin(clients_file, "list")
    assert "wrexham-la" in table
    assert "scrypt" not in table


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    code, output = admin(tmp_path / "none.json", "list")
    assert code == 1
    assert "does not exist" in output


def test_a_deployment_starts_from_an_empty_list(tmp_path: Path) -> None:
    clients_file = tmp_path / "clients.json"
    clients_file.write_text("[]")  # as deploy/k8s/README.md starts one
    code, output = admin(clients_file, "add", "caerdydd-mis", "--organisation", "la:681")
    assert code == 0, output
    assert list(ClientRegistry.from_file(clients_file)) == ["caerdydd-mis"]
    assert not clients_file.with_name("dev-credentials.json").exists()  # none outside make run
