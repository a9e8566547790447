"""A person's consent to share data with one recipient: recorded with purpose, categories and
dates, revoked once, shown on the person page and in the GDPR export."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.export import export_json
from casework.models import Person
from casework.services import referrals
from platform_core.accounts.roles import Role

from .referral_fixtures import consent, organization  # noqa: F401


def test_consent_is_recorded_through_the_api(world_a, person, organization):  # noqa: F811
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/consents/", {
        "person": str(person.pk), "organization": str(organization.pk), "purpose": "Παραπομπή",
        "categories": ["identity", "health"], "given_on": str(timezone.localdate()),
        "expires_on": str(timezone.localdate() + datetime.timedelta(days=90))}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["valid"] is True and response.json()["categories"] == ["identity", "health"]


def test_an_expiry_before_the_given_date_is_refused(world_a, person, organization):  # noqa: F811
    response = world_a.api().post("/api/v1/consents/", {
        "person": str(person.pk), "organization": str(organization.pk), "purpose": "Παραπομπή",
        "categories": ["identity"], "given_on": "2026-06-10", "expires_on": "2026-06-01"}, format="json")

    assert response.status_code == 400 and "expires_on" in response.json()


def test_a_consent_needs_exactly_one_recipient(in_centre_a, person, worker, organization):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        referrals.consent_record(person=person, by=worker, purpose="x", categories=["identity"],
                                 given_on=timezone.localdate())

    assert "organization" in error.value.message_dict


def test_unknown_categories_are_refused(in_centre_a, person, worker, organization):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        referrals.consent_record(person=person, by=worker, organization=organization, purpose="x",
                                 categories=["identity", "criminal_record"], given_on=timezone.localdate())

    assert "categories" in error.value.message_dict


def test_revoking_records_the_date(world_a, consent):  # noqa: F811
    response = world_a.api().post(f"/api/v1/consents/{consent.pk}/revoke/", {}, format="json")

    assert response.status_code == 200 and response.json()["revoked_on"] == str(timezone.localdate())
    assert response.json()["valid"] is False


def test_revoking_twice_is_refused(world_a, consent):  # noqa: F811
    world_a.api().post(f"/api/v1/consents/{consent.pk}/revoke/", {}, format="json")

    response = world_a.api().post(f"/api/v1/consents/{consent.pk}/revoke/", {}, format="json")

    assert response.status_code == 400 and "revoked_on" in response.json()


def test_an_expired_consent_is_not_valid(in_centre_a, person, worker, organization):  # noqa: F811
    old = referrals.consent_record(person=person, by=worker, organization=organization, purpose="x",
                                   categories=["identity"], given_on=datetime.date(2025, 1, 1),
                                   expires_on=datetime.date(2025, 12, 31))

    assert not old.is_valid


def test_the_person_page_shows_consents(world_a, person, consent):  # noqa: F811
    page = world_a.client(Role.SOCIAL_WORKER).get(f"/people/{person.pk}/").content.decode()

    assert "ΚΨΥ Παραπομπών" in page and "Καταγραφή συγκατάθεσης" in page


def test_the_consent_page_records_a_consent(world_a, person, organization):  # noqa: F811
    response = world_a.client(Role.RECEPTION).post(f"/people/{person.pk}/consents/", {
        "organization": str(organization.pk), "purpose": "Κατά την εγγραφή", "categories": ["identity"],
        "given_on": str(timezone.localdate())})

    assert response.status_code == 302
    assert person.consents.get().purpose == "Κατά την εγγραφή"


def test_the_gdpr_export_lists_consents(in_centre_a, person, consent, coordinator):  # noqa: F811
    exported = export_json(person=person, user=coordinator)

    assert exported["sections"]["consents"]["records"][0]["purpose"] == "Παραπομπή στο ΚΨΥ"


DECLINED_ESF = {name: "declined" for name in ("gender", "citizenship", "foreign_background", "minority", "disability",
                                              "employment_status", "education", "housing", "rural_area")}


def test_registration_offers_to_record_consent_next(in_centre_a, world_a):
    client = world_a.client(Role.SOCIAL_WORKER)
    assert 'name="record_consent"' in client.get("/people/new/").content.decode()

    response = client.post("/people/new/", {
        **DECLINED_ESF, "first_name": "Ελένη", "last_name": "Συναινούσα", "record_consent": "on"})

    person = Person.objects.get(last_name="Συναινούσα")
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/consents/"
    assert 'name="categories"' in client.get(response["Location"]).content.decode()


def test_registration_without_consent_goes_to_the_person_page(in_centre_a, world_a):
    response = world_a.client(Role.SOCIAL_WORKER).post("/people/new/", {
        **DECLINED_ESF, "first_name": "Νίκος", "last_name": "Απλός"})

    assert response["Location"] == f"/people/{Person.objects.get(last_name='Απλός').pk}/"


def test_registration_at_the_desk_offers_consent_too(in_centre_a, world_a):
    assert 'name="record_consent"' in world_a.client(Role.RECEPTION).get("/people/new/").content.decode()
