"""`manage.py create_centre`: one step that onboards a centre fully, or refuses and leaves nothing."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from platform_core.accounts.models import User
from platform_core.accounts.roles import ROLE_PERMISSIONS, Role
from tenants.models import Centre, Domain
from tests.databases import database_url

from .onboarding import NEW_ADMIN_EMAIL, NEW_ADMIN_PASSWORD, NEW_SLUG, NO_TRACE, host_of, traces_of, valid_centre_input


def create_centre(**overrides) -> str:
    """Runs the command with valid arguments, some replaced; returns what it printed."""
    options = {key: value for key, value in valid_centre_input(**overrides).items() if value is not None}
    args = [f"--{key.replace('_', '-')}={value}" for key, value in options.items()]
    out = StringIO()
    call_command("create_centre", *args, stdout=out)
    return out.getvalue()


def refusal(**overrides) -> CommandError:
    with pytest.raises(CommandError) as excinfo:
        create_centre(**overrides)
    return excinfo.value


# --- a successful onboarding ---------------------------------------------------------------


def test_create_centre_creates_the_centres_schema(worlds, db):
    create_centre()

    assert schema_exists("gamma")


def test_create_centre_records_the_centre_with_its_name_region_and_municipality(worlds, db):
    create_centre(espa_mis_code="5001234")

    centre = Centre.objects.get(slug=NEW_SLUG)
    assert (centre.name, centre.region.slug, centre.municipality.slug, centre.espa_mis_code, centre.status) == (
        "Κέντρο Κοινότητας Γάμμα", "crete", "kissamos", "5001234", Centre.Status.ACTIVE,
    )


def test_create_centre_gives_the_centre_its_own_subdomain_of_the_platform(worlds, db):
    create_centre()

    assert traces_of(NEW_SLUG)["domains"] == [NEW_SLUG]
    assert Domain.objects.get(domain=host_of(NEW_SLUG)).is_primary


def test_create_centre_prints_the_centres_url(worlds, db):
    out = create_centre()

    assert f"{settings.PLATFORM_SCHEME}://{host_of(NEW_SLUG)}" in out


def test_create_centre_makes_a_coordinator_whose_username_is_the_email(worlds, db):
    create_centre()

    with schema_context("gamma"):
        admin = User.objects.get(username=NEW_ADMIN_EMAIL)
        assert admin.role == Role.COORDINATOR


def test_new_coordinator_can_log_in_on_the_new_centres_host(worlds, db):
    create_centre()
    client = Client(HTTP_HOST=host_of(NEW_SLUG))

    response = client.post("/accounts/login/", {"username": NEW_ADMIN_EMAIL, "password": NEW_ADMIN_PASSWORD})

    assert response.status_code == 302
    assert "Κέντρο Κοινότητας Γάμμα" in client.get("/", follow=True).content.decode()  # at first, set-up


def test_new_coordinator_cannot_log_in_on_another_centre(worlds, db):
    create_centre()
    client = Client(HTTP_HOST=worlds["a"].host)

    response = client.post("/accounts/login/", {"username": NEW_ADMIN_EMAIL, "password": NEW_ADMIN_PASSWORD})

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_new_centre_has_every_role_group_with_its_permissions(worlds, db):
    create_centre()

    with schema_context("gamma"):
        granted = {
            group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
            for group in Group.objects.prefetch_related("permissions__content_type")
        }
    assert granted == {role.value: set(perms) for role, perms in ROLE_PERMISSIONS.items()}


def test_create_centre_without_admin_email_creates_no_account(worlds, db):
    create_centre(admin_email=None, admin_password=None)

    with schema_context("gamma"):
        assert not User.objects.exists()


# --- refusals: a clear sentence, exit code 2, nothing created -----------------------------------


@pytest.mark.parametrize("slug", [
    "Gamma",  # uppercase
    "9gamma",  # starts with a digit
    "g",  # too short
    "g" + "a" * 41,  # too long: 42 characters
    "γάμμα",  # Greek letters
    "gam_ma",  # underscore
    "gam.ma",  # dot would make a deeper subdomain
])
def test_invalid_slug_is_refused_with_the_slug_rule_and_nothing_created(worlds, db, slug):
    error = refusal(slug=slug)

    assert error.returncode == 2
    assert "slug: Το αναγνωριστικό πρέπει να ξεκινά με λατινικό πεζό γράμμα" in str(error)
    assert traces_of(slug) == NO_TRACE


@pytest.mark.parametrize("slug", ["admin", "public", "www", "api", "operator", "region", "static", "media",
                                  "pg-x", "pg-catalog", "information-schema"])
def test_reserved_slug_is_refused_as_reserved_and_nothing_created(worlds, db, slug):
    centres_before = set(Centre.objects.values_list("slug", flat=True))

    error = refusal(slug=slug)

    assert error.returncode == 2
    assert f"slug: Το αναγνωριστικό «{slug}» είναι δεσμευμένο." in str(error)
    assert set(Centre.objects.values_list("slug", flat=True)) == centres_before
    assert not Domain.objects.filter(domain=host_of(slug)).exists()


def test_duplicate_slug_is_refused_and_the_existing_centre_is_untouched(world_a):
    centres_before = list(Centre.objects.values_list("slug", "name", "status"))

    error = refusal(slug="alpha")

    assert error.returncode == 2
    assert "slug: Υπάρχει ήδη κέντρο με αναγνωριστικό «alpha»." in str(error)
    assert list(Centre.objects.values_list("slug", "name", "status")) == centres_before


def test_slug_of_a_leftover_schema_is_refused_and_the_schema_kept(worlds, db):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {NEW_SLUG}")

    error = refusal()

    assert f"slug: Υπάρχει ήδη κέντρο με αναγνωριστικό «{NEW_SLUG}»." in str(error)
    assert traces_of(NEW_SLUG) == {"schema": True, "centre": False, "domains": []}


def test_duplicate_domain_is_refused_and_nothing_created(centre_b):
    Domain.objects.create(domain=host_of(NEW_SLUG), tenant=centre_b, is_primary=False)

    error = refusal()

    assert error.returncode == 2
    assert f"domain: Το όνομα τομέα {host_of(NEW_SLUG)} χρησιμοποιείται ήδη." in str(error)
    assert traces_of(NEW_SLUG) == {"schema": False, "centre": False, "domains": ["beta"]}


@pytest.mark.parametrize(("overrides", "sentence"), [
    ({"name": ""}, "name: Η επίσημη ονομασία είναι υποχρεωτική."),
    ({"name": "   "}, "name: Η επίσημη ονομασία είναι υποχρεωτική."),
    ({"region": "atlantis"}, "region: Άγνωστη περιφέρεια «atlantis». Γνωστές: attica, central-greece,"),
    ({"municipality": "nowhere"}, "municipality: Άγνωστος δήμος «nowhere» στην περιφέρεια Περιφέρεια Κρήτης."),
    ({"admin_email": "not-an-email"}, "admin_email: Δώστε έγκυρη διεύθυνση email."),
    ({"admin_password": "12345"}, "admin_password: Αυτό το συνθηματικό είναι πολύ μικρό."),
], ids=["missing-name", "blank-name", "unknown-region", "unknown-municipality", "bad-email", "weak-password"])
def test_invalid_field_is_refused_with_its_sentence_and_nothing_created(worlds, db, overrides, sentence):
    error = refusal(**overrides)

    assert error.returncode == 2
    assert sentence in str(error)
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_every_invalid_field_is_reported_at_once(worlds, db):
    error = refusal(slug="Bad", name="", region="atlantis")

    reported = {line.split(":")[0] for line in str(error).splitlines()}
    assert reported == {"slug", "name", "region"}


def test_refusal_exits_with_code_2_and_the_sentence_on_stderr(worlds, db):
    # A real process, to see the exit code a shell script sees; validation reads only committed
    # reference data (the region of Crete), which the test database has.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_core.settings_test",
        "DATABASE_URL": database_url(connection.settings_dict),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "create_centre", "--slug", "Bad", "--name", "Κέντρο",
         "--municipality", "kissamos", "--region", "crete"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 2
    assert "Το αναγνωριστικό πρέπει να ξεκινά με λατινικό πεζό γράμμα" in result.stderr


# --- a failure half-way leaves nothing behind --------------------------------------------------


def _fail(**kwargs):
    raise RuntimeError("injected failure")


def test_failure_while_loading_reference_data_leaves_no_schema_row_or_domain(worlds, db, monkeypatch):
    monkeypatch.setattr("tenants.services.reference_data_load", _fail)

    with pytest.raises(RuntimeError, match="injected failure"):
        create_centre()

    assert traces_of(NEW_SLUG) == NO_TRACE


def test_failure_while_creating_the_coordinator_leaves_no_schema_row_or_domain(worlds, db, monkeypatch):
    monkeypatch.setattr("tenants.services.staff_create", _fail)

    with pytest.raises(RuntimeError, match="injected failure"):
        create_centre()

    assert traces_of(NEW_SLUG) == NO_TRACE


def test_the_same_slug_can_be_onboarded_after_a_failed_attempt(worlds, db, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr("tenants.services.staff_create", _fail)
        with pytest.raises(RuntimeError):
            create_centre()

    create_centre()

    assert traces_of(NEW_SLUG) == {"schema": True, "centre": True, "domains": [NEW_SLUG]}
