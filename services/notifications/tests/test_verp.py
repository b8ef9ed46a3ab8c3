"""VERP bounce addresses: signed, so a forged one names no notice. Pure."""

import uuid

from notifications.notices.verp import bounce_address, notice_of

KEY, OLD_KEY = b"k" * 32, b"o" * 32
DOMAIN = "bounces.llwybr.example"


def test_a_bounce_address_names_its_notice() -> None:
    notice = str(uuid.uuid4())
    address = bounce_address("bounces", DOMAIN, KEY, notice)
    assert address.startswith("bounces+")
    assert address.endswith("@bounces.llwybr.example")
    assert len(address.partition("@")[0]) <= 64  # RFC 5321's limit on a local part
    assert notice_of(address, "bounces", DOMAIN, [KEY]) == notice
    assert notice_of(f"<{address.upper()}>", "bounces", DOMAIN, [KEY]) == notice


def test_an_address_signed_with_a_rotated_out_key_still_verifies() -> None:
    notice = str(uuid.uuid4())
    address = bounce_address("bounces", DOMAIN, OLD_KEY, notice)
    assert notice_of(address, "bounces", DOMAIN, [KEY, OLD_KEY]) == notice
    assert notice_of(address, "bounces", DOMAIN, [KEY]) is None


def test_a_forged_or_altered_address_names_no_notice() -> None:
    notice, other = str(uuid.uuid4()), uuid.uuid4()
    address = bounce_address("bounces", DOMAIN, KEY, notice)
    local, _, domain = address.partition("@")
    mac = local.rpartition(".")[2]
    forged = f"bounces+{other.hex}.{mac}@{domain}"
    for candidate in (
        forged,
        address.replace(DOMAIN, "elsewhere.example"),
        address.replace("bounces+", "notices+", 1),
        f"bounces+{other.hex}.{'0' * 20}@{DOMAIN}",
        f"bounces+{uuid.UUID(notice).hex}@{DOMAIN}",
        f"postmaster@{DOMAIN}",
        "not an address",
    ):
        assert notice_of(candidate, "bounces", DOMAIN, [KEY]) is None, candidate
