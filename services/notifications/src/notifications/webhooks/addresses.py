"""Which addresses the dispatcher may connect to: the SSRF policy. Pure: no I/O.

A tenant chooses the URL, so without this policy a subscription could make the service POST to
the cloud's metadata endpoint (169.254.169.254), the cluster's own services, or anything else
only reachable from inside. An address is permitted when it is globally routable, or when it is
in a network the operator allowed (``NOTIFICATIONS_WEBHOOKS_ALLOWED_NETWORKS``: on-premises
receivers and tests on loopback). ``ipaddress``'s ``is_global`` alone is not enough on Python
3.11: it calls multicast and site-local addresses global, and IPv6 forms that carry an IPv4
address (IPv4-mapped, 6to4, NAT64, Teredo) are judged by the IPv6 prefix, not by the IPv4
address the packets end up at; so those are unwrapped and checked too.
"""

import ipaddress
from collections.abc import Iterable, Iterator, Sequence

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

#: RFC 6052's well-known NAT64 prefix: a gateway forwards 64:ff9b::a.b.c.d to the IPv4 a.b.c.d.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
#: RFC 6598's carrier-grade NAT space (also used by some clouds' internal services).
SHARED = ipaddress.IPv4Network("100.64.0.0/10")
THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")


def parse_networks(text: str | Iterable[str]) -> tuple[IPNetwork, ...]:
    """Networks from CIDRs (a comma-separated string or a list); a bare address is a /32 or
    /128. ``ValueError`` names the first that is not a network."""
    items = text.split(",") if isinstance(text, str) else list(text)
    found = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            found.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not a network in CIDR notation") from None
    return tuple(found)


def translated(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (IPv4-mapped, or NAT64's well-known prefix)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def embedded(address: IPAddress) -> Iterator[IPAddress]:
    """The address, then any IPv4 address an IPv6 one carries to (mapped, NAT64, 6to4, Teredo)."""
    yield address
    if isinstance(address, ipaddress.IPv6Address):
        if (v4 := translated(address)) is not None:
            yield v4
        if address.sixtofour is not None:
            yield address.sixtofour
        if address.teredo is not None:
            yield from address.teredo  # the server, then the (deobfuscated) client


def _kind(address: IPAddress) -> str | None:
    """Why this one address (not unwrapped) is not globally routable, if it is not."""
    checks = [
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local (where cloud metadata services answer)"),
        (address.is_multicast, "multicast"),
        (isinstance(address, ipaddress.IPv4Address) and address in THIS_NETWORK, "'this network'"),
        (isinstance(address, ipaddress.IPv4Address) and address in SHARED,
         "shared address space (RFC 6598)"),
        (isinstance(address, ipaddress.IPv6Address) and address.is_site_local, "site-local"),
        (address.is_reserved, "reserved"),
        (address.is_private, "private"),
        (not address.is_global, "not globally routable"),
    ]  # fmt: skip
    return next((reason for refused, reason in checks if refused), None)


def refusal(address: IPAddress, allowed: Sequence[IPNetwork] = ()) -> str | None:
    """Why the dispatcher must not connect to ``address``, or None if it may.

    An address in an ``allowed`` network is permitted whatever its kind (the operator's choice);
    otherwise it and every IPv4 address it carries must be globally routable. A mapped or NAT64
    address is judged by its IPv4 address alone (the IPv6 prefixes are "reserved", yet DNS64
    gives them for every IPv4-only receiver in an IPv6-only cluster).
    """
    carried = list(embedded(address))
    if any(a in network for a in carried for network in allowed if a.version == network.version):
        return None
    for inner in carried:
        if inner == address and translated(address) is not None:
            continue
        kind = _kind(inner)
        if kind is not None:
            return kind if inner == address else f"{kind}: it carries the IPv4 address {inner}"
    return None
