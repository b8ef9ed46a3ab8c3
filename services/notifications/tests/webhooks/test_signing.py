"""The webhook signature and the package's reference verifier (pure)."""

import base64
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from notifications.webhooks.signing import (
    SignatureError,
    new_secret,
    signature,
    signature_header,
    signed_headers,
    verify,
    verify_standard,
)

BODY = b'{"specversion":"1.0","id":"e1","type":"wales.aln.idp.issued.v1"}'
NOW = 1_790_000_000


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    expected = hmac.new(b"s3cret", b"1790000000." + BODY, hashlib.sha256).hexdigest()
    assert signature("s3cret", NOW, BODY) == expected
    assert signature_header(["s3cret"], NOW, BODY) == f"t={NOW},v1={expected}"


def test_a_request_signed_with_the_secret_verifies() -> None:
    header = signature_header(["s3cret"], NOW, BODY)
    assert verify("s3cret", header, BODY, now=NOW + 10) == NOW


def test_a_wrong_secret_fails() -> None:
    header = signature_header(["s3cret"], NOW, BODY)
    with pytest.raises(SignatureError, match="no signature matches"):
        verify("other", header, BODY, now=NOW)


def test_a_changed_body_fails() -> None:
    header = signature_header(["s3cret"], NOW, BODY)
    with pytest.raises(SignatureError):
        verify("s3cret", header, BODY.replace(b"e1", b"e2"), now=NOW)


@pytest.mark.parametrize("skew", [-301, 301])
def test_a_timestamp_outside_the_tolerance_fails_either_way(skew: int) -> None:
    header = signature_header(["s3cret"], NOW, BODY)
    with pytest.raises(SignatureError, match="more than 300 s"):
        verify("s3cret", header, BODY, now=NOW + skew)
    assert verify("s3cret", header, BODY, now=NOW + skew, tolerance=400) == NOW


def test_during_a_rotation_either_secret_verifies() -> None:
    header = signature_header(["new", "old"], NOW, BODY)
    assert header.count("v1=") == 2
    assert verify("new", header, BODY, now=NOW) == NOW
    assert verify("old", header, BODY, now=NOW) == NOW
    with pytest.raises(SignatureError):
        verify("neither", header, BODY, now=NOW)


def test_an_unknown_scheme_is_ignored_beside_v1() -> None:
    header = signature_header(["s3cret"], NOW, BODY) + ",v2=abc"
    assert verify("s3cret", header, BODY, now=NOW) == NOW


@pytest.mark.parametrize(
    "header",
    ["", "t=1790000000", "v1=abc", "t=abc,v1=abc", "t=1,t=2,v1=abc", "t=1790000000,junk"],
)
def test_a_malformed_header_fails(header: str) -> None:
    with pytest.raises(SignatureError):
        verify("s3cret", header, BODY, now=NOW)


def test_signing_needs_a_secret() -> None:
    with pytest.raises(ValueError, match="at least one secret"):
        signature_header([], NOW, BODY)


@given(secret=st.text(min_size=1, max_size=64), body=st.binary(max_size=512))
def test_any_body_signed_with_any_secret_verifies_with_it_only(secret: str, body: bytes) -> None:
    header = signature_header([secret], NOW, body)
    assert verify(secret, header, body, now=NOW) == NOW
    with pytest.raises(SignatureError):
        verify(secret + "x", header, body, now=NOW)


def test_the_readme_recipe_accepts_exactly_what_the_package_signs() -> None:
    """The README's verifier (issue 20: the Standard Webhooks library, no longer a recipe for
    the deprecated ``Llwybr-Signature``) on what the dispatcher sends."""
    readme = (Path(__file__).resolve().parents[4] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Webhooks for MIS vendors", 1)[1]
    recipe = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(recipe, namespace)  # noqa: S102 (the README's own example)
    verified = namespace["verified"]
    new, old, other = new_secret(), new_secret(), new_secret()
    now = int(time.time())
    headers = signed_headers([new, old], "msg_1", now, BODY)
    assert verified(new, headers, BODY)
    assert verified(old, headers, BODY)
    assert not verified(other, headers, BODY)
    assert not verified(new, headers, BODY + b" ")
    assert not verified(new, signed_headers([new], "msg_1", now - 301, BODY), BODY)
    assert not verified(new, {"webhook-signature": "garbage"}, BODY)


# -- Standard Webhooks (issue 20): verified by the standardwebhooks package itself ----------


def _headers(secrets: list[str], body: bytes = BODY) -> dict[str, str]:
    return signed_headers(secrets, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", int(time.time()), body)


def test_a_new_secret_is_whsec_and_32_random_bytes() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32
    assert new_secret() != secret


def test_a_request_verifies_with_the_standard_webhooks_library() -> None:
    secret = new_secret()
    headers = _headers([secret])
    assert set(headers) == {"webhook-id", "webhook-timestamp", "webhook-signature",
                            "Llwybr-Signature"}  # fmt: skip
    assert Webhook(secret).verify(BODY, headers) == json.loads(BODY)
    assert verify_standard(secret, headers, BODY, now=int(time.time())) > 0


def test_during_a_rotation_either_secret_verifies_and_another_does_not() -> None:
    old, new = new_secret(), new_secret()
    headers = _headers([new, old])
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(BODY, headers)
    Webhook(new).verify(BODY, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(BODY, headers)
    with pytest.raises(SignatureError, match="no signature matches"):
        verify_standard(new_secret(), headers, BODY, now=int(time.time()))


def test_a_changed_body_or_id_fails_the_standard_check() -> None:
    secret = new_secret()
    headers = _headers([secret])
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY + b" ", headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY, {**headers, "webhook-id": "msg_other"})


def test_a_secret_issued_before_whsec_keys_with_its_text() -> None:
    headers = _headers(["a-secret-from-before-issue-20"])
    Webhook(b"a-secret-from-before-issue-20").verify(BODY, headers)


def test_the_deprecated_header_is_still_sent_and_verifies() -> None:
    secret = new_secret()
    headers = _headers([secret])
    assert verify(secret, headers["Llwybr-Signature"], BODY, now=int(time.time())) > 0
