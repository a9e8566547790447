"""Process and readiness probes, answered before tenant routing so that they keep answering
(with 503) when the database that routing needs is down.

/healthz: the process answers. /readyz: PostgreSQL and Redis answer, and the schema behind the
host (the centre's, or public) has every migration applied.
"""

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django_tenants.utils import get_public_schema_name, quote_schema_name, remove_www

from platform_core.migration_state import migrations_pending

logger = logging.getLogger(__name__)


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return _no_cache(JsonResponse({"status": "ok"}))
        if request.path == "/readyz":
            return _no_cache(readiness(request))
        return self.get_response(request)


def readiness(request) -> JsonResponse:
    checks = {"database": False, "redis": _redis_ok(), "migrations": False}
    try:
        schema = _schema_for_host(remove_www(request.get_host().split(":")[0]))
        checks["database"] = True
        checks["migrations"] = not migrations_pending(schema)
    except Exception:
        logger.warning("readiness: database unavailable", exc_info=True)
    ready = all(checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


def _no_cache(response):
    add_never_cache_headers(response)
    return response


def _redis_ok() -> bool:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
        return bool(client.ping())
    except Exception:
        return False


def _schema_for_host(hostname: str) -> str:
    public = get_public_schema_name()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.schema_name FROM {quote_schema_name(public)}.tenants_domain d "  # noqa: S608 (quoted)
            f"JOIN {quote_schema_name(public)}.tenants_centre c ON c.id = d.tenant_id WHERE d.domain = %s",
            [hostname],
        )
        row = cursor.fetchone()
    return row[0] if row else public
