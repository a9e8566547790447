"""Host → centre routing with a short in-process cache.

Resolving the host is a query on every request (about 1.5–2 ms, the largest part of tenancy's
overhead, see bench/tenancy.py). Centres and their domains rarely change, so each process keeps
what it resolved for ``CENTRE_ROUTING_CACHE_SECONDS``. A change made through the lifecycle
services clears this process's cache at once; other processes see it within that many seconds.
"""

import copy
import threading
import time

from django.conf import settings
from django_tenants.middleware.main import TenantMainMiddleware

_lock = threading.Lock()
_centres_by_host: dict[str, tuple[float, object]] = {}


def centre_routing_cache_clear() -> None:
    with _lock:
        _centres_by_host.clear()


def centre_for_host(*, domain_model, hostname: str):
    """The centre (or public tenant) serving ``hostname``; raises domain_model.DoesNotExist.
    Unknown hosts are not cached, so a new centre answers as soon as it is created."""
    ttl = settings.CENTRE_ROUTING_CACHE_SECONDS
    now = time.monotonic()
    cached = _centres_by_host.get(hostname)
    if ttl > 0 and cached is not None and cached[0] > now:
        centre = cached[1]
    else:
        centre = domain_model.objects.select_related("tenant").get(domain=hostname).tenant
        if ttl > 0:
            with _lock:
                _centres_by_host[hostname] = (now + ttl, centre)
    # django-tenants writes request details on the object it gets: each request gets its own copy.
    return copy.copy(centre)


class CentreRoutingMiddleware(TenantMainMiddleware):
    """django-tenants' host routing, resolving hosts through the cache above."""

    def get_tenant(self, domain_model, hostname):
        return centre_for_host(domain_model=domain_model, hostname=hostname)
