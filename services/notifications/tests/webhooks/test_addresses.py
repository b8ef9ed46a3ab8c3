"""The SSRF policy: which addresses webhooks may be sent to."""

import ipaddress
import re

import pytest

from notifications.webhooks.addresses import embedded, parse_networks, refusal

LOOPBACK = parse_networks("127.0.0.0/8, ::1")


@pytest.mark.parametrize(
    "address",
    [
        "1.1.1.1",
        "8.8.8.8",
        "81.2.69.160",
        "2606:4700:4700::1111",
        "2a00:1450:4009:81f::200e",
        "192.0.0.9",  # a globally reachable anycast service inside 192.0.0.0/24
    ],
)
def test_a_public_address_is_permitted(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),  # noqa: S104
        ("::", "unspecified"),
        ("0.1.2.3", "'this network'"),
        ("169.254.169.254", "link-local"),  # the cloud metadata service
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "shared address space"),
        ("100.127.255.254", "shared address space"),
        ("fc00::1", "private"),  # unique local
        ("fd12:3456:789a::1", "private"),
        ("fec0::1", "site-local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("ff0e::1", "multicast"),  # global scope multicast is still not an endpoint
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("198.18.0.1", "private"),  # benchmarking
        ("192.0.2.10", "private"),  # documentation
        ("2001:db8::1", "private"),  # documentation
        ("192.0.0.170", "private"),  # NAT64 discovery
    ],
)
def test_an_address_that_is_not_public_is_refused_with_its_kind(address: str, kind: str) -> None:
    reason = refusal(ipaddress.ip_address(address))
    assert reason is not None
    assert kind in reason


@pytest.mark.parametrize(
    ("address", "carried"),
    [
        ("::ffff:127.0.0.1", "127.0.0.1"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "169.254.169.254"),
        ("::ffff:10.1.2.3", "10.1.2.3"),
        ("2002:a9fe:a9fe::1", "169.254.169.254"),  # 6to4: is_global says yes on its own
        ("2002:0a00:0001::", "10.0.0.1"),
        ("64:ff9b::a9fe:a9fe", "169.254.169.254"),  # NAT64: is_global says yes on its own
        ("64:ff9b::7f00:1", "127.0.0.1"),
    ],
)
def test_an_ipv6_address_carrying_a_refused_ipv4_one_is_refused(address: str, carried: str) -> None:
    reason = refusal(ipaddress.ip_address(address))
    assert reason is not None
    assert f"it carries the IPv4 address {carried}" in reason


def test_an_ipv6_address_carrying_a_public_ipv4_one_is_permitted() -> None:
    assert refusal(ipaddress.ip_address("::ffff:1.1.1.1")) is None
    assert refusal(ipaddress.ip_address("64:ff9b::101:101")) is None  # DNS64 for 1.1.1.1
    assert refusal(ipaddress.ip_address("2002:101:101::1")) is None  # 6to4 of 1.1.1.1
    # A Teredo address is refused for its own prefix (2001::/32), whatever it carries.
    assert refusal(ipaddress.ip_address("2001:0:4136:e378:8000:63bf:3fff:fdd2")) is not None


def test_embedded_unwraps_every_ipv4_address_an_ipv6_one_reaches() -> None:
    teredo = ipaddress.ip_address("2001:0:4136:e378:8000:63bf:3fff:fdd2")
    assert [str(a) for a in embedded(teredo)][1:] == ["65.54.227.120", "192.0.2.45"]
    mapped = ipaddress.ip_address("::ffff:1.2.3.4")
    assert [str(a) for a in embedded(mapped)] == ["::ffff:102:304", "1.2.3.4"]
    plain = ipaddress.ip_address("1.2.3.4")
    assert list(embedded(plain)) == [plain]


@pytest.mark.parametrize("address", ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"])
def test_an_allowed_network_permits_its_addresses(address: str) -> None:
    assert refusal(ipaddress.ip_address(address), LOOPBACK) is None


@pytest.mark.parametrize("address", ["10.0.0.1", "169.254.169.254", "::2", "fe80::1"])
def test_an_allowed_network_permits_nothing_outside_it(address: str) -> None:
    assert refusal(ipaddress.ip_address(address), LOOPBACK) is not None


def test_an_on_premises_network_can_be_allowed() -> None:
    allowed = parse_networks(["10.20.0.0/16"])
    assert refusal(ipaddress.ip_address("10.20.3.4"), allowed) is None
    assert refusal(ipaddress.ip_address("10.21.3.4"), allowed) is not None


def test_networks_are_read_from_cidrs_and_bare_addresses() -> None:
    assert parse_networks("") == ()
    assert parse_networks(" 10.0.0.0/8 , ,fd00::/8,192.168.1.7") == (
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("fd00::/8"),
        ipaddress.ip_network("192.168.1.7/32"),
    )
    assert parse_networks("10.1.2.3/8") == (ipaddress.ip_network("10.0.0.0/8"),)


def test_a_network_that_is_not_a_cidr_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match=re.escape("'10.0.0.0/33'")):
        parse_networks("127.0.0.0/8,10.0.0.0/33")
