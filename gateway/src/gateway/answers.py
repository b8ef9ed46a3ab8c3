"""The shapes of the gateway's own JSON answers (keys, metadata, probes, the audit's checks),
so the public document describes each with a real example (issue 20).

The answers are still built where they are served; these models document them and, where a
route returns a plain dict, check it. Where an answer carries another party's record (a JWK,
a service's report, an aggregate's state), only its stable fields are named and the rest is
allowed: a field a client reads is never dropped.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

_KID = "tok-2026-09"


class Jwk(BaseModel):
    """A public key (RFC 7517); EC keys also have ``crv``, ``x`` and ``y``."""

    model_config = ConfigDict(extra="allow")

    kty: str = Field(description="The key type, e.g. `EC`")
    kid: str = Field(description="The key id a token's or manifest's header names")
    use: str | None = Field(default=None, description="`sig`: the key verifies signatures")
    alg: str | None = Field(default=None, description="The algorithm, e.g. `ES256`")


class JwkSet(BaseModel):
    """A JWK Set (RFC 7517 section 5): token keys, then manifest keys (retired ones too)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "keys": [
                        {
                            "kty": "EC",
                            "crv": "P-256",
                            "kid": _KID,
                            "use": "sig",
                            "alg": "ES256",
                            "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                            "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
                        }
                    ]
                }
            ]
        }
    )

    keys: list[Jwk]


class AuthorizationServerMetadata(BaseModel):
    """RFC 8414 section 2: where the token endpoint and the keys are, and what they take."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "issuer": "https://llwybr.example.gov.wales",
                    "token_endpoint": "https://llwybr.example.gov.wales/oauth/token",
                    "jwks_uri": "https://llwybr.example.gov.wales/.well-known/jwks.json",
                    "grant_types_supported": ["client_credentials"],
                    "token_endpoint_auth_methods_supported": [
                        "client_secret_basic",
                        "client_secret_post",
                    ],
                    "scopes_supported": ["determinations:read", "determinations:write"],
                    "response_types_supported": [],
                    "service_documentation": "https://llwybr.example.gov.wales/docs",
                }
            ]
        }
    )

    issuer: str = Field(description="The `iss` of every access token (the public URL)")
    token_endpoint: str
    jwks_uri: str
    grant_types_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    scopes_supported: list[str]
    response_types_supported: list[str] = Field(
        description="Empty: there is no authorization endpoint"
    )
    service_documentation: str


class Liveness(BaseModel):
    """The process serves requests."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ok", "service": "gateway"}]}
    )

    status: Literal["ok"]
    service: str


_READY: JsonDict = {"startup": "ok", "database": "ok"}


class ReadinessReport(BaseModel):
    """Each check: `ok`, `failing: ...` (then not ready) or `degraded: ...` (still ready)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"examples": [{"status": "ready", "checks": _READY}]},
    )

    status: Literal["ready", "not ready"]
    checks: dict[str, str] = Field(description="Each check by name, e.g. `database`")


class ServiceReadiness(BaseModel):
    """A service's own `/readyz` report, or `unreachable` with the error."""

    model_config = ConfigDict(extra="allow")

    status: Literal["ready", "not ready", "unreachable"]
    checks: dict[str, str] | None = None
    error: str | None = Field(default=None, description="Why it could not be reached")


class ServicesReadiness(BaseModel):
    """Every service's readiness, by name: ready only when each one is."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "not ready",
                    "services": {
                        "determination": {"status": "ready", "checks": _READY},
                        "idp": {"status": "ready", "checks": _READY},
                        "disputes": {"status": "ready", "checks": _READY},
                        "notifications": {
                            "status": "unreachable",
                            "error": "ConnectError: [Errno 111] Connection refused",
                        },
                    },
                }
            ]
        }
    )

    status: Literal["ready", "not ready"]
    services: dict[str, ServiceReadiness]


_AGGREGATE = "3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f"
_HASH = "9b1c0f5e2d7a4c3b8e6f1a0d2c4b6e8f9a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d"
_CHAIN: JsonDict = {
    "service": "determination",
    "ok": True,
    "events_checked": 7,
    "aggregates_checked": 1,
    "broken": None,
    "breaks": [],
}


class ChainReport(BaseModel):
    """One service's check of a chain, or of every chain in its store."""

    model_config = ConfigDict(extra="allow")

    service: str
    ok: bool = Field(description="Every hash recomputed matches")
    events_checked: int
    aggregates_checked: int
    broken: Any = Field(default=None, description="The first break, if any")
    breaks: list[Any] = Field(default_factory=list, description="Every break found")


class IntegrityVerification(BaseModel):
    """The checks of a learner's aggregates, or of whole services' stores."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"ok": True, "checked": [_CHAIN], "first_broken": None}]}
    )

    ok: bool = Field(description="No chain is broken")
    checked: list[ChainReport]
    first_broken: ChainReport | None = None


class AggregateAsOf(BaseModel):
    """An aggregate's events and its state by replay, as recorded and/or as in force.

    ``state`` is the aggregate's own (its fields differ by kind of case); each event also has
    its ``data``, ``actor``, ``correlation_id`` and chain hashes."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "as_of_version": 2,
                    "as_of_recorded": None,
                    "in_force_on": None,
                    "version": 2,
                    "events": [
                        {
                            "service": "determination",
                            "aggregate_id": _AGGREGATE,
                            "version": 2,
                            "event": "ConsentRecorded",
                            "public_event": "determination.consent-recorded",
                            "topic": "determination.domain.determination:Determination.Consented",
                            "recorded_at": "2026-10-05T09:00:00Z",
                            "in_force_on": "2026-10-05",
                            "actor": "mis-ysgol-rhiwabon",
                            "correlation_id": "c0ffee00-1234-4abc-9def-0123456789ab",
                            "causation_id": None,
                            "integrity_hash": _HASH,
                            "previous_hash": _HASH,
                            "data": {"given_on": "2026-10-05"},
                        }
                    ],
                    "state": {"learner_id": "7d1e4b2a-5c3f-4e8d-9a6b-0f1e2d3c4b5a"},
                    "not_in_force": [],
                }
            ]
        },
    )

    as_of_version: int | None = None
    as_of_recorded: str | None = Field(default=None, description="The moment asked for (ISO 8601)")
    in_force_on: str | None = Field(default=None, description="The day asked for (ISO 8601)")
    version: int = Field(description="The last version replayed (0: none)")
    events: list[dict[str, Any]] = Field(description="The events replayed, oldest first")
    state: dict[str, Any] | None = Field(
        default=None, description="The aggregate's state; None: no event"
    )
    not_in_force: list[int] = Field(
        default_factory=list, description="Versions recorded but not yet in force on the day"
    )
