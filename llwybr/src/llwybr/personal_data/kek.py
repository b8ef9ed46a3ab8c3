"""Key-encryption keys: what wraps each learner's data key.

``KeyEncryptionKey`` is the one interface. ``KeyRing`` is the implementation for a key held by
the deployment itself: a JSON file (``make run`` writes one under ``var/``), or the same JSON
from a Kubernetes Secret mounted as a file or given as an environment variable. An external
KMS (AWS KMS, Azure Key Vault, GCP KMS) is one more implementation of the same two methods.

Keys have ids; ``current`` wraps new data keys, and every id ever used stays in the ring until
``Vault.rewrap`` has moved every wrapped key off it, so a KEK rotates without touching events.
"""

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from llwybr.personal_data.cipher import UnreadableSealError, open_sealed, seal


class KeyEncryptionKey(Protocol):
    """Wraps and unwraps data keys; ``current_id`` names the key new wraps use."""

    @property
    def current_id(self) -> str: ...

    def wrap(self, data_key: bytes, learner_id: str) -> tuple[str, bytes]:
        """The data key wrapped by the current KEK, bound to the learner, and that KEK's id."""
        ...

    def unwrap(self, kek_id: str, wrapped: bytes, learner_id: str) -> bytes: ...


class UnknownKekError(Exception):
    """A data key was wrapped by a KEK the ring no longer (or never) held."""


@dataclass(frozen=True)
class KeyRing:
    """Local AES-256 KEKs by id (``KeyEncryptionKey``)."""

    keys: dict[str, bytes]
    current: str

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise UnknownKekError(f"the current KEK {self.current!r} is not in the ring")
        for kek_id, key in self.keys.items():
            if len(key) != 32:
                raise ValueError(f"KEK {kek_id!r} must be 32 bytes, not {len(key)}")

    @property
    def current_id(self) -> str:
        return self.current

    def wrap(self, data_key: bytes, learner_id: str) -> tuple[str, bytes]:
        token = seal(self.keys[self.current], data_key, f"kek/{self.current}/{learner_id}")
        return self.current, token.encode()

    def unwrap(self, kek_id: str, wrapped: bytes, learner_id: str) -> bytes:
        key = self.keys.get(kek_id)
        if key is None:
            raise UnknownKekError(f"no KEK {kek_id!r} in the ring")
        try:
            return open_sealed(key, wrapped.decode(), f"kek/{kek_id}/{learner_id}")
        except UnreadableSealError as error:
            raise UnreadableSealError(f"the data key of {learner_id} does not unwrap") from error

    def with_new_key(self, kek_id: str) -> "KeyRing":
        """The ring with a new current KEK (the old ones kept to unwrap until rewrapped)."""
        return KeyRing({**self.keys, kek_id: AESGCM.generate_key(bit_length=256)}, kek_id)

    def to_json(self) -> str:
        keys = {k: base64.b64encode(v).decode() for k, v in self.keys.items()}
        return json.dumps({"current": self.current, "keys": keys}, indent=2)

    @classmethod
    def from_json(cls, text: str) -> "KeyRing":
        data = json.loads(text)
        keys = {k: base64.b64decode(v) for k, v in data["keys"].items()}
        return cls(keys, data["current"])

    @classmethod
    def from_file(cls, path: Path, *, create: bool = False) -> "KeyRing":
        """The ring in ``path``; with ``create`` (``make run`` only), a new one if none."""
        if create and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            ring = cls({"k1": AESGCM.generate_key(bit_length=256)}, "k1")
            draft = path.with_name(f".{path.name}.{os.getpid()}")
            fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(ring.to_json())
            try:
                # Atomic and exclusive: processes starting together all end with one ring.
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        return cls.from_json(path.read_text())
