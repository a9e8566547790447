"""The helpers behind ./dev: database and Redis URLs, what `run` starts and prints, and the
embedded servers' lifecycle."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import environ
import psycopg2
import pytest
import redis

from platform_core import devstack


def test_pgserver_socket_uri_becomes_a_database_url_django_environ_understands():
    url = devstack.database_url_from_pgserver_uri(
        "postgresql://postgres:@/postgres?host=/tmp/koinotita-x1/postgres", database="koinotita"
    )

    config = environ.Env.db_url_config(url, engine="django_tenants.postgresql_backend")

    assert url == "postgres://postgres@/koinotita?host=%2Ftmp%2Fkoinotita-x1%2Fpostgres"
    assert (config["NAME"], config["USER"], config["OPTIONS"]) == (
        "koinotita", "postgres", {"host": "/tmp/koinotita-x1/postgres"}
    )


def test_socket_directory_keeps_capitals_and_spaces():
    url = devstack.database_url_from_pgserver_uri(
        "postgresql://postgres:@/postgres?host=/Users/Ann Lee/Koinotita/.devdata/postgres", database="koinotita"
    )

    config = environ.Env.db_url_config(url)

    assert config["OPTIONS"]["host"] == "/Users/Ann Lee/Koinotita/.devdata/postgres"


def test_pgserver_tcp_uri_keeps_host_and_port():
    url = devstack.database_url_from_pgserver_uri("postgresql://postgres:@127.0.0.1:54321/postgres",
                                                  database="koinotita")

    config = environ.Env.db_url_config(url)

    assert (config["HOST"], config["PORT"], config["NAME"]) == ("127.0.0.1", 54321, "koinotita")


def test_redis_url_points_at_localhost_port():
    assert devstack.redis_url(6390) == "redis://127.0.0.1:6390/0"


def test_free_tcp_port_can_be_listened_on():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", devstack.free_tcp_port()))


def test_run_serves_on_port_8000_with_debug_and_console_mail(monkeypatch):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    monkeypatch.delenv("LOG_FORMAT", raising=False)

    env = devstack.run_environment()

    assert env["DEBUG"] == "true"
    assert (env["PLATFORM_PORT"], env["PLATFORM_SCHEME"], env["LOG_FORMAT"]) == ("8000", "http", "text")
    assert env["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_run_starts_web_worker_and_beat():
    processes = devstack.run_processes(python="/venv/bin/python")

    assert processes["web"] == ["/venv/bin/python", "manage.py", "runserver", "0.0.0.0:8000", "--noreload"]
    assert processes["worker"][1:6] == ["-m", "celery", "-A", "platform_core", "worker"]
    assert processes["beat"][1:6] == ["-m", "celery", "-A", "platform_core", "beat"]


def test_welcome_lists_every_address_and_login():
    text = devstack.welcome_text(
        domain="localhost", centres=[("apokoronas", "Κέντρο Κοινότητας Δήμου Αποκορώνου")],
        logins=[("apokoronas", "Υποδοχή", "ypodochi@apokoronas.demo")], password="Demo-password-1",
        database_url="postgres://postgres@/koinotita", redis_url="redis://127.0.0.1:6390/0",
    )

    for expected in ("http://apokoronas.localhost:8000/", "http://localhost:8000/operator/",
                     "http://localhost:8000/region/", "http://localhost:8000/api/v1/docs/",
                     "ypodochi@apokoronas.demo", "Demo-password-1", "redis://127.0.0.1:6390/0"):
        assert expected in text


def test_child_exit_code_is_passed_on():
    child = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])

    assert devstack.wait_for_child(child) == 3


@pytest.fixture
def scratch_dir():
    """A folder of this test's own, with a short path (pytest's tmp_path can be pruned by other
    pytest runs on the same machine, and unix socket paths must stay short)."""
    with tempfile.TemporaryDirectory(prefix="koinotita-", dir=devstack.short_temp_root()) as path:
        yield Path(path)


def test_services_given_by_the_environment_are_used_as_they_are(monkeypatch, scratch_dir: Path):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@db.example:5432/koinotita")
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/1")

    with devstack.services(scratch_dir, persistent=False):
        assert os.environ["DATABASE_URL"] == "postgres://postgres@db.example:5432/koinotita"
        assert os.environ["REDIS_URL"] == "redis://cache.example:6379/1"

    assert list(scratch_dir.iterdir()) == []


@pytest.fixture
def no_service_urls(monkeypatch):
    """A machine without servers: neither URL set (./dev test sets both for the suite itself)."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)


def test_embedded_servers_answer_inside_and_stop_outside(no_service_urls, scratch_dir: Path):
    with devstack.services(scratch_dir, persistent=False):
        database = environ.Env.db_url_config(os.environ["DATABASE_URL"])
        connection = psycopg2.connect(dbname=database["NAME"], user=database["USER"], **database["OPTIONS"])
        connection.close()
        cache = redis.Redis.from_url(os.environ["REDIS_URL"])
        assert cache.ping()

    assert "DATABASE_URL" not in os.environ and "REDIS_URL" not in os.environ
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(dbname=database["NAME"], user=database["USER"], connect_timeout=2, **database["OPTIONS"])
    with pytest.raises(redis.ConnectionError):
        cache.ping()


def test_run_creates_the_configured_database_when_the_server_lacks_it(db):
    from django.db import connection

    from tests.databases import database_url

    name = f"koinotita_devstack_{os.getpid()}"
    url = database_url({**connection.settings_dict, "NAME": name})
    try:
        devstack.database_create_if_missing(url, devstack.configured_database_name(url))
        devstack.database_create_if_missing(url, devstack.configured_database_name(url))  # and again: no error

        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            assert cursor.fetchone()[0] == 1
    finally:
        admin = psycopg2.connect(url, dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def test_bench_runs_every_benchmark_or_the_one_named():
    python = sys.executable

    assert devstack.bench_commands([]) == [
        [python, "-m", f"bench.{name}"]
        for name in ("tenancy", "person_search", "reminders", "calendar", "rollup", "migrate", "api_load", "import")]
    assert devstack.bench_commands(["reminders", "--centres", "10"]) == [
        [python, "-m", "bench.reminders", "--centres", "10"]]
    assert devstack.bench_commands(["--seconds", "2"]) == [[python, "-m", "bench.tenancy", "--seconds", "2"]]


def test_the_whole_suite_runs_in_parallel_and_a_selection_as_given(monkeypatch):
    monkeypatch.setattr(devstack.os, "cpu_count", lambda: 2)

    assert devstack.pytest_command([])[-5:] == ["pytest", "-n", "2", "--dist", "worksteal"]
    assert devstack.pytest_command(["tests/isolation", "-x"])[-3:] == ["pytest", "tests/isolation", "-x"]
    monkeypatch.setattr(devstack.os, "cpu_count", lambda: 1)
    assert devstack.pytest_command([])[-1] == "pytest"


def test_each_test_process_has_a_redis_database_of_its_own_which_a_worker_it_starts_inherits():
    child = "import platform_core.settings_test as s; print(s.REDIS_URL)"
    script = ("import os, subprocess, sys; os.environ['PYTEST_XDIST_WORKER'] = 'gw1';"
              "os.environ['REDIS_URL'] = 'redis://h:6379/3';"
              "import platform_core.settings_test as s; print(s.REDIS_URL, s.CELERY_BROKER_URL, flush=True);"
              f"subprocess.run([sys.executable, '-c', {child!r}], check=True)")
    env = {key: value for key, value in os.environ.items()
           if key not in ("KOINOTITA_TEST_REDIS_FOR", "CELERY_BROKER_URL", "PYTEST_XDIST_WORKER")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True,
                            cwd=Path(devstack.__file__).resolve().parent.parent)

    # gw1 takes database 3 + 1 + 1, once: the child (a Celery worker) keeps it
    assert result.stdout.split() == ["redis://h:6379/5", "redis://h:6379/5", "redis://h:6379/5"]


def _pgbouncer_settings(text: str) -> dict[str, str]:
    import configparser

    parser = configparser.ConfigParser(inline_comment_prefixes=(";",), comment_prefixes=(";", "#"))
    parser.read_string(text)
    return dict(parser["pgbouncer"])


def test_production_pgbouncer_pools_sessions_and_recycles_backends_django_lets_go_of():
    """Transaction mode would hand a backend another centre's request left in its schema
    (DESIGN.md); a backend is only recycled once Django closes the connection holding it."""
    import yaml

    production = _pgbouncer_settings(devstack.PGBOUNCER_INI.read_text(encoding="utf-8"))
    compose = yaml.safe_load((devstack.REPO_DIR / "infra" / "compose.yaml").read_text(encoding="utf-8"))
    app = {name: service["environment"] for name, service in compose["services"].items()
           if "DATABASE_URL" in service.get("environment", {})}

    assert (production["pool_mode"], production["server_reset_query"]) == ("session", "DISCARD ALL")
    assert set(app) == {"migrate", "web", "worker", "beat"}
    assert {environ.Env.db_url_config(env["DATABASE_URL"])["HOST"] for env in app.values()} == {"pgbouncer"}
    assert all(0 < int(env["DATABASE_CONN_MAX_AGE"]) < int(production["server_lifetime"]) for env in app.values())


def test_a_local_pgbouncer_keeps_productions_pool_but_listens_and_trusts_locally(tmp_path: Path):
    ini = devstack.pgbouncer_ini(port=6543, server_host="/tmp/pg socket", server_port=5433,
                                 auth_file=tmp_path / "users.txt", pool={"default_pool_size": 1})
    local = _pgbouncer_settings(ini)

    assert "* = host='/tmp/pg socket' port=5433" in ini.splitlines()
    assert (local["listen_addr"], local["listen_port"], local["auth_type"]) == ("127.0.0.1", "6543", "trust")
    assert (local["pool_mode"], local["default_pool_size"]) == ("session", "1")
    assert local["server_lifetime"] == _pgbouncer_settings(devstack.PGBOUNCER_INI.read_text())["server_lifetime"]
