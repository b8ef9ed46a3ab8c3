"""A bundle's signed manifest, and ``llwybr-audit verify-bundle`` checking it offline: every
file's hash, and the manifest's signature by a key the gateway publishes."""

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from joserfc import jws
from joserfc.jwk import ECKey
from typer.testing import CliRunner

from gateway.bundle import MANIFEST, SIGNATURE, build_bundle
from gateway.cli import app, check_bundle
from gateway.security import manifest_signer
from gateway.settings import Settings
from gateway.tokens import SigningKey
from gateway.tokens.manifests import MANIFEST_TYPE, ManifestSigner, load_retired_keys
from gateway.tokens.router import published_keys
from llwybr.settings import RuntimeSettings

from .test_bundle import GENERATED_AT, LEARNER, STATES, TIMELINE, VERIFICATION

GATEWAY_KEY = SigningKey.generate()
SIGNER = ManifestSigner(GATEWAY_KEY)
JWKS = {"keys": published_keys(None, SIGNER)}
BUNDLE = build_bundle(LEARNER, TIMELINE, STATES, VERIFICATION, GENERATED_AT, sign=SIGNER.sign)
NAMES = zipfile.ZipFile(io.BytesIO(BUNDLE)).namelist()


def rezipped(bundle: bytes, change: dict[str, bytes]) -> bytes:
    """The bundle with some files' contents replaced (the ZIP itself consistent)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change.get(info.filename, source.read(info)))
    return out.getvalue()


def one_byte_changed(content: bytes) -> bytes:
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 0x01]) + content[middle + 1 :]


def verify(tmp_path: Path, bundle: bytes, jwks: dict[str, Any] = JWKS) -> Any:
    """``llwybr-audit verify-bundle`` with a JWKS file saved beforehand: no network."""
    (tmp_path / "bundle.zip").write_bytes(bundle)
    (tmp_path / "jwks.json").write_text(json.dumps(jwks))
    args = ["--url", "http://192.0.2.1:9", "verify-bundle", str(tmp_path / "bundle.zip")]
    return CliRunner().invoke(
        app, [*args, "--jwks", str(tmp_path / "jwks.json")], env={"COLUMNS": "200"}
    )


def test_the_manifest_is_signed_last_by_the_gateways_key() -> None:
    assert NAMES[-2:] == [MANIFEST, SIGNATURE]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(BUNDLE)).read(MANIFEST))
    assert SIGNATURE not in {f["name"] for f in manifest["files"]}
    [published] = JWKS["keys"]
    assert (published["kid"], published["use"], published["alg"]) == (
        GATEWAY_KEY.kid, "sig", "ES256",
    )  # fmt: skip
    assert "d" not in published


def test_a_bundle_verifies_offline_with_the_keys_saved_beforehand(tmp_path: Path) -> None:
    result = verify(tmp_path, BUNDLE)

    assert result.exit_code == 0, result.output
    assert "Bundle good" in result.output
    check = check_bundle(tmp_path / "bundle.zip", JWKS)
    assert check.problems == []
    assert check.signed_by == GATEWAY_KEY.kid
    assert GATEWAY_KEY.kid in result.output


@pytest.mark.parametrize("name", NAMES)
def test_one_byte_changed_in_any_file_names_that_file(tmp_path: Path, name: str) -> None:
    content = zipfile.ZipFile(io.BytesIO(BUNDLE)).read(name)

    result = verify(tmp_path, rezipped(BUNDLE, {name: one_byte_changed(content)}))

    assert result.exit_code == 1, result.output
    problems = check_bundle(tmp_path / "bundle.zip", JWKS).problems
    assert any(name in problem for problem in problems), problems
    if name != MANIFEST:  # a changed manifest may also list a hash another file fails
        assert all(name in problem for problem in problems), problems
    assert name in result.output


def test_a_byte_changed_in_the_zip_itself_names_the_file(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(BUNDLE)) as archive:
        info = archive.getinfo("events.jsonl")
    data = bytearray(BUNDLE)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF  # inside the compressed bytes

    problems = check_bundle(_written(tmp_path, bytes(data)), JWKS).problems

    assert problems
    assert all("events.jsonl" in p for p in problems), problems


def test_a_manifest_re_signed_with_another_key_fails(tmp_path: Path) -> None:
    other = ManifestSigner(SigningKey.generate())
    manifest = zipfile.ZipFile(io.BytesIO(BUNDLE)).read(MANIFEST)

    result = verify(tmp_path, rezipped(BUNDLE, {SIGNATURE: other.sign(manifest).encode()}))

    assert result.exit_code == 1, result.output
    assert "which the JWKS does not hold" in result.output


def test_a_rebuilt_bundle_signed_by_another_key_naming_the_gateways_kid_fails(
    tmp_path: Path,
) -> None:
    """Someone rebuilds the case (hashes consistent) and signs with their key under the
    gateway's kid: the signature does not check with the published key."""
    forger = ECKey.import_key(SigningKey.generate().to_pem())
    header = {"alg": "ES256", "kid": GATEWAY_KEY.kid, "typ": MANIFEST_TYPE}

    def sign(manifest: bytes) -> str:
        protected, _, signature = jws.serialize_compact(header, manifest, forger).split(".")
        return f"{protected}..{signature}"

    rebuilt = build_bundle(LEARNER, TIMELINE[:2], {}, VERIFICATION, GENERATED_AT, sign)

    result = verify(tmp_path, rebuilt)

    assert result.exit_code == 1, result.output
    assert "the signature does not check" in result.output


def test_an_unsigned_bundle_fails(tmp_path: Path) -> None:
    unsigned = build_bundle(LEARNER, TIMELINE, STATES, VERIFICATION, GENERATED_AT)

    problems = check_bundle(_written(tmp_path, unsigned), JWKS).problems

    assert problems == [f"{SIGNATURE}: missing (the manifest is not signed)"]


def test_a_retired_key_still_verifies_the_bundles_it_signed(tmp_path: Path) -> None:
    retired_file = tmp_path / "retired.json"
    retired_file.write_text(json.dumps(JWKS))
    successor = ManifestSigner(SigningKey.generate(), load_retired_keys(retired_file))
    published = {"keys": published_keys(None, successor)}

    assert [k["kid"] for k in published["keys"]] == [successor.key.kid, GATEWAY_KEY.kid]
    assert check_bundle(_written(tmp_path, BUNDLE), published).problems == []


def test_a_retired_key_is_listed_by_its_public_half_only(tmp_path: Path) -> None:
    private = GATEWAY_KEY._jwk.as_dict(private=True)
    retired_file = tmp_path / "retired.json"
    retired_file.write_text(json.dumps({"keys": [private]}))

    with pytest.raises(ValueError, match="public half only"):
        load_retired_keys(retired_file)


def _written(tmp_path: Path, bundle: bytes) -> Path:
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle)
    return path


def test_the_manifest_key_is_its_own_when_set_else_the_token_key(tmp_path: Path) -> None:
    own = SigningKey.generate()
    runtime = RuntimeSettings(mode="stack", var_dir=tmp_path)
    given = Settings(runtime=runtime, manifest_signing_key_pem=own.to_pem().decode())

    assert manifest_signer(given, GATEWAY_KEY).key.kid == own.kid
    assert manifest_signer(Settings(runtime=runtime), GATEWAY_KEY).key is GATEWAY_KEY
    with pytest.raises(RuntimeError, match="MANIFEST_SIGNING_KEY_PEM"):
        manifest_signer(Settings(runtime=runtime), None)  # an external issuer, stack mode
    embedded = Settings(runtime=RuntimeSettings(mode="embedded", var_dir=tmp_path))
    made = manifest_signer(embedded, None)
    assert manifest_signer(embedded, None).key.kid == made.key.kid  # kept under var/gateway/
