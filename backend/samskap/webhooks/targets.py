"""Where a webhook may send: only to public addresses, unless the setting
webhook_allow_private_targets allows loopback and private networks.

The check runs twice. When a webhook is saved, its host is looked up and refused if any of
its addresses is not public (a name that does not resolve yet is accepted). When a delivery
is sent, the host is looked up again, every address it resolves to is checked, and the
request connects to the checked address itself (the URL's name goes in the Host header and,
for https, in TLS's server name, which the certificate is verified against). A name that
resolved to a public address when the webhook was saved and to 127.0.0.1 or 10.0.0.5 at send
time (DNS rebinding) therefore reaches nothing: no second look-up happens between the check
and the connection.
"""

import asyncio
import ipaddress
import socket
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
LOOKUP_SECONDS = 3.0


class TargetRefused(Exception):
    """The target resolves to an address that is not public, or does not resolve."""


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


async def addresses(host: str, port: int) -> list[IPAddress]:
    """The addresses `host` resolves to (itself, if it is one)."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    loop = asyncio.get_running_loop()
    infos = await asyncio.wait_for(
        loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), LOOKUP_SECONDS
    )
    found: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in found:
            found.append(address)
    return found


def _port(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)


def _local_name(host: str) -> bool:
    host = host.rstrip(".").lower()
    return host == "localhost" or host.endswith(".localhost")


async def refused_at_save(url: str) -> str | None:
    """Why a webhook may not send to `url`, or None. A name that does not resolve now is
    accepted; the check at send time decides then."""
    host = urlsplit(url).hostname or ""
    if _local_name(host):
        return f"{host} is a loopback name"
    try:
        found = await addresses(host, _port(url))
    except (OSError, TimeoutError, UnicodeError):
        return None
    private = [str(a) for a in found if not is_public(a)]
    return f"{host} resolves to {', '.join(private)}, which is not public" if private else None


@dataclass
class Pinned:
    """A request to the address that was checked, with what makes it the URL's request."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, Any] = field(default_factory=dict)


async def pinned(url: str) -> Pinned:
    """Look the URL's host up, refuse unless every address is public, and aim the request at
    the first of them (see the module's note)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if _local_name(host):
        raise TargetRefused(f"{host} is a loopback name")
    try:
        found = await addresses(host, _port(url))
    except (OSError, TimeoutError, UnicodeError) as exc:
        raise TargetRefused(f"could not resolve {host}: {exc or type(exc).__name__}") from exc
    private = [str(a) for a in found if not is_public(a)]
    if private or not found:
        raise TargetRefused(f"{host} resolves to {', '.join(private)}, which is not public")
    address = found[0]
    if _literal(host) is not None:
        return Pinned(url)
    shown = f"[{address}]" if address.version == 6 else str(address)
    netloc = shown if parts.port is None else f"{shown}:{parts.port}"
    if parts.username is not None:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    host_header = host if parts.port is None else f"{host}:{parts.port}"
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return Pinned(
        urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)),
        {"host": host_header},
        extensions,
    )
