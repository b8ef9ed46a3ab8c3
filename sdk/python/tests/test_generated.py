"""The committed client is what the current OpenAPI document generates (``make schemas``)."""

import filecmp
import importlib.util
from pathlib import Path

SDK = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("sdk_generate", SDK / "generate.py")
assert spec is not None
assert spec.loader is not None
generator = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generator)


def _files(root: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(root)): p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_committed_client_is_what_the_openapi_document_generates(tmp_path: Path) -> None:
    fresh = tmp_path / "llwybr_client"
    generator.generate(fresh)
    committed, generated = _files(generator.PACKAGE), _files(fresh)
    assert sorted(committed) == sorted(generated), "make schemas: operations added or removed"
    stale = [
        name
        for name, path in generated.items()
        if not filecmp.cmp(path, committed[name], shallow=False)
    ]
    assert not stale, f"make schemas: the client is stale in {stale[:10]}"
