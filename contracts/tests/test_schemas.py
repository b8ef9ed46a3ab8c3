from pathlib import Path

from contracts.schemas import SCHEMA_DIR, asyncapi, generate, write


def test_the_committed_schema_snapshots_match_the_models() -> None:
    generated = generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert committed.keys() == generated.keys(), "run `uv run python -m contracts` and commit"
    for name, content in generated.items():
        assert committed[name] == content, f"{name} changed: a changed event is a new version"


def test_the_asyncapi_document_describes_every_service_topic() -> None:
    document = asyncapi()
    assert document["asyncapi"] == "3.0.0"
    addresses = {c["address"] for c in document["channels"].values()}
    assert addresses == {
        "aln.determination.v1",
        "aln.idp.v1",
        "aln.disputes.v1",
        "aln.notifications.v1",
    }
    for channel in document["channels"].values():
        assert channel["bindings"]["kafka"]["topicConfiguration"]["retention.ms"] == -1


def test_writing_removes_stale_snapshots(tmp_path: Path) -> None:
    (tmp_path / "wales.aln.gone.v1.json").write_text("{}")
    write(tmp_path)
    assert not (tmp_path / "wales.aln.gone.v1.json").exists()
    assert (tmp_path / "envelope.v1.json").exists()
