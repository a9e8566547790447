"""/healthz (the process answers) and /readyz (PostgreSQL, Redis and migrations) on every host."""

import json
import os
import subprocess
import sys
import textwrap

from django.conf import settings
from django.db import connection
from django.test import Client

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def readiness(host: str):
    return Client(HTTP_HOST=host).get("/readyz")


def test_healthz_answers_on_a_centre_host(world_a):
    response = Client(HTTP_HOST=world_a.host).get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_on_the_public_host(public_world):
    assert Client(HTTP_HOST=public_world.host).get("/healthz").status_code == 200


def test_probes_are_never_cached(world_a):
    for path in ("/healthz", "/readyz"):
        assert "no-cache" in Client(HTTP_HOST=world_a.host).get(path)["Cache-Control"]


def test_readyz_answers_200_on_a_centre_host_when_all_is_well(world_a):
    response = readiness(world_a.host)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "redis": True, "migrations": True}}


def test_readyz_answers_200_on_the_public_host_when_all_is_well(public_world):
    assert readiness(public_world.host).status_code == 200


def test_readyz_answers_503_when_redis_is_unreachable(world_a, settings):
    settings.REDIS_URL = CLOSED_PORT_REDIS

    response = readiness(world_a.host)

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "redis": False, "migrations": True}


def test_readyz_answers_503_on_a_centre_with_a_pending_migration(world_a):
    table = f'"{world_a.centre.schema_name}".django_migrations'
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = (SELECT max(id) FROM {table})")  # noqa: S608
        assert cursor.rowcount == 1

    response = readiness(world_a.host)

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] is False


def test_pending_migration_in_one_centre_leaves_the_others_ready(world_a, world_b, public_world):
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{world_a.centre.schema_name}".django_migrations')  # noqa: S608

    assert readiness(world_b.host).status_code == 200
    assert readiness(public_world.host).status_code == 200


def test_readyz_answers_503_on_the_public_host_with_a_pending_shared_migration(public_world):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM public.django_migrations WHERE app = 'tenants'")

    assert readiness(public_world.host).status_code == 503


def test_readyz_answers_503_when_postgresql_is_unreachable():
    # A separate process, so that its database connection can point at a closed port.
    script = textwrap.dedent("""
        import json, django
        django.setup()
        from django.test import Client
        response = Client(HTTP_HOST="localhost").get("/readyz")
        print(json.dumps({"status": response.status_code, "body": response.json()}))
    """)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_core.settings_test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nope",
        "REDIS_URL": settings.REDIS_URL,
    }

    result = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=60)

    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"status": 503, "body": {"status": "unavailable",
                                               "checks": {"database": False, "redis": True, "migrations": False}}}
