"""Fixtures for the common actors: two centres (A and B) with staff of every role and tokens,
an operator and a region user in public, and clients bound to each host.

The two centres are created once per session and committed (tests run in transactions that are
rolled back, so each test sees them unchanged). Everything in centre B carries the marker
``LEAK_MARKER`` so that a response from A's host that mentions it shows a leak.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import operator_create, staff_create, token_create
from platform_core.settings_test import TEST_MEDIA_PREFIX
from tenants.models import Centre
from tenants.services import centre_create, public_tenant_ensure
from tests.sample_records import centre_records

pytest_plugins = ["tests.celery_worker", "tests.pgbouncer"]

PASSWORD = "Test-password-2026"
LEAK_MARKER = "zetaleakmarker"
PUBLIC_HOST = "localhost"


@dataclass
class CentreWorld:
    """One centre as a test sees it: the centre, its host, and one user and token per role."""

    centre: Centre
    host: str
    users: dict[Role, User] = field(default_factory=dict)
    tokens: dict[Role, str] = field(default_factory=dict)

    @property
    def coordinator(self) -> User:
        return self.users[Role.COORDINATOR]

    def client(self, role: Role | None = Role.COORDINATOR) -> Client:
        """A browser-like client on this centre's host, logged in as ``role`` (None: anonymous)."""
        client = Client(HTTP_HOST=self.host)
        if role is not None:
            with schema_context(self.centre.schema_name):
                client.force_login(self.users[role])
        return client

    def api(self, role: Role | None = Role.COORDINATOR) -> APIClient:
        """An API client on this centre's host with ``role``'s token (None: anonymous)."""
        client = APIClient(HTTP_HOST=self.host)
        if role is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client


@dataclass
class PublicWorld:
    operator: User
    region_user: User
    operator_token: str
    region_token: str
    host: str = PUBLIC_HOST

    def client(self, user: User | None) -> Client:
        client = Client(HTTP_HOST=self.host)
        if user is not None:
            client.force_login(user)
        return client

    def api(self, token: str | None) -> APIClient:
        client = APIClient(HTTP_HOST=self.host)
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client


def _build_centre(slug: str, name: str, municipality: str, marker: str = "") -> CentreWorld:
    # With --reuse-db the centre and its staff survive from the previous run.
    centre = (Centre.objects.filter(slug=slug).first()
              or centre_create(slug=slug, name=name, municipality=municipality, region="crete").centre)
    world = CentreWorld(centre=centre, host=centre.primary_domain_name)
    with schema_context(centre.schema_name):
        for role in Role:
            email = f"{role.value}{marker}@{slug}.test"
            user = User.objects.filter(email=email).first() or staff_create(
                email=email, password=PASSWORD, role=role,
                first_name=f"{role.value.title()}{marker}", last_name=f"{slug.title()}{marker}",
            )
            world.users[role] = user
            world.tokens[role] = token_create(user=user).key
        centre_records(world, marker)
    return world


@pytest.fixture(scope="session", autouse=True)
def media_root():
    """Uploads and reports of the whole session go to the throw-away folder that
    ``settings_test`` made (a worker started by the tests inherits it); removed at the end."""
    root = Path(settings.MEDIA_ROOT)
    yield root
    if root.name.startswith(TEST_MEDIA_PREFIX):
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def worlds(django_db_setup, django_db_blocker, media_root):
    """Centres A and B and the public accounts, committed once for the whole session."""
    with django_db_blocker.unblock():
        public_tenant_ensure()
        world_a = _build_centre("alpha", "Κέντρο Κοινότητας Άλφα", "apokoronas")
        world_b = _build_centre("beta", f"Κέντρο Κοινότητας Βήτα {LEAK_MARKER}", "platanias", marker=LEAK_MARKER)
        from regional.services import region_user_create

        operator = User.objects.filter(email="operator@koinotita.test").first() or operator_create(
            email="operator@koinotita.test", password=PASSWORD)
        region_user = User.objects.filter(email="region@koinotita.test").first() or region_user_create(
            region="crete", email="region@koinotita.test", password=PASSWORD)
        public = PublicWorld(
            operator=operator, region_user=region_user,
            operator_token=token_create(user=operator).key,
            region_token=token_create(user=region_user).key,
        )
    return {"a": world_a, "b": world_b, "public": public}


# What Django memoises on a user object about its permissions. The session's users are shared
# by every test: a permission read in one test (in another schema, or before a change that test
# rolled back) must not answer for the next one.
_MEMOISED_PERMISSIONS = ("_perm_cache", "_user_perm_cache", "_group_perm_cache")


def _forget_permissions(*users: User) -> None:
    for user in users:
        for name in _MEMOISED_PERMISSIONS:
            user.__dict__.pop(name, None)


@pytest.fixture
def world_a(worlds, db) -> CentreWorld:
    _forget_permissions(*worlds["a"].users.values())
    return worlds["a"]


@pytest.fixture
def world_b(worlds, db) -> CentreWorld:
    _forget_permissions(*worlds["b"].users.values())
    return worlds["b"]


@pytest.fixture
def public_world(worlds, db) -> PublicWorld:
    _forget_permissions(worlds["public"].operator, worlds["public"].region_user)
    return worlds["public"]


@pytest.fixture
def centre_a(world_a) -> Centre:
    return world_a.centre


@pytest.fixture
def centre_b(world_b) -> Centre:
    return world_b.centre


@pytest.fixture
def coordinator(world_a) -> User:
    return world_a.coordinator


@pytest.fixture
def api_client(world_a) -> APIClient:
    """The coordinator of centre A, authenticated by token on A's host."""
    return world_a.api(Role.COORDINATOR)


@pytest.fixture
def media(settings, tmp_path):
    """Uploads of this test go to its own temporary folder (the path is returned)."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def in_centre_a(centre_a):
    """Runs the test body inside centre A's schema (for calling services directly)."""
    with schema_context(centre_a.schema_name):
        yield centre_a


@pytest.fixture(autouse=True)
def _back_to_public_schema():
    yield
    if hasattr(connection, "set_schema_to_public"):
        connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Greek): a request in English activates English
    for the thread (LocaleMiddleware), which would otherwise answer for the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
