"""Archiving a centre from the operator console: a page says what will happen and asks for the
centre's slug to be typed; a wrong slug is a form error and nothing changes."""

import pytest

from tenants.models import Centre

from .onboarding import fresh


@pytest.fixture
def operator_client(public_world):
    return public_world.client(public_world.operator)


def _archive(centre) -> str:
    return f"/operator/centres/{centre.pk}/archive/"


def test_the_archive_button_shows_what_will_happen_and_asks_for_the_slug(operator_client, centre_a):
    response = operator_client.post(_archive(centre_a))

    assert response.status_code == 200
    assert fresh(centre_a).status == Centre.Status.ACTIVE
    assert any("δεν θα μπορεί να συνδεθεί" in line for line in response.context["consequences"])
    assert 'name="slug"' in response.content.decode()


def test_a_wrong_slug_is_a_form_error_and_the_centre_stays_active(operator_client, centre_a, centre_b):
    response = operator_client.post(_archive(centre_a), {"confirmed": "yes", "slug": centre_b.slug})

    assert response.status_code == 400
    assert response.context["form"].errors["slug"] == [
        f"Το αναγνωριστικό δεν είναι «{centre_a.slug}»: το κέντρο δεν αρχειοθετήθηκε."]
    assert fresh(centre_a).status == Centre.Status.ACTIVE


def test_the_typed_slug_archives_the_centre(operator_client, centre_a):
    response = operator_client.post(_archive(centre_a), {"confirmed": "yes", "slug": centre_a.slug}, follow=True)

    assert fresh(centre_a).status == Centre.Status.ARCHIVED
    assert "Το κέντρο αρχειοθετήθηκε." in response.content.decode()
