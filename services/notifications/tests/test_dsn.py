"""Reading delivery reports (RFC 3464) with the standard library: pure, no I/O."""

import pytest

from notifications.notices.dsn import Bounce, enhanced_status, parse

from .reports import delivery_report, plain_bounce

BOUNCES = "bounces+0123@bounces.llwybr.example"


def test_a_failed_recipient_with_a_5xx_status_is_a_permanent_bounce() -> None:
    report = parse(delivery_report(BOUNCES, "gone@example.org"))
    assert report.bounce is Bounce.PERMANENT
    assert (report.action, report.status) == ("failed", "5.1.1")
    assert report.diagnostic == (
        "smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"
    )
    assert report.final_recipient == "gone@example.org"
    assert (report.reporting_mta, report.remote_mta) == ("mx.example.org", "mail.example.org")


def test_a_delayed_recipient_is_a_transient_bounce() -> None:
    raw = delivery_report(BOUNCES, "slow@example.org", action="delayed", status="4.4.1")
    report = parse(raw)
    assert (report.bounce, report.status) == (Bounce.TRANSIENT, "4.4.1")


def test_a_4xx_status_without_a_known_action_is_transient() -> None:
    raw = delivery_report(BOUNCES, "slow@example.org", action="unknown-action", status="4.2.2")
    assert parse(raw).bounce is Bounce.TRANSIENT


def test_failed_means_given_up_even_with_a_4xx_status() -> None:
    """Postfix reports a message that expired in its queue as failed 4.4.7: it will not
    arrive, so it must not wait silently as a transient bounce."""
    raw = delivery_report(BOUNCES, "x@example.org", action="failed", status="4.4.7")
    assert parse(raw).bounce is Bounce.PERMANENT


def test_a_positive_report_is_delivered() -> None:
    raw = delivery_report(BOUNCES, "x@example.org", action="delivered", status="2.0.0")
    assert parse(raw).bounce is Bounce.DELIVERED


def test_a_status_with_a_comment_is_read_as_its_code() -> None:
    raw = delivery_report(BOUNCES, "x@example.org", status="5.2.2 (mailbox full)")
    assert parse(raw).status == "5.2.2"


def test_a_bounce_without_a_delivery_status_part_is_unparsed() -> None:
    report = parse(plain_bounce(BOUNCES, "gone@example.org"))
    assert report.bounce is Bounce.UNPARSED
    assert (report.status, report.action) == (None, None)
    assert report.subject == "failure notice"


def test_garbage_is_unparsed_not_an_error() -> None:
    assert parse(b"\x00\xff not a message").bounce is Bounce.UNPARSED


def test_the_returned_notice_header_is_read() -> None:
    raw = delivery_report(
        BOUNCES, "x@example.org", returned_headers="X-Llwybr-Notice: abc-123\nSubject: hi\n"
    )
    assert parse(raw).returned_notice == "abc-123"


def test_the_same_report_retransmitted_has_the_same_fingerprint() -> None:
    raw = delivery_report(BOUNCES, "gone@example.org", message_id="<r1@mx.example.org>")
    relayed = b"Received: from mx.example.org by relay.example.net\r\n" + raw
    assert parse(relayed).fingerprint == parse(raw).fingerprint
    other = delivery_report(BOUNCES, "gone@example.org", message_id="<r2@mx.example.org>")
    assert parse(other).fingerprint != parse(raw).fingerprint


def test_the_enhanced_status_of_an_smtp_reply_is_read() -> None:
    assert enhanced_status("5.1.1 <gone@example.org>: user unknown") == "5.1.1"
    assert enhanced_status("mailbox unavailable") is None


@pytest.mark.parametrize("header", [b"To: <", b"Message-ID: <@>", b"To: foo:bar;baz", b"To: foo@["])
def test_a_malformed_header_is_unparsed_not_an_error(header: bytes) -> None:
    raw = b"From: mailer-daemon@example.org\r\n" + header + b"\r\nSubject: x\r\n\r\nbody\r\n"

    report = parse(raw)

    assert report.bounce is Bounce.UNPARSED
    assert report.fingerprint == parse(raw).fingerprint != ""
