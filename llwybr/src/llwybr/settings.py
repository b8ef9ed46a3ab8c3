"""Settings shared by every deployable, and the adapters they choose.

``LLWYBR_MODE=embedded`` (the default, ``make run``) stores events in SQLite under ``var/``
and connects services through the in-process bus; ``stack`` uses PostgreSQL (one schema
per service) and a real Kafka broker.
"""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Mode = Literal["embedded", "stack"]
KafkaSecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
KafkaSaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]


class RuntimeSettings(BaseSettings):
    """What every deployable shares, from ``LLWYBR_*`` variables."""

    model_config = SettingsConfigDict(env_prefix="LLWYBR_", extra="ignore")

    mode: Mode = "embedded"
    var_dir: Path = Path("var")
    log_level: str = "INFO"
    json_logs: bool = True

    postgres_host: str = "127.0.0.1"
    postgres_port: int = 55432
    postgres_user: str = "postgres"
    postgres_password: SecretStr | None = None
    postgres_dbname: str = "llwybr"
    #: Each deployable process holds two PostgreSQL pools, the event store's (eventsourcing)
    #: and the plain tables' (SQLAlchemy), each at most ``pool_size + max_overflow``
    #: connections: 2 x (5 + 10) = 30 per process by default (and one for the relay's lock),
    #: so the five deployables of ``make run-stack`` stay under 160 of the local PostgreSQL's
    #: ``max_connections`` of 200 (docs/architecture.md, "Connection pools").
    postgres_pool_size: int = Field(default=5, ge=1, le=100)
    postgres_max_overflow: int = Field(default=10, ge=0, le=100)
    #: How long a request waits for a pooled connection before it is answered 503 with
    #: Retry-After (the pool exhausted under load is a moment of unavailability, not a bug).
    postgres_pool_timeout_seconds: float = Field(default=30.0, gt=0, le=300)

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    #: Prepended to consumer group ids, so separate deployments (or test runs) sharing one
    #: broker never split each other's partitions.
    consumer_group_prefix: str = ""
    #: Where a consumer group with no committed offset starts: "earliest" (a new consumer
    #: rebuilds from the first event; the default) or "latest" (only what comes after it
    #: joins: for tests on a broker whose shared topics hold other runs' events).
    consumer_start_from: Literal["earliest", "latest"] = "earliest"
    #: How the clients authenticate: PLAINTEXT on loopback; SASL_SSL with SCRAM on Kubernetes
    #: (a Strimzi KafkaUser per service, the cluster CA in ``kafka_ssl_cafile``).
    kafka_security_protocol: KafkaSecurityProtocol = "PLAINTEXT"
    kafka_sasl_mechanism: KafkaSaslMechanism = "SCRAM-SHA-512"
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None

    #: Signs the caller's identity from the gateway to the services (HMAC-SHA256). Required
    #: in stack mode; in embedded mode the gateway makes one for the process.
    internal_secret: SecretStr | None = None

    relay_batch_size: int = Field(default=500, ge=1, le=10_000)
    relay_poll_seconds: float = Field(default=0.5, gt=0)
    relay_max_backoff_seconds: float = Field(default=5.0, gt=0)
    #: How many times a consumer tries a handler that raises before it sets the event aside
    #: as a dead letter (with an alert), to be replayed once the handler is fixed (ADR 0002).
    consumer_max_attempts: int = Field(default=8, ge=1, le=1000)

    def pool_env(self) -> dict[str, str]:
        """The pools' bounds as ``LLWYBR_*`` variables, for processes started with them."""
        return {
            "LLWYBR_POSTGRES_POOL_SIZE": str(self.postgres_pool_size),
            "LLWYBR_POSTGRES_MAX_OVERFLOW": str(self.postgres_max_overflow),
            "LLWYBR_POSTGRES_POOL_TIMEOUT_SECONDS": str(self.postgres_pool_timeout_seconds),
        }

    @model_validator(mode="after")
    def _sasl_needs_credentials(self) -> "RuntimeSettings":
        if self.kafka_security_protocol.startswith("SASL") and not (
            self.kafka_sasl_username and self.kafka_sasl_password
        ):
            raise ValueError(
                f"LLWYBR_KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs "
                "LLWYBR_KAFKA_SASL_USERNAME and LLWYBR_KAFKA_SASL_PASSWORD"
            )
        return self


class ServiceSettings(BaseSettings):
    """One service's settings: its name, its storage schema, its port, and the shared runtime.

    Each service subclasses it with its own ``env_prefix`` (``DETERMINATION_``, ...).
    """

    model_config = SettingsConfigDict(extra="ignore")

    service: str
    runtime: RuntimeSettings = Field(default_factory=RuntimeSettings)
    postgres_schema: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def schema_name(self) -> str:
        return self.postgres_schema or self.service

    @property
    def data_dir(self) -> Path:
        return self.runtime.var_dir / self.service

    def eventsourcing_env(self) -> dict[str, str]:
        """The eventsourcing library's settings for this service's event store."""
        rt = self.runtime
        if rt.mode == "embedded":
            self.data_dir.mkdir(parents=True, exist_ok=True)
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.data_dir / "events.sqlite"),
            }
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": rt.postgres_dbname,
            "POSTGRES_HOST": rt.postgres_host,
            "POSTGRES_PORT": str(rt.postgres_port),
            "POSTGRES_USER": rt.postgres_user,
            "POSTGRES_PASSWORD": rt.postgres_password.get_secret_value()
            if rt.postgres_password
            else "",
            "POSTGRES_SCHEMA": self.schema_name,
            "POSTGRES_POOL_SIZE": str(rt.postgres_pool_size),
            "POSTGRES_MAX_OVERFLOW": str(rt.postgres_max_overflow),
            # No ping before each use of a pooled connection: it was a round trip per read
            # and per save (18% of the service layer's time at one thread). After a restart
            # of PostgreSQL, a dead connection fails its statement instead, and the library's
            # recorders retry on another (OperationalError and InterfaceError, 10 times).
            "POSTGRES_PRE_PING": "n",
            "POSTGRES_CONNECT_TIMEOUT": "5",
        }
        return env

    def sqlalchemy_url(self) -> str:
        """Where this service's plain tables live (relay position, consumer tracking, ...)."""
        rt = self.runtime
        if rt.mode == "embedded":
            self.data_dir.mkdir(parents=True, exist_ok=True)
            return f"sqlite:///{self.data_dir / 'state.sqlite'}"
        password = rt.postgres_password.get_secret_value() if rt.postgres_password else ""
        return (
            f"postgresql+psycopg://{rt.postgres_user}:{password}@{rt.postgres_host}:"
            f"{rt.postgres_port}/{rt.postgres_dbname}"
        )
