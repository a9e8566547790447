"""The address a request came from, for login throttling and anything else that needs it.

A client can write any ``X-Forwarded-For`` it likes, so the header is believed only when the
connection itself came from one of ``settings.TRUSTED_PROXIES`` (the reverse proxy, which appends
the address it saw: ``$proxy_add_x_forwarded_for`` in infra/nginx.conf). Even then only the
entries the trusted proxies appended count: walking the header from the right, the first address
that is not itself a trusted proxy is the client. Whatever a client put further left is ignored.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the address it reported."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _trusted(_address(remote), networks):
        return remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(entry)
        if address is None:
            # A malformed entry is where the trustworthy part of the header ends.
            break
        if not _trusted(address, networks):
            return str(address)
    return remote
