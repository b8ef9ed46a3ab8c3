"""Subscription secrets at rest: they sign every request, so they are kept, not hashed.

With keys configured (``NOTIFICATIONS_WEBHOOKS_SECRET_KEYS``) a secret is stored as a Fernet
token (AES-128-CBC with HMAC-SHA256); without, as issued (development). The stored form says
which, so keys can be added later: secrets issued or rotated after that are encrypted.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from pydantic import SecretStr

_FERNET = "fernet:"
_PLAIN = "plain:"


class SealingError(Exception):
    """A stored secret cannot be opened with the configured keys."""


class Sealer:
    def __init__(self, keys: SecretStr | None) -> None:
        raw = [k.strip() for k in keys.get_secret_value().split(",")] if keys else []
        self._fernet = MultiFernet([Fernet(k) for k in raw if k]) if any(raw) else None

    @property
    def encrypts(self) -> bool:
        return self._fernet is not None

    def seal(self, secret: str) -> str:
        if self._fernet is None:
            return _PLAIN + secret
        return _FERNET + self._fernet.encrypt(secret.encode()).decode("ascii")

    def open(self, stored: str) -> str:
        if stored.startswith(_PLAIN):
            return stored.removeprefix(_PLAIN)
        if not stored.startswith(_FERNET):
            raise SealingError("a stored webhook secret has an unknown form")
        if self._fernet is None:
            raise SealingError("webhook secrets are encrypted but no key is configured")
        try:
            return self._fernet.decrypt(stored.removeprefix(_FERNET).encode()).decode()
        except InvalidToken:
            raise SealingError("no configured key opens a stored webhook secret") from None
