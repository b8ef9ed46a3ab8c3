"""The SSRF guard at the edge: resolve an endpoint's host and check every address it gives.

Used when a subscription's URL is set (so a tenant learns at once) and again before each
attempt (DNS can change meanwhile); the dispatcher then connects to an address checked here,
never resolving the name a second time, so a rebinding between check and connect has nothing to
redirect. The policy itself is pure (``addresses``); this module only adds the resolver.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from notifications.webhooks.addresses import IPAddress, IPNetwork, refusal
from notifications.webhooks.domain import WebhookAddressRefusedError, WebhookHostUnresolvedError

#: ``(host, port) -> addresses``; the real one asks the system's resolver (``getaddrinfo``).
Resolver = Callable[[str, int], Awaitable[Sequence[IPAddress]]]

DEFAULT_PORTS = {"http": 80, "https": 443}


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    """The host's addresses from ``getaddrinfo`` (in the loop's executor), in its order."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    found: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if address not in found:
            found.append(address)
    return found


@dataclass(frozen=True)
class Endpoint:
    """A URL's host and port, and the addresses it may be reached at (all checked)."""

    host: str
    port: int
    addresses: Sequence[IPAddress]


async def permitted_endpoint(
    url: str,
    allowed: Sequence[IPNetwork],
    *,
    resolver: Resolver = system_resolver,
    timeout: float = 5.0,
) -> Endpoint:
    """The endpoint of a URL ``check_url`` accepted, if every address of its host is permitted.

    Raises ``WebhookHostUnresolvedError`` if the host does not resolve (within ``timeout``) and
    ``WebhookAddressRefusedError`` if any address is not permitted: one private address among
    public ones is enough to refuse, since the connection could go to any of them.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    literal = _literal(host)
    addresses = [literal] if literal else await _resolve(host, port, resolver, timeout)
    for address in addresses:
        reason = refusal(address, allowed)
        if reason is not None:
            what = f"{address} is" if literal else f"{host} resolves to {address}, which is"
            raise WebhookAddressRefusedError(
                f"{what} {reason}: webhooks are only sent to public "
                "addresses (an operator can allow a network with "
                "NOTIFICATIONS_WEBHOOKS_ALLOWED_NETWORKS)"
            )
    return Endpoint(host, port, addresses)


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


async def _resolve(host: str, port: int, resolver: Resolver, timeout: float) -> list[IPAddress]:
    try:
        async with asyncio.timeout(timeout):
            addresses = list(await resolver(host, port))
    except TimeoutError:
        raise WebhookHostUnresolvedError(
            f"{host} did not resolve within {timeout:g} s; a webhook URL must name a host "
            "with a public address"
        ) from None
    except OSError as error:  # socket.gaierror among them
        raise WebhookHostUnresolvedError(
            f"{host} does not resolve ({error.strerror or error}); a webhook URL must name "
            "a host with a public address"
        ) from None
    if not addresses:
        raise WebhookHostUnresolvedError(f"{host} resolves to no address")
    return addresses
