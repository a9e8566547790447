"""Production settings pass Django's deployment checks, and refuse to start without a secret."""

import os
import subprocess
import sys

from django.conf import settings


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DEBUG", "SECRET_KEY", "HTTPS", "DJANGO_SETTINGS_MODULE")}
    environment.update(DJANGO_SETTINGS_MODULE="platform_core.settings", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    secret = "x" * 30 + "-production-like-secret-key-!"

    result = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secret)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
