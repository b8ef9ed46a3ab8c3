"""Kafka client security from settings: SCRAM over TLS on Kubernetes, plain on loopback."""

import ssl
from pathlib import Path

import certifi
import pytest
from pydantic import SecretStr, ValidationError

from llwybr.kafka import KafkaSecurity
from llwybr.settings import RuntimeSettings


def test_loopback_clients_use_plaintext_and_no_credentials() -> None:
    options = KafkaSecurity.from_runtime(RuntimeSettings()).client_options()

    assert options == {"security_protocol": "PLAINTEXT"}


def test_scram_over_tls_verifies_the_broker_against_the_cluster_ca() -> None:
    runtime = RuntimeSettings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="llwybr-idp",
        kafka_sasl_password=SecretStr("s3cret"),
        kafka_ssl_cafile=Path(certifi.where()),
    )

    options = KafkaSecurity.from_runtime(runtime).client_options()

    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == (
        "llwybr-idp",
        "s3cret",
    )
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0


def test_a_missing_ca_file_is_refused_at_start_up(tmp_path: Path) -> None:
    runtime = RuntimeSettings(kafka_security_protocol="SSL", kafka_ssl_cafile=tmp_path / "no.crt")

    with pytest.raises(FileNotFoundError):
        KafkaSecurity.from_runtime(runtime).client_options()


def test_sasl_without_credentials_is_a_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLWYBR_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("LLWYBR_KAFKA_SASL_USERNAME", "llwybr-idp")

    with pytest.raises(ValidationError, match="LLWYBR_KAFKA_SASL_PASSWORD"):
        RuntimeSettings()
