"""The isolation harness with a restored centre present: a copy of centre A, restored under a new
slug, shares A's records and staff but none of its credentials, and every route of the copy's host
refuses centre B and anonymous callers and leaks nothing of B, as every centre's does."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django_tenants.utils import schema_context

from tenants.archive import centre_export_now, centre_restore, export_file

from .calls import Credential, refusal_problem, walk
from .routes import TENANT_URLCONF, routes_of

COPY = "alpha-copy"
COPY_HOST = f"{COPY}.localhost"


@pytest.fixture
def restored(worlds, call, settings, tmp_path):
    settings.CENTRE_EXPORT_ROOT = str(tmp_path / "exports")
    centre = centre_restore(archive=export_file(centre_export_now(centre=worlds["a"].centre)), slug=COPY)
    yield centre
    import shutil

    shutil.rmtree(Path(settings.MEDIA_ROOT) / "centres" / centre.schema_name, ignore_errors=True)


def _copy_session(restored, email: str) -> Credential:
    from platform_core.accounts.models import User

    with schema_context(restored.schema_name):
        client = Client()
        client.force_login(User.objects.get(email=email))
        return Credential("copy coordinator session", session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_copy_answers_its_own_staff(call, isolation, restored, worlds):
    copy_session = _copy_session(restored, worlds["a"].coordinator.email)

    assert call("GET", COPY_HOST, "/api/v1/me/", copy_session).json()["email"] == worlds["a"].coordinator.email


def test_centre_as_credentials_sign_nobody_in_on_the_copy(call, isolation, restored):
    for label in ("A coordinator session", "A coordinator token"):
        assert call("GET", COPY_HOST, "/api/v1/me/", isolation[label]).status_code in (401, 403), label


def test_the_copys_session_signs_nobody_in_on_centre_a(call, isolation, restored, worlds):
    copy_session = _copy_session(restored, worlds["a"].coordinator.email)

    assert call("GET", isolation.a_host, "/api/v1/me/", copy_session).status_code in (401, 403)


def test_every_route_of_the_copy_refuses_centre_bs_credentials_and_leaks_nothing(call, isolation, restored):
    """GET only: the other methods and anonymous callers go through the same host routing and
    permission checks, which test_every_route walks for every centre."""
    problems = []
    for route in routes_of(TENANT_URLCONF):
        problems += walk(
            call, route=route, host=COPY_HOST, object_ids=isolation.foreign_ids,
            credentials=[isolation["B coordinator session"], isolation["B coordinator token"]],
            secrets=isolation.b_secrets, judge=None if route.is_public_by_design else refusal_problem,
            methods=("GET",),
        )

    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:50])
