"""The first login of a new centre: the coordinator onboarding created gives their name and a
password of their own before anything else, then the home page lists what is left to set up
until it is all done."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.models import AidScheme, Site
from casework.services.assessments import aid_threshold_set
from notifications.services import notification_settings_get, notification_settings_update
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create
from tenants.services import centre_create
from tests.conftest import PASSWORD

from .onboarding import NEW_ADMIN_EMAIL, NEW_ADMIN_PASSWORD, NEW_SLUG, host_of, valid_centre_input

NEW_PASSWORD = "Quiet-Meadow-Compass-42"
SETUP = "/accounts/first-login/"


@pytest.fixture
def onboarded(worlds, db):
    """A centre just onboarded, and a browser signed in as its first coordinator."""
    centre = centre_create(**valid_centre_input()).centre
    client = Client(HTTP_HOST=host_of(NEW_SLUG))
    assert _log_in(client, NEW_ADMIN_PASSWORD)
    return centre, client


def _log_in(client, password: str) -> bool:
    """Signs in through the login page, as the coordinator does; whether it let them in."""
    response = client.post("/accounts/login/", {"username": NEW_ADMIN_EMAIL, "password": password})
    return response.status_code == 302


def _complete_setup(client, **overrides):
    data = {"first_name": "Ειρήνη", "last_name": "Πρωτάκη", "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD, **overrides}
    return client.post(SETUP, data)


def test_onboarding_marks_only_the_first_coordinator_for_set_up(onboarded, world_a):
    centre, _client = onboarded
    with schema_context(centre.schema_name):
        assert User.objects.get(username=NEW_ADMIN_EMAIL).must_complete_setup
    with schema_context(world_a.centre.schema_name):
        assert not User.objects.filter(must_complete_setup=True).exists()


@pytest.mark.parametrize("path", ["/", "/people/", "/staff/", "/reminders/settings/"])
def test_the_onboarded_coordinator_is_sent_to_set_up_from_every_page(onboarded, path):
    _centre, client = onboarded

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, SETUP)


def test_the_api_and_logout_are_not_redirected_to_set_up(onboarded):
    _centre, client = onboarded

    assert client.get("/api/v1/me/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert not client.get(SETUP).wsgi_request.user.is_authenticated


def test_set_up_asks_for_the_name_and_a_new_password(onboarded):
    _centre, client = onboarded

    page = client.get(SETUP).content.decode()

    assert 'name="first_name"' in page and 'name="last_name"' in page and 'name="password_again"' in page


def test_the_password_the_operator_gave_is_refused_as_the_new_one(onboarded):
    _centre, client = onboarded

    response = _complete_setup(client, password=NEW_ADMIN_PASSWORD, password_again=NEW_ADMIN_PASSWORD)

    assert response.status_code == 400
    assert "διαφέρει από τον αρχικό" in str(response.context["form"].errors["password"])
    assert client.get("/people/")["Location"] == SETUP


def test_a_weak_or_mistyped_password_or_a_missing_name_is_refused_with_the_field_named(onboarded):
    _centre, client = onboarded

    weak = _complete_setup(client, password="12345", password_again="12345").context["form"].errors
    mistyped = _complete_setup(client, password_again="Other-Meadow-Compass-42").context["form"].errors
    nameless = _complete_setup(client, last_name=" ").context["form"].errors

    assert "password" in weak and "password_again" in mistyped and "last_name" in nameless


def test_after_set_up_the_coordinator_stays_signed_in_reaches_people_and_sees_their_name(onboarded):
    _centre, client = onboarded

    response = _complete_setup(client)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/people/").status_code == 200
    assert "Καλώς ήρθατε, Ειρήνη" in client.get("/").content.decode()
    assert client.get(SETUP)["Location"] == "/"


def test_after_set_up_the_old_password_is_refused_and_the_new_one_works(onboarded):
    _centre, client = onboarded
    _complete_setup(client)

    browser = Client(HTTP_HOST=host_of(NEW_SLUG))

    assert not _log_in(browser, NEW_ADMIN_PASSWORD)
    assert _log_in(browser, NEW_PASSWORD)


# --- the set-up checklist ------------------------------------------------------------------


def _checklist(client) -> str:
    page = client.get("/").content.decode()
    start = page.find('data-testid="setup-checklist"')
    return "" if start < 0 else page[start:page.index("</section>", start)]


def test_a_new_centres_home_page_lists_every_set_up_item_with_its_page(onboarded):
    _centre, client = onboarded
    _complete_setup(client)

    checklist = _checklist(client)

    for link in ('href="/sites/"', 'href="/staff/new/"', 'href="/settings/aid-thresholds/"',
                 'href="/reminders/settings/"'):
        assert link in checklist
    assert checklist.count("<li>") == 5


def test_each_item_leaves_the_checklist_once_done_and_the_checklist_goes_when_all_are(onboarded):
    centre, client = onboarded
    _complete_setup(client)
    with schema_context(centre.schema_name):
        coordinator = User.objects.get(username=NEW_ADMIN_EMAIL)

    def done(step):
        with schema_context(centre.schema_name):
            step()
        return _checklist(client)

    after_site = done(lambda: Site.objects.update(address="Πλατεία Αγοράς 1"))
    assert 'href="/sites/"' not in after_site and after_site.count("<li>") == 4

    after_staff = done(lambda: staff_create(email="worker@gamma.test", password=PASSWORD, role=Role.SOCIAL_WORKER))
    assert 'href="/staff/new/"' not in after_staff and after_staff.count("<li>") == 3

    def thresholds():
        for scheme in AidScheme.values:
            aid_threshold_set(scheme=scheme, effective_from=timezone.localdate(), by=coordinator, validity_months=6,
                              limits={1: Decimal("520")})

    after_thresholds = done(thresholds)
    assert 'href="/settings/aid-thresholds/"' not in after_thresholds and after_thresholds.count("<li>") == 2

    after_quiet_hours = done(lambda: notification_settings_update(
        quiet_start=datetime.time(21), quiet_end=datetime.time(8)))
    assert after_quiet_hours.count("<li>") == 1

    assert done(lambda: notification_settings_update(
        quiet_start=datetime.time(21), quiet_end=datetime.time(8), contact_phone="2821000000",
        contact_email="kk@gamma.test")) == ""


def test_one_schemes_thresholds_or_a_settings_row_made_by_sending_leave_their_items(onboarded):
    centre, client = onboarded
    _complete_setup(client)
    with schema_context(centre.schema_name):
        coordinator = User.objects.get(username=NEW_ADMIN_EMAIL)
        aid_threshold_set(scheme=AidScheme.GROCERY, effective_from=timezone.localdate(), by=coordinator,
                          validity_months=6, limits={1: Decimal("520")})
        notification_settings_get()  # what the first message sent does

    checklist = _checklist(client)

    assert 'href="/settings/aid-thresholds/"' in checklist and checklist.count("<li>") == 5


def test_only_the_coordinator_sees_the_checklist(world_a):
    assert _checklist(world_a.client(Role.COORDINATOR))
    assert _checklist(world_a.client(Role.SOCIAL_WORKER)) == ""
