"""The client's address: the direct peer's, or behind trusted proxies the one they forwarded.

X-Forwarded-For is believed only when the direct peer is a configured trusted proxy
(settings.trusted_proxies); then the client is the rightmost address in the header that is
not a trusted proxy, since each proxy appends the address it was reached from and everything
left of the nearest untrusted hop may have been written by the client itself. Used wherever
Samskap counts or records a client address: the login limits, the sessions' recorded
address, and the per-address limits of the public participation and survey forms.
"""

from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from starlette.requests import HTTPConnection

Networks = tuple[IPv4Network | IPv6Network, ...]
UNKNOWN = "unknown"


def _parse(value: str) -> IPv4Address | IPv6Address | None:
    text = value.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.partition(":")[0]
    try:
        return ip_address(text)
    except ValueError:
        return None


def _trusted(address: IPv4Address | IPv6Address, proxies: Networks) -> bool:
    return any(address in network for network in proxies)


def forwarded_client(peer: str | None, forwarded_for: list[str], proxies: Networks) -> str:
    """The client's address, given the direct peer, the X-Forwarded-For headers (in the
    order received) and the trusted proxies."""
    if peer is None:
        return UNKNOWN
    nearest = _parse(peer)
    if nearest is None or not proxies or not _trusted(nearest, proxies):
        return peer
    hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # Not an address: no trusted proxy wrote it. The last trusted hop is the best
            # that is known.
            return str(nearest)
        if not _trusted(address, proxies):
            return str(address)
        nearest = address
    # Every hop is a trusted proxy (or there is no header): the farthest one known.
    return str(nearest)


def client_address(connection: HTTPConnection) -> str:
    """The address of the client that sent this request (see the module's description)."""
    peer = connection.client.host if connection.client else None
    proxies: Networks = getattr(connection.app.state, "trusted_proxies", ())
    return forwarded_client(peer, connection.headers.getlist("x-forwarded-for"), proxies)
