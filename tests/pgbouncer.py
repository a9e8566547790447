"""Pytest plugin: PgBouncer in front of the test database's PostgreSQL with production's pool
settings (infra/pgbouncer.ini: session mode), for the tests that go through a connection pool."""

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connections

from platform_core.devstack import pgbouncer_executable, short_temp_root, start_pgbouncer

# One server connection: every client connection of a test gets the same PostgreSQL backend in
# turn, as a busy production pool hands its backends to many requests; a test that waits for a
# second one fails within seconds instead of hanging.
TEST_POOL = {"default_pool_size": 1, "max_db_connections": 1, "max_client_conn": 10, "query_wait_timeout": 5}


@dataclass(frozen=True)
class PgBouncer:
    port: int
    pool: dict[str, int]

    def database_settings(self, settings_dict: dict) -> dict:
        """``settings_dict`` (a Django database) reached through this PgBouncer instead."""
        options = {key: value for key, value in (settings_dict.get("OPTIONS") or {}).items() if key != "host"}
        return {**settings_dict, "HOST": "127.0.0.1", "PORT": str(self.port), "OPTIONS": options}


@pytest.fixture(scope="session")
def pgbouncer(django_db_setup) -> Iterator[PgBouncer]:
    """PgBouncer (from the distribution's packages) in front of the server of the test database;
    the test is skipped, saying so, where it is not installed."""
    if pgbouncer_executable() is None:
        pytest.skip("PgBouncer is not installed: `apt-get install pgbouncer` (.ci/run installs it)")
    server = connections["default"].settings_dict
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="koinotita-pgbouncer-",
                                                                      dir=short_temp_root())))
        port = start_pgbouncer(
            stack, folder, pool=TEST_POOL,
            # pgserver's unix-socket directory travels in OPTIONS (tests/databases.py).
            server_host=(server.get("OPTIONS") or {}).get("host") or server.get("HOST") or "",
            server_port=server.get("PORT") or "", user=server.get("USER") or "",
            password=server.get("PASSWORD") or "",
        )
        yield PgBouncer(port=port, pool=TEST_POOL)
