"""Editors curate the directory on the public host: an operator edits any entry, a region user
the organisations that serve their region; an edit confirms the entry today; centre staff only
propose (their host has no edit page)."""

import datetime

import pytest
from django.utils import timezone

from partners.models import Organization, Service, TaxonomyTerm
from regional.models import Region


@pytest.fixture
def kpsy(directory, public_world):
    organization = directory["mental"].organization
    organization.regions.set([public_world.region_user.region_membership.region])
    Organization.objects.filter(pk=organization.pk).update(assured_date=timezone.localdate() - datetime.timedelta(400))
    return organization


def test_a_region_user_corrects_an_organisation_of_their_region_and_it_is_confirmed_today(kpsy, public_world):
    client = public_world.client(public_world.region_user)
    assert f'href="/partners/{kpsy.pk}/edit/"' in client.get(f"/partners/{kpsy.pk}/").content.decode()

    response = client.post(f"/partners/{kpsy.pk}/edit/", {
        "name": kpsy.name, "alternate_name": "ΚΨΥ Χανίων", "description": "Νέα διεύθυνση από 1/1.",
        "email": "kpsy@example.org", "website": "https://kpsy.example.org", "legal_status": "", "is_active": "on"})

    assert response.status_code == 302
    kpsy.refresh_from_db()
    assert (kpsy.alternate_name, kpsy.email, kpsy.assured_date) == ("ΚΨΥ Χανίων", "kpsy@example.org",
                                                                    timezone.localdate())
    # The directory search finds the service by the organisation's new short name.
    found = public_world.client(public_world.region_user).get("/partners/", {"q": "κψυ χανιων"}).content.decode()
    assert "Ψυχολογική υποστήριξη ενηλίκων" in found


def test_a_region_user_cannot_edit_an_organisation_of_another_region(kpsy, public_world):
    kpsy.regions.set([Region.objects.exclude(pk=public_world.region_user.region_membership.region.pk).first()])

    response = public_world.client(public_world.region_user).post(f"/partners/{kpsy.pk}/edit/", {"name": "Άλλο"})

    assert response.status_code == 403
    assert Organization.objects.get(pk=kpsy.pk).name == "Κέντρο Ψυχικής Υγείας Δοκιμών"


def test_an_operator_edits_a_service_status_categories_and_ages(directory, public_world):
    service = directory["food"]
    client = public_world.client(public_world.operator)
    housing = TaxonomyTerm.objects.get(code="housing")

    response = client.post(f"/partners/services/{service.pk}/edit/", {
        "name": service.name, "status": Service.Status.TEMPORARILY_CLOSED, "minimum_age": "18",
        "categories": [str(term.pk) for term in service.categories.all()] + [str(housing.pk)],
        "referral_methods": ["email"]})

    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.status == Service.Status.TEMPORARILY_CLOSED and service.minimum_age == 18
    assert service.referral_methods == ["email"] and housing in service.categories.all()
    assert service.assured_date == timezone.localdate() and service.assurer_email == public_world.operator.email


def test_an_age_range_upside_down_is_a_field_error_and_nothing_changes(directory, public_world):
    service = directory["mental"]

    response = public_world.client(public_world.operator).post(f"/partners/services/{service.pk}/edit/", {
        "name": service.name, "status": "active", "minimum_age": "40", "maximum_age": "18"})

    assert response.status_code == 200
    assert "Η μέγιστη ηλικία είναι μικρότερη από την ελάχιστη." in response.content.decode()
    service.refresh_from_db()
    assert service.minimum_age is None and service.maximum_age is None


def test_centre_staff_have_no_edit_page(directory, world_a):
    organization = directory["mental"].organization
    client = world_a.client()

    assert "/edit/" not in client.get(f"/partners/{organization.pk}/").content.decode()
    assert client.post(f"/partners/{organization.pk}/edit/", {"name": "Άλλο"}).status_code == 403
    assert Organization.objects.get(pk=organization.pk).name == organization.name
