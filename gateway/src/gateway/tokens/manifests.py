"""The key that signs Tribunal bundles' manifests, and the public keys that check them.

A bundle's ``manifest.json`` lists every other file's SHA-256; ``manifest.jws`` is an ES256
JWS of those exact bytes with the payload detached (RFC 7515 appendix F: ``header..signature``),
naming its key by ``kid``. The gateway publishes the public half in its JWKS
(``/.well-known/jwks.json``, ``use: sig``), with every retired manifest key: a bundle handed to
a Tribunal must still verify years after the key that signed it stopped signing. A retired key
is listed by its public half only (``GATEWAY_RETIRED_KEYS_FILE``, a JWKS); its private half is
destroyed, so nothing new can be signed with it.

Checking needs no Llwybr: ``check_manifest_signature`` takes the JWKS as saved beforehand.
"""

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet
from joserfc.util import urlsafe_b64decode

from gateway.tokens.keys import ALGORITHM, SigningKey

#: The JWS header's ``typ``: what was signed, so a token cannot pass for a manifest.
MANIFEST_TYPE = "llwybr-bundle-manifest+jws"


class ManifestSigner:
    """Signs manifests with the current key; publishes it and the retired keys."""

    def __init__(self, key: SigningKey, retired: Sequence[Mapping[str, Any]] = ()) -> None:
        self.key = key
        self.retired = tuple(_public_jwk(jwk) for jwk in retired)

    def sign(self, manifest: bytes) -> str:
        """A detached compact JWS of ``manifest`` (``header..signature``)."""
        header = {"alg": ALGORITHM, "kid": self.key.kid, "typ": MANIFEST_TYPE}
        signed = jws.serialize_compact(header, manifest, self.key._key_set(), [ALGORITHM])
        protected, _, rest = signed.partition(".")
        return f"{protected}..{rest.partition('.')[2]}"

    def public_keys(self) -> list[dict[str, Any]]:
        """The current key's public JWK, then every retired key's."""
        current: list[dict[str, Any]] = self.key.public_jwks()["keys"]
        return [*current, *(dict(k) for k in self.retired if k["kid"] != self.key.kid)]


def load_retired_keys(path: Path) -> list[dict[str, Any]]:
    """The retired manifest keys listed in a JWKS file (public halves only)."""
    try:
        document = json.loads(path.read_bytes())
        keys = document["keys"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is not a JWKS file: {error}") from None
    if not isinstance(keys, list):
        raise ValueError(f"{path}: keys must be a list")
    return [_public_jwk(k) for k in keys]


def _public_jwk(jwk: Mapping[str, Any]) -> dict[str, Any]:
    """An EC P-256 public JWK with its kid, marked for signatures; ValueError otherwise."""
    if not isinstance(jwk, Mapping) or "d" in jwk:
        raise ValueError("a retired key is listed by its public half only")
    try:
        key = ECKey.import_key(dict(jwk))
    except (JoseError, ValueError, TypeError) as error:
        raise ValueError(f"not an EC public key: {error}") from None
    if jwk.get("crv") != "P-256" or not jwk.get("kid"):
        raise ValueError("a manifest key is EC P-256 and has a kid")
    found: dict[str, Any] = key.as_dict(private=False)
    return {**found, "kid": jwk["kid"], "alg": ALGORITHM, "use": "sig"}


def check_manifest_signature(manifest: bytes, signature: bytes, jwks: Mapping[str, Any]) -> str:
    """Why ``signature`` does not sign ``manifest`` with a key of ``jwks`` ("" when it does)."""
    text = signature.decode("ascii", errors="replace").strip()
    _, dot, rest = text.partition(".")
    if not dot or not rest.startswith(".") or "." in rest[1:]:
        return "not a detached compact JWS (header..signature)"
    try:
        header = jws.extract_compact(text.encode(), payload=manifest).headers()
    except (JoseError, ValueError) as error:
        return f"not a readable JWS ({error})"
    if header.get("alg") != ALGORITHM or header.get("typ") != MANIFEST_TYPE:
        return f"not an {ALGORITHM} manifest signature (alg {header.get('alg')!r})"
    kid = header.get("kid")
    candidates = [k for k in jwks.get("keys", []) if isinstance(k, Mapping) and k.get("kid") == kid]
    if not candidates:
        return f"signed by key {header.get('kid')!r}, which the JWKS does not hold"
    jwk = candidates[0]
    if jwk.get("use", "sig") != "sig" or jwk.get("kty") != "EC":
        return f"key {jwk.get('kid')!r} is not an EC signing key"
    try:
        key = KeySet.import_key_set({"keys": [dict(jwk)]})
        jws.deserialize_compact(text.encode(), key, [ALGORITHM], payload=manifest)
    except (JoseError, ValueError) as error:
        return f"the signature does not check with key {header.get('kid')!r} ({error})"
    return ""


def signing_kid(signature: bytes) -> str | None:
    """The ``kid`` a manifest signature's header names (unverified: say it only once checked)."""
    try:
        header = json.loads(urlsafe_b64decode(signature.strip().split(b".")[0]))
    except (ValueError, TypeError):
        return None
    kid = header.get("kid") if isinstance(header, dict) else None
    return str(kid) if kid is not None else None
