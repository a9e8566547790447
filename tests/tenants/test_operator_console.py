"""Operator console (public host, /operator/): the list of centres, onboarding form, lifecycle buttons."""

import pytest

from platform_core.accounts.roles import Role
from tenants.models import Centre

from .onboarding import NEW_SLUG, NO_TRACE, fresh, host_of, traces_of, valid_centre_input

CONSOLE = "/operator/"
NEW_CENTRE_FORM = "/operator/centres/new/"


@pytest.fixture
def operator_client(public_world):
    return public_world.client(public_world.operator)


def test_console_lists_every_centre_with_its_address(operator_client, centre_a, centre_b):
    page = operator_client.get(CONSOLE).content.decode()

    for centre in (centre_a, centre_b):
        assert centre.name in page
        assert centre.primary_domain_name in page


def test_console_page_is_in_greek_by_default(operator_client):
    page = operator_client.get(CONSOLE).content.decode()

    assert '<html lang="el">' in page
    assert "Διαχείριση κέντρων" in page


def test_create_form_onboards_the_centre_and_redirects_to_its_page(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input())

    centre = Centre.objects.get(slug=NEW_SLUG)
    assert response.status_code == 302
    assert response["Location"] == f"/operator/centres/{centre.pk}/"
    assert traces_of(NEW_SLUG) == {"schema": True, "centre": True, "domains": [NEW_SLUG]}


def test_new_centres_page_shows_its_address(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(), follow=True)

    assert host_of(NEW_SLUG) in response.content.decode()


def test_form_shows_the_slug_rule_under_the_slug_field_and_creates_nothing(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(slug="Gamma"))

    assert response.status_code == 200
    assert "Το αναγνωριστικό πρέπει να ξεκινά με λατινικό πεζό γράμμα" in str(response.context["form"]["slug"].errors)
    assert traces_of("Gamma") == NO_TRACE


def test_form_shows_reserved_slug_as_reserved_and_creates_nothing(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(slug="admin"))

    assert "Το αναγνωριστικό «admin» είναι δεσμευμένο." in response.content.decode()
    assert traces_of("admin") == NO_TRACE


def test_form_shows_missing_name_as_required_in_greek_and_creates_nothing(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(name=""))

    assert "Αυτό το πεδίο είναι απαραίτητο." in str(response.context["form"]["name"].errors)
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_form_shows_duplicate_slug_and_leaves_the_existing_centre_alone(operator_client, centre_a):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(slug=centre_a.slug))

    assert f"Υπάρχει ήδη κέντρο με αναγνωριστικό «{centre_a.slug}»." in response.content.decode()
    assert Centre.objects.filter(slug=centre_a.slug).count() == 1


def test_form_shows_duplicate_domain_at_the_top_and_creates_nothing(operator_client, centre_b):
    centre_b.domains.create(domain=host_of(NEW_SLUG), is_primary=False)

    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input())

    top_errors = str(response.context["form"].non_field_errors())
    assert f"Το όνομα τομέα {host_of(NEW_SLUG)} χρησιμοποιείται ήδη." in top_errors
    assert traces_of(NEW_SLUG) == {"schema": False, "centre": False, "domains": [centre_b.slug]}


def test_form_shows_a_short_password_in_greek_under_its_field_and_creates_nothing(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(admin_password="Ab-12"))

    assert "Αυτό το συνθηματικό είναι πολύ μικρό." in str(response.context["form"]["admin_password"].errors)
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_form_never_shows_the_password_back(operator_client):
    response = operator_client.post(NEW_CENTRE_FORM, valid_centre_input(slug="Gamma"))

    assert valid_centre_input()["admin_password"] not in response.content.decode()


def test_suspend_button_suspends_the_centre_and_says_so(operator_client, centre_a):
    response = operator_client.post(f"/operator/centres/{centre_a.pk}/suspend/", follow=True)

    assert fresh(centre_a).status == Centre.Status.SUSPENDED
    assert "Το κέντρο τέθηκε σε αναστολή." in response.content.decode()


def test_reactivate_button_on_an_active_centre_explains_why_nothing_changed(operator_client, centre_a):
    response = operator_client.post(f"/operator/centres/{centre_a.pk}/reactivate/", follow=True)

    assert "η αλλαγή δεν επιτρέπεται" in response.content.decode()
    assert fresh(centre_a).status == Centre.Status.ACTIVE


def test_lifecycle_buttons_refuse_get(operator_client, centre_a):
    response = operator_client.get(f"/operator/centres/{centre_a.pk}/suspend/")

    assert response.status_code == 405
    assert fresh(centre_a).status == Centre.Status.ACTIVE


def test_anonymous_visitor_is_sent_to_the_login_page(public_world):
    response = public_world.client(None).get(CONSOLE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_region_user_is_refused_the_console(public_world):
    response = public_world.client(public_world.region_user).get(CONSOLE)

    assert response.status_code == 403


def test_region_user_cannot_create_a_centre_through_the_form(public_world):
    response = public_world.client(public_world.region_user).post(NEW_CENTRE_FORM, valid_centre_input())

    assert response.status_code == 403
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_region_user_cannot_press_suspend(public_world, centre_a):
    response = public_world.client(public_world.region_user).post(f"/operator/centres/{centre_a.pk}/suspend/")

    assert response.status_code == 403
    assert fresh(centre_a).status == Centre.Status.ACTIVE


def test_console_does_not_exist_on_a_centre_host(world_a):
    response = world_a.client(Role.COORDINATOR).get(CONSOLE)

    assert response.status_code == 404
