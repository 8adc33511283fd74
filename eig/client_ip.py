"""The visitor's address, as the login rate limits count it, behind the reverse proxies we trust.

Behind a reverse proxy every request comes from the proxy's address (`REMOTE_ADDR`): counting by it
would put every visitor in one bucket, and ten failed logins from anyone would block everyone.
`settings.TRUSTED_PROXIES` lists the networks of the proxies in front of the application. Only when
the request comes from one of them is `X-Forwarded-For` read, from the right (each proxy appends the
address it saw): the first address that is not a trusted proxy is the visitor's. Anything left of it
was written by the visitor and is ignored, so a forged header cannot rotate addresses. From any other
peer the header is ignored altogether.
"""

import functools
import ipaddress

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(network, strict=False) for network in trusted)


def _is_trusted(address: Address) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def parse_address(value: str | None) -> Address | None:
    """An IP address as a proxy writes it (`203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:443`,
    `203.0.113.7:443`), or None."""
    value = (value or "").strip()
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else ""
    elif value.count(":") == 1:
        value = value.split(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The visitor's address: the peer's, or, when the peer is a trusted proxy, the rightmost
    address of `X-Forwarded-For` that is not a trusted proxy."""
    address = parse_address(request.META.get("REMOTE_ADDR"))
    if address is None or not _is_trusted(address):
        return str(address) if address else None
    hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        forwarded = parse_address(hop)
        if forwarded is None:
            # Not written by a proxy of ours: stop at the last address a trusted proxy vouched for.
            break
        address = forwarded
        if not _is_trusted(address):
            break
    return str(address)
