"""The key that signs access tokens (ES256) and what every token must say (issuer,
audience, lifetime)."""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc.jwk import ECKey, KeySet

ALGORITHM = "ES256"


@dataclass(frozen=True)
class TokenSettings:
    """Who issues tokens, for whom, and how long they last."""

    issuer: str
    audience: str
    lifetime_seconds: int = 900
    leeway_seconds: int = 30

    def __post_init__(self) -> None:
        if not self.issuer or not self.audience:
            raise ValueError("issuer and audience must not be empty")
        if self.lifetime_seconds <= 0 or self.leeway_seconds < 0:
            raise ValueError("lifetime must be positive and leeway not negative")


class SigningKey:
    """An EC P-256 key for ES256, with a kid (RFC 7638 thumbprint)."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey) -> None:
        if not isinstance(private_key.curve, ec.SECP256R1):
            raise ValueError(f"an ES256 key must be on P-256, not {private_key.curve.name}")
        self._private_key = private_key
        self.kid: str = ECKey.import_key(private_key).thumbprint()
        self._jwk = ECKey.import_key(
            private_key, parameters={"kid": self.kid, "alg": ALGORITHM, "use": "sig"}
        )

    @classmethod
    def generate(cls) -> "SigningKey":
        """A new random key."""
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_pem(cls, pem: bytes) -> "SigningKey":
        """Load an unencrypted PEM private key; ValueError if it is not an EC P-256 key."""
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except TypeError as error:  # encrypted, and no password given
            raise ValueError(str(error)) from None
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("an ES256 key must be an EC private key")
        return cls(key)

    def to_pem(self) -> bytes:
        """The private key as unencrypted PKCS#8 PEM."""
        return self._private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @classmethod
    def load_or_create(cls, path: Path) -> "SigningKey":
        """Load the key at ``path``, creating it (mode 0600) if absent; for embedded mode."""
        if path.exists():
            return cls._load_private_file(path)
        key = cls.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(key.to_pem())
            try:
                # A link never overwrites and never exposes a half-written file: if another
                # worker got there first, every worker signs with its key.
                os.link(staged, path)
            except FileExistsError:
                return cls._load_private_file(path)
        finally:
            staged.unlink(missing_ok=True)
        return key

    @classmethod
    def _load_private_file(cls, path: Path) -> "SigningKey":
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise ValueError(f"{path} is open to other users (mode {mode:o}); chmod 600 it")
        return cls.from_pem(path.read_bytes())

    def public_jwks(self) -> dict[str, Any]:
        """The public half as a JWKS document: ``{"keys": [JWK with kid, alg, use]}``."""
        return {"keys": [self._jwk.as_dict(private=False)]}

    def _key_set(self) -> KeySet:
        """The private key as a joserfc key set, so a signed header names its kid."""
        return KeySet([self._jwk])

    def __repr__(self) -> str:
        return f"SigningKey(kid={self.kid!r})"
