"""The key that signs access tokens."""

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc.jwk import ECKey

from gateway.tokens import (
    SigningKey,
)


def test_a_created_signing_key_is_private_to_its_owner_and_reloads_the_same(
    tmp_path: Path,
) -> None:
    path = tmp_path / "var" / "gateway" / "signing-key.pem"
    created = SigningKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert SigningKey.load_or_create(path).kid == created.kid


def test_a_signing_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "signing-key.pem"
    path.write_bytes(SigningKey.generate().to_pem())
    path.chmod(0o644)
    with pytest.raises(ValueError, match="chmod 600"):
        SigningKey.load_or_create(path)


def test_a_signing_key_must_be_on_p256() -> None:
    pem = ec.generate_private_key(ec.SECP384R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(ValueError, match="P-256"):
        SigningKey.from_pem(pem)


def test_the_kid_is_the_rfc_7638_thumbprint() -> None:
    key = SigningKey.generate()
    assert key.kid == ECKey.import_key(key.public_jwks()["keys"][0]).thumbprint()
