"""Sealing one value with a learner's data key: AES-256-GCM, the context bound as associated
data so a sealed value cannot be moved to another learner or field unnoticed. Pure."""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

#: Marks a sealed value in stored JSON; the digit is the format's version.
PREFIX = "pd1:"
NONCE_BYTES = 12
KEY_BYTES = 32


class UnreadableSealError(Exception):
    """A sealed value does not open with the key and context given (tampered or misplaced)."""


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def seal(key: bytes, plaintext: bytes, context: str) -> str:
    """``pd1:`` and the URL-safe base64 of nonce, ciphertext and tag."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext, context.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def open_sealed(key: bytes, token: str, context: str) -> bytes:
    if not is_sealed(token):
        raise UnreadableSealError("not a sealed value")
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :])
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except (InvalidTag, ValueError) as error:
        raise UnreadableSealError(f"the sealed value does not open in {context}") from error
