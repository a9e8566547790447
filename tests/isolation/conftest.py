"""The isolation harness's world: signed-in sessions and tokens of both centres and of the public
accounts, the ids of each centre's objects, and what would count as a leak of each."""

import logging
import uuid
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django_tenants.utils import get_public_schema_name, schema_context

from platform_core.accounts.roles import Role
from tests.conftest import LEAK_MARKER

from .calls import ANONYMOUS, Caller, Credential


@dataclass(frozen=True, repr=False)
class Isolation:
    a_host: str
    b_host: str
    public_host: str
    credentials: dict[str, Credential]
    # Object ids that must get 404 on A's host (centre B's, and one nobody has) and on the public
    # host (B's centre, the one thing of B's there, and one nobody has).
    foreign_ids: list[str]
    foreign_ids_on_public: list[str]
    # Centre A's own ids, to show the harness can see data where it is allowed to.
    own_ids: list[str]
    a_coordinator_email: str
    # What no answer from A's host, or to a foreign caller on the public host, may contain.
    b_secrets: frozenset[str]
    public_secrets: frozenset[str]

    def __getitem__(self, label: str) -> Credential:
        return self.credentials[label]

    def __repr__(self) -> str:
        # Short in failure reports, which need the offending calls, not every secret.
        return f"Isolation({self.a_host}, {self.b_host}, {self.public_host})"


def _tenant_models() -> list[type[models.Model]]:
    return [
        model for model in apps.get_models()
        if model._meta.app_config.name in settings.TENANT_APPS and not model._meta.proxy
        and isinstance(model._meta.pk, models.UUIDField)
    ]


def _object_ids(schema: str, *, per_model: int | None) -> list[str]:
    """Ids of the centre's objects: every UUID-keyed model of the centre's schema."""
    with schema_context(schema):
        return [
            str(pk) for model in _tenant_models()
            for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:per_model]
        ]


def _signed_in_session(schema: str, user) -> str:
    with schema_context(schema):
        client = Client()
        client.force_login(user)
        return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="session")
def isolation(worlds, django_db_blocker):
    """Sessions are committed once (like ``worlds``) and every test reuses them; each test's
    rollback restores any that a call logged out."""
    a, b, public = worlds["a"], worlds["b"], worlds["public"]
    a_schema, b_schema, public_schema = a.centre.schema_name, b.centre.schema_name, get_public_schema_name()
    with django_db_blocker.unblock():
        sessions = {
            "A coordinator session": (a_schema, a.users[Role.COORDINATOR]),
            "A reception session": (a_schema, a.users[Role.RECEPTION]),
            "B coordinator session": (b_schema, b.users[Role.COORDINATOR]),
            "operator session": (public_schema, public.operator),
            "region user session": (public_schema, public.region_user),
        }
        keys = {label: _signed_in_session(schema, user) for label, (schema, user) in sessions.items()}
        a_ids, b_ids = _object_ids(a_schema, per_model=None), _object_ids(b_schema, per_model=None)
        own_ids = [str(a.coordinator.pk), *_object_ids(a_schema, per_model=1)]
        b_ids_for_urls = _object_ids(b_schema, per_model=1)
    credentials = {label: Credential(label, session_key=key) for label, key in keys.items()}
    credentials |= {
        "anonymous": ANONYMOUS,
        "A coordinator token": Credential("A coordinator token", token=a.tokens[Role.COORDINATOR]),
        "A reception token": Credential("A reception token", token=a.tokens[Role.RECEPTION]),
        "B coordinator token": Credential("B coordinator token", token=b.tokens[Role.COORDINATOR]),
        "operator token": Credential("operator token", token=public.operator_token),
        "region user token": Credential("region user token", token=public.region_token),
    }
    nobodys_id = str(uuid.uuid4())
    b_secrets = frozenset({
        LEAK_MARKER, str(b.centre.pk), *b_ids, *b.tokens.values(), keys["B coordinator session"],
    })
    a_private = {*a_ids, *a.tokens.values(), *(user.email for user in a.users.values()),
                 keys["A coordinator session"], keys["A reception session"]}
    yield Isolation(
        a_host=a.host, b_host=b.host, public_host=public.host, credentials=credentials,
        foreign_ids=[*b_ids_for_urls, nobodys_id],
        foreign_ids_on_public=[str(b.centre.pk), nobodys_id],
        own_ids=own_ids, a_coordinator_email=a.coordinator.email,
        b_secrets=b_secrets, public_secrets=b_secrets | a_private,
    )
    with django_db_blocker.unblock():
        for label, (schema, _user) in sessions.items():
            with schema_context(schema):
                Session.objects.filter(session_key=keys[label]).delete()


@pytest.fixture(autouse=True)
def _quiet_request_log():
    """Thousands of expected 404s and 403s would bury a failure's report; errors still show."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture(scope="session")
def caller() -> Caller:
    return Caller()


@pytest.fixture
def call(caller, isolation, db) -> Caller:
    """The harness's client, inside the test's transaction."""
    return caller
