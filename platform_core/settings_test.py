"""Settings for the test suite: the production settings with test-only speed-ups."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("LOG_FORMAT", "text")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Stored files (reports, documents) go to a throw-away folder, which a worker the tests start
# inherits through the environment.
TEST_MEDIA_PREFIX = "koinotita-test-media-"
if "MEDIA_ROOT" not in os.environ:
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix=TEST_MEDIA_PREFIX)

# Under pytest-xdist (``./dev test`` runs the suite in several processes) each process has its
# own test database (pytest-django adds the worker's name to it) and its own Redis database, so
# that its cache, its Celery queue and its worker never meet another process's. Done once: a
# Celery worker a test starts inherits the environment, already split.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER and os.environ.get("KOINOTITA_TEST_REDIS_FOR") != XDIST_WORKER:
    _redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    _base = int(_redis.path.lstrip("/") or 0)
    os.environ["REDIS_URL"] = urlunsplit(_redis._replace(path=f"/{_base + 1 + int(XDIST_WORKER.removeprefix('gw'))}"))
    os.environ["KOINOTITA_TEST_REDIS_FOR"] = XDIST_WORKER

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django keeps locmem in the test process; a Celery worker started by the tests asks for
# files (EMAIL_BACKEND/EMAIL_FILE_PATH) so the tests can read what it sent.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Test tasks go to their own queue, so a development worker on the same Redis never takes them.
# A test that runs a worker of its own (tests/notifications) names another queue in the environment.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "koinotita-test")
# Tests create and roll back centres constantly; the routing cache has tests of its own.
CENTRE_ROUTING_CACHE_SECONDS = 0
