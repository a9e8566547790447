"""Log lines are JSON, name the centre they were written for, and never carry credentials."""

import copy
import io
import json
import logging
import logging.config
from uuid import uuid4

import pytest
from django.conf import settings
from django_tenants.utils import schema_context

from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create
from platform_core.logging import CentreFilter
from tests.conftest import PASSWORD

LOG_KEYS = {"time", "level", "logger", "centre", "message"}
WRONG_PASSWORD = "Lathos-kodikos-2026"


class CapturedLog:
    def __init__(self, stream: io.StringIO):
        self.stream = stream

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines() if line.strip()]

    def records_of(self, logger_prefix: str) -> list[dict]:
        return [record for record in self.records() if record["logger"].startswith(logger_prefix)]


def configured_console_handler() -> logging.Handler:
    """The handler settings.LOGGING puts on the root logger (the one with the centre filter)."""
    [handler] = [handler for handler in logging.getLogger().handlers
                 if any(isinstance(log_filter, CentreFilter) for log_filter in handler.filters)]
    return handler


def formatter_from_settings(name: str) -> logging.Formatter:
    configurator = logging.config.DictConfigurator(copy.deepcopy(settings.LOGGING))
    return configurator.configure_formatter(configurator.config["formatters"][name])


@pytest.fixture
def json_log():
    """What the configured console handler writes, in production's JSON format and level."""
    handler, root = configured_console_handler(), logging.getLogger()
    stream = io.StringIO()
    previous_stream, previous_formatter, previous_level = handler.setStream(stream), handler.formatter, root.level
    handler.setFormatter(formatter_from_settings("json"))
    root.setLevel(logging.INFO)
    yield CapturedLog(stream)
    handler.setStream(previous_stream)
    handler.setFormatter(previous_formatter)
    root.setLevel(previous_level)


def test_log_line_written_during_a_request_to_a_centre_names_that_centre(world_a, json_log):
    world_a.client(Role.COORDINATOR).get("/no-such-page/")

    [record] = json_log.records_of("django.request")
    assert record["centre"] == world_a.centre.slug


def test_log_lines_are_json_with_time_level_logger_centre_and_message(world_a, json_log):
    world_a.client(Role.COORDINATOR).get("/no-such-page/")

    records = json_log.records()
    assert records
    assert all(record.keys() >= LOG_KEYS for record in records)


def test_request_log_line_carries_the_path_but_not_the_query_string(world_a, json_log):
    world_a.client(Role.COORDINATOR).get("/no-such-page/", {"last_name": "Papadopoulou"})

    [record] = json_log.records_of("django.request")
    assert "/no-such-page/" in record["message"]
    assert "Papadopoulou" not in json_log.text


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/auth/token/"])
def test_failed_login_is_logged_without_the_username_or_password(path, world_a, json_log):
    username = world_a.coordinator.username

    world_a.client(None).post(path, {"username": username, "password": WRONG_PASSWORD})

    assert json_log.records_of("axes"), "the failed login should be logged"
    assert username not in json_log.text
    assert WRONG_PASSWORD not in json_log.text
    assert PASSWORD not in json_log.text


@pytest.fixture
def welcome_task_in_centre_a(worlds, celery_worker, committed_db, published_tasks):
    """A staff account created in centre A, once the worker has sent its welcome e-mail."""
    email = f"new-{uuid4().hex[:8]}@alpha.test"
    with schema_context(worlds["a"].centre.schema_name):
        staff_create(email=email, password=PASSWORD, role=Role.RECEPTION)
    [task] = published_tasks
    task.result()
    celery_worker.wait_for_log_record(f"[{task.id}] succeeded")
    return task, email


@pytest.mark.worker
def test_worker_log_line_of_a_centre_task_names_that_centre(worlds, celery_worker, welcome_task_in_centre_a):
    task, _email = welcome_task_in_centre_a

    record = celery_worker.wait_for_log_record(f"[{task.id}] succeeded")

    assert record["centre"] == worlds["a"].centre.slug


@pytest.mark.worker
def test_every_worker_log_line_is_json_with_time_level_logger_centre_and_message(
        celery_worker, welcome_task_in_centre_a):
    records = celery_worker.log_records()

    assert records
    assert all(record.keys() >= LOG_KEYS for record in records)


@pytest.mark.worker
def test_worker_log_lines_of_the_welcome_task_do_not_contain_the_recipients_email(
        celery_worker, welcome_task_in_centre_a):
    task, email = welcome_task_in_centre_a

    lines_of_task = [line for line in celery_worker.log_lines() if task.id in line]

    assert lines_of_task
    assert not any(email in line for line in lines_of_task)


def test_development_server_request_lines_lose_their_query_strings():
    import logging

    from platform_core.logging import QueryStringFilter

    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                               ("GET /api/v1/persons/?search=Παπαδόπουλος HTTP/1.1", "200", "512"), None)
    QueryStringFilter().filter(record)

    assert record.getMessage() == '"GET /api/v1/persons/ HTTP/1.1" 200 512'


def test_log_lines_name_a_centre_by_its_slug_even_when_it_has_a_hyphen():
    from django.db import connection
    from django_tenants.utils import schema_context

    from platform_core.logging import current_centre_label

    with schema_context("agios_nikolaos"):
        assert connection.schema_name == "agios_nikolaos"
        assert current_centre_label() == "agios-nikolaos"


def test_a_refused_page_writes_one_log_line_without_a_traceback(world_a, json_log):
    response = world_a.client(Role.RECEPTION).get("/reports/")

    assert response.status_code == 403
    [record] = json_log.records_of("django.request")
    assert record["message"] == "Forbidden (Permission denied): /reports/"
    assert "exc_info" not in record
    assert "Traceback" not in json_log.text
    assert len(json_log.text.strip().splitlines()) == 1


def test_a_server_error_keeps_its_traceback():
    from platform_core.logging import RefusalTracebackFilter

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /x/",
                                   (), sys.exc_info())
    record.status_code = 500

    RefusalTracebackFilter().filter(record)

    assert record.exc_info is not None


@pytest.mark.parametrize("utc_time", ["21:00:02", "08:00:02", "12:00:00"])
def test_no_model_check_warns_of_a_fixed_default_whatever_the_time(utc_time):
    import datetime
    from unittest import mock

    from django.core import checks
    from django.utils import timezone

    now = datetime.datetime.combine(datetime.date(2026, 12, 1), datetime.time.fromisoformat(utc_time),
                                    tzinfo=datetime.UTC)
    with mock.patch.object(timezone, "now", return_value=now):
        messages = checks.run_checks(tags=[checks.Tags.models])

    assert [message.id for message in messages if message.id == "fields.W161"] == []
