"""Webhook test support: a real HTTP(S) receiver on loopback (uvicorn on a free port, in the
test's event loop), certificates for it, and public events as the services' relays publish
them."""

import asyncio
import contextlib
import socket
import ssl
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from contracts import determination
from contracts.envelope import Envelope
from contracts.events import IntegrationEvent


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next scripted status (then ``default``), recording it."""

    script: list[int] = field(default_factory=list)
    default: int = 200
    delay: float = 0.0
    requests: list[Received] = field(default_factory=list)
    port: int = 0
    server_names: list[str | None] = field(default_factory=list)  # SNI, over TLS

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def answering(self, *statuses: int, then: int = 200) -> "Receiver":
        self.script, self.default = list(statuses), then
        return self

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.requests]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        self.requests.append(Received(scope["path"], headers, body))
        if self.delay:
            await asyncio.sleep(self.delay)
        status = self.script.pop(0) if self.script else self.default
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@contextlib.asynccontextmanager
async def serving(app: "Receiver", tls: "Certificates | None" = None) -> AsyncIterator["Receiver"]:
    """``app`` served by uvicorn on a free loopback port (over TLS with ``tls``)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    app.port = sock.getsockname()[1]
    options: dict[str, Any] = {}
    if tls is not None:
        options = {"ssl_certfile": tls.certfile, "ssl_keyfile": tls.keyfile}
    config = uvicorn.Config(
        app, lifespan="off", ws="none", http="h11", log_level="warning", access_log=False,
        **options,
    )  # fmt: skip
    config.load()
    if config.ssl is not None:  # record the name each client asked for (SNI)
        config.ssl.sni_callback = lambda _sock, name, _ctx: app.server_names.append(name)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield app
    finally:
        server.should_exit = True
        await task
        sock.close()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with serving(Receiver()) as app:
        yield app


@dataclass(frozen=True)
class Certificates:
    """A certificate authority of the test's own and a server certificate it issued."""

    authority: Path
    certfile: Path
    keyfile: Path

    def client_context(self) -> ssl.SSLContext:
        """What a client that trusts only this authority verifies with."""
        return ssl.create_default_context(cafile=str(self.authority))


def issue_certificates(directory: Path, *names: str) -> Certificates:
    """A CA, and a certificate for the DNS ``names`` (no IP address) signed by it."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Llwybr test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
            key_encipherment=False, data_encipherment=False, key_agreement=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    pem = serialization.Encoding.PEM
    certificates = Certificates(
        directory / "ca.pem", directory / "server.pem", directory / "server.key"
    )
    certificates.authority.write_bytes(ca.public_bytes(pem))
    certificates.certfile.write_bytes(leaf.public_bytes(pem))
    certificates.keyfile.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return certificates


def envelope(event: IntegrationEvent, aggregate_id: uuid.UUID, version: int = 1) -> Envelope:
    """A public event as a service's relay would publish it."""
    return Envelope.wrap(
        event,
        learner_id=str(getattr(event, "learner_id", "")),
        aggregate_id=aggregate_id,
        aggregate_version=version,
        time=datetime.now(UTC),
        integrity_hash="0" * 64,
    )


def new_school(local_authority: str = "665") -> str:
    """A school of its own for one test: the topics keep every earlier test's events, and a
    subscription of a shared school would receive them all."""
    return f"school:{local_authority}{uuid.uuid4().hex[:12]}"


def concern_raised(school: str, local_authority: str = "665") -> Envelope:
    """A concern about a new learner at ``school``, in a new case."""
    case_id = uuid.uuid4()
    event = determination.ConcernRaised(
        determination_id=case_id, learner_id=f"learner-{uuid.uuid4().hex[:8]}",
        deciding_body="school", deciding_organisation=school,
        local_authority=f"la:{local_authority}", status="gathering_information",
        no_decision_reason=None, came_to_attention_on=date(2026, 3, 2), decision_deadline=None,
    )  # fmt: skip
    return envelope(event, case_id)


def decided(concern: Envelope, version: int = 2) -> Envelope:
    """The school's decision on the concern's case (at ``version`` of the aggregate)."""
    data = concern.data
    event = determination.Decided(
        determination_id=data["determination_id"], learner_id=data["learner_id"], has_aln=True,
        decided_on=date(2026, 3, 20), decided_by=data["deciding_organisation"],
        deciding_body="school", local_authority=data["local_authority"],
        reconsidering_authority=data["local_authority"], within_time=True,
        young_person=False, looked_after=False, decision_deadline=None,
    )  # fmt: skip
    return envelope(event, uuid.UUID(concern.aggregate_id), version)


def registered(
    learner_id: str, responsible: str, looking_after: str | None = None
) -> determination.LearnerRelationsRecorded:
    """The learner registry's facts about a learner, as the determination service publishes
    them (``envelope(registered(..), uuid.uuid4())`` to publish)."""
    return determination.LearnerRelationsRecorded(
        learner_id=learner_id, responsible_authority=responsible,
        looking_after_authority=looking_after, enrolled_at=[],
        compulsory_school_age_on=date(2023, 9, 1), young_person_on=date(2034, 9, 1),
    )  # fmt: skip
