"""Pytest plugin: a real Celery worker process on the test database and the test queue."""

import email
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as email_policy
from pathlib import Path

import pytest
from celery.result import AsyncResult
from celery.signals import after_task_publish
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from platform_core.celery import app
from tests.databases import database_url

WORKER_START_TIMEOUT = 30.0
WORKER_STOP_TIMEOUT = 10.0
TASK_TIMEOUT = 20.0
# The file e-mail backend separates the messages of one connection with this line.
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# The database named in settings, before pytest-django points the connection at its test copy.
CONFIGURED_DATABASE_NAME = connection.settings_dict["NAME"]


@dataclass
class CeleryWorker:
    """The running worker as a test sees it: what it e-mailed and what it logged."""

    hostname: str
    mail_dir: Path
    log_path: Path

    def sent_mail(self) -> list[EmailMessage]:
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for raw in path.read_bytes().split(MAIL_SEPARATOR):
                if raw.strip():
                    messages.append(email.message_from_bytes(raw.lstrip(b"\n"), policy=email_policy))
        return messages

    def mail_to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.sent_mail() if address in message["To"]]

    def log_lines(self) -> list[str]:
        """The complete lines of the worker's stderr so far (one being written is left out)."""
        text = self.log_path.read_text(errors="replace")
        return [line for line in text[: text.rfind("\n") + 1].splitlines() if line.strip()]

    def log_records(self) -> list[dict]:
        """The worker's log lines, each parsed as the JSON it must be."""
        return [json.loads(line) for line in self.log_lines()]

    def wait_for_log_record(self, text: str, *, timeout: float = TASK_TIMEOUT) -> dict:
        """The first log record whose message contains ``text``; the worker may log a task's end
        just after its result is stored, hence the (bounded) wait."""
        deadline = time.monotonic() + timeout
        while True:
            for record in self.log_records():
                if text in record["message"]:
                    return record
            if time.monotonic() > deadline:
                raise AssertionError(f"The worker logged no line containing {text!r} within {timeout} s.")
            time.sleep(0.05)


@dataclass(frozen=True)
class PublishedTask:
    name: str
    id: str
    schema: str | None

    def result(self, *, timeout: float = TASK_TIMEOUT):
        """What the task returned on the worker; raises what it raised there."""
        return AsyncResult(self.id, app=app).get(timeout=timeout)


def _worker_environment(mail_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_core.settings_test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        # Production's log format and level, so the tests see the lines operators will see.
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        # Celery warns a worker running as root (as on these test machines) before logging is set
        # up, as raw text; nothing else may break the worker's JSON log lines.
        "PYTHONWARNINGS": "ignore:You're running the worker with superuser privileges",
    }


def _purge_test_queue() -> None:
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


def _wait_until_answering(process: subprocess.Popen, hostname: str, log_path: Path) -> None:
    deadline = time.monotonic() + WORKER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited with {process.returncode}:\n{log_path.read_text()}")
        if app.control.ping(destination=[hostname], timeout=0.5):
            return
    raise RuntimeError(f"Celery worker did not answer within {WORKER_START_TIMEOUT} s:\n{log_path.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # SIGTERM is Celery's warm shutdown; its pool children are in the worker's own session.
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=WORKER_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=WORKER_STOP_TIMEOUT)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb):
    """pytest-django creates the test database only when a collected test uses ``db``; worker
    tests commit for real instead, so when only they run, the database is created here."""
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] != CONFIGURED_DATABASE_NAME:
        yield
        return
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity=request.config.option.verbose, interactive=False,
                                     aliases={"default"}, keepdb=keepdb)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(old_config, verbosity=request.config.option.verbose)


@pytest.fixture(scope="session")
def celery_worker(worlds, django_db_setup, tmp_path_factory) -> Iterator[CeleryWorker]:
    """A prefork worker (one child) on the test queue, reading the test database."""
    folder = tmp_path_factory.mktemp("celery-worker")
    worker = CeleryWorker(
        hostname=f"koinotita-test-{os.getpid()}@{socket.gethostname()}",
        mail_dir=folder / "mail",
        log_path=folder / "worker.log",
    )
    worker.mail_dir.mkdir()
    _purge_test_queue()
    celery = Path(sys.executable).with_name("celery")
    command = [
        str(celery), "-A", "platform_core", "worker", "--pool", "prefork", "--concurrency", "1",
        "-Q", settings.CELERY_TASK_DEFAULT_QUEUE, "-n", worker.hostname,
        "--without-mingle", "--without-gossip", "--without-heartbeat",
    ]
    with open(worker.log_path, "wb") as log, open(folder / "worker.out", "wb") as out:
        process = subprocess.Popen(  # noqa: S603 - fixed command, our own venv
            command, cwd=settings.BASE_DIR, env=_worker_environment(worker.mail_dir),
            stdout=out, stderr=log, start_new_session=True,
        )
    try:
        _wait_until_answering(process, worker.hostname, worker.log_path)
        yield worker
    finally:
        _stop(process)


@pytest.fixture
def committed_db(worlds, django_db_blocker) -> Iterator[None]:
    """Database access in autocommit, so the worker (another connection) sees what the test
    writes; staff accounts the test creates in the session's centres are deleted afterwards.

    pytest-django's ``db`` would roll the writes back unseen, and ``transaction=True`` would
    flush the session's centres.
    """
    from platform_core.accounts.models import User

    schemas = [worlds["a"].centre.schema_name, worlds["b"].centre.schema_name]
    with django_db_blocker.unblock():
        existing = {}
        for schema in schemas:
            with schema_context(schema):
                existing[schema] = set(User.objects.values_list("pk", flat=True))
        yield
        for schema in schemas:
            with schema_context(schema):
                User.objects.exclude(pk__in=existing[schema]).delete()


@pytest.fixture
def published_tasks() -> Iterator[list[PublishedTask]]:
    """Every task message this process sends during the test, with the schema it carries."""
    published: list[PublishedTask] = []

    def record(sender, headers, **kwargs):
        published.append(PublishedTask(name=sender, id=headers["id"], schema=headers.get("_schema_name")))

    after_task_publish.connect(record, weak=False)
    yield published
    after_task_publish.disconnect(record)
