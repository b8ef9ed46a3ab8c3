"""Where the key-encryption key and the data-key store are, from ``LLWYBR_PERSONAL_DATA_*``.

The store is ONE place every service reads (ADR 0023): schema ``personal_data`` in stack mode,
``var/personal_data/state.sqlite`` embedded. The KEK is the JSON of a ``KeyRing``: given in
``LLWYBR_PERSONAL_DATA_KEK_JSON`` (a Kubernetes Secret as an environment variable) or read from
``LLWYBR_PERSONAL_DATA_KEK_FILE`` (the Secret mounted as a file). Without either, a ring is
made once under ``var/personal_data/kek.json`` for ``make run`` and ``make run-stack`` (with a
warning in stack mode: a deployment must give its KEK, backed up apart from the database).
"""

import logging
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from llwybr.db import create_engine
from llwybr.personal_data.kek import KeyRing
from llwybr.personal_data.vault import Vault
from llwybr.settings import RuntimeSettings, ServiceSettings

STORE = "personal_data"

log = logging.getLogger(__name__)


class PersonalDataSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LLWYBR_PERSONAL_DATA_", extra="ignore")

    kek_json: SecretStr | None = None
    kek_file: Path | None = None
    schema_name: str = STORE
    #: How long an unwrapped data key is kept in memory: the longest a shred made by another
    #: process waits to be honoured here.
    cache_seconds: float = Field(default=30.0, ge=0, le=300)

    def key_ring(self, runtime: RuntimeSettings) -> KeyRing:
        if self.kek_json is not None:
            return KeyRing.from_json(self.kek_json.get_secret_value())
        if self.kek_file is not None:
            return KeyRing.from_file(self.kek_file)
        path = runtime.var_dir / STORE / "kek.json"
        if runtime.mode == "stack":
            log.warning(
                "no LLWYBR_PERSONAL_DATA_KEK_FILE or _KEK_JSON: using the development KEK %s",
                path,
            )
        return KeyRing.from_file(path, create=True)


def open_vault(runtime: RuntimeSettings, settings: PersonalDataSettings | None = None) -> Vault:
    """The vault on the one key store, its table migrated."""
    settings = settings or PersonalDataSettings()
    store = ServiceSettings(service=STORE, runtime=runtime, postgres_schema=settings.schema_name)
    vault = Vault(
        create_engine(store), settings.key_ring(runtime), cache_seconds=settings.cache_seconds
    )
    vault.migrate()
    return vault
