"""Host → centre routing with a short in-process cache of every host at once.

Resolving the host is a query on every request (about 1.5–2 ms, the largest part of tenancy's
overhead, see bench/tenancy.py). Centres and their domains rarely change, so each process keeps
the whole host → centre map for ``CENTRE_ROUTING_CACHE_SECONDS`` and loads it again, in one
query, when that time is up. One map for all hosts, rather than one expiry per host, keeps the
cache warm when traffic is spread over many centres (each host alone would be seen too rarely
by one process to stay cached), and bounds staleness the same way: a change made elsewhere (a
suspension by another process) is seen within that many seconds by every process; a change made
through the lifecycle services clears this process's map at once. A host not in the map is
looked up on its own (and then kept until the map's next reload), so a new centre answers as
soon as it is created; unknown hosts are never cached.
"""

import copy
import threading
import time

from django.conf import settings
from django_tenants.middleware.main import TenantMainMiddleware

_lock = threading.Lock()
_map: dict = {"expires": 0.0, "hosts": {}}
_clock = time.monotonic


def centre_routing_cache_clear() -> None:
    with _lock:
        _map["expires"] = 0.0
        _map["hosts"] = {}


def _hosts_load(domain_model, now: float, ttl: float) -> dict:
    hosts = {domain.domain: domain.tenant for domain in domain_model.objects.select_related("tenant")}
    with _lock:
        _map["hosts"] = hosts
        _map["expires"] = now + ttl
    return hosts


def centre_for_host(*, domain_model, hostname: str):
    """The centre (or public tenant) serving ``hostname``; raises domain_model.DoesNotExist."""
    ttl = settings.CENTRE_ROUTING_CACHE_SECONDS
    if ttl <= 0:
        return domain_model.objects.select_related("tenant").get(domain=hostname).tenant
    now = _clock()
    hosts = _map["hosts"] if _map["expires"] > now else _hosts_load(domain_model, now, ttl)
    centre = hosts.get(hostname)
    if centre is None:
        centre = domain_model.objects.select_related("tenant").get(domain=hostname).tenant
        with _lock:
            if _map["hosts"] is hosts:
                hosts[hostname] = centre
    # django-tenants writes request details on the object it gets: each request gets its own copy.
    return copy.copy(centre)


class CentreRoutingMiddleware(TenantMainMiddleware):
    """django-tenants' host routing, resolving hosts through the cache above."""

    def get_tenant(self, domain_model, hostname):
        return centre_for_host(domain_model=domain_model, hostname=hostname)
