"""Referrals to the centre from a school, a health centre or a partner: recorded with source,
reason and who referred, and able to open a case in the same step."""

import pytest
from django.core.exceptions import ValidationError

from casework.models import Case, IncomingReferral
from casework.services import referrals
from platform_core.accounts.roles import Role

from .referral_fixtures import organization  # noqa: F401


def test_a_partners_referral_opens_a_case_in_the_same_step(world_a, person, worker, organization):  # noqa: F811
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/incoming-referrals/", {
        "source_organization": str(organization.pk), "referrer_name": "Κοινωνική λειτουργός ΚΨΥ",
        "reason": "Χρειάζεται οικονομική στήριξη", "person": str(person.pk), "open_case": True,
        "assigned_worker": str(worker.pk), "needs": ["socioeconomic"]}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "accepted"
    assert Case.objects.get(pk=response.json()["case"]).person_id == person.pk


def test_a_school_not_in_the_directory_is_named_by_hand(in_centre_a, worker):
    incoming = referrals.incoming_referral_record(by=worker, source_name="2ο Δημοτικό Σχολείο Βάμου",
                                                  reason="Μαθητής με ανάγκη στήριξης")

    assert incoming.status == IncomingReferral.Status.PENDING and incoming.source_label == "2ο Δημοτικό Σχολείο Βάμου"


def test_a_source_is_required(in_centre_a, worker):
    with pytest.raises(ValidationError) as error:
        referrals.incoming_referral_record(by=worker, reason="x")

    assert "source_organization" in error.value.message_dict


def test_opening_a_case_needs_the_person(in_centre_a, worker):
    with pytest.raises(ValidationError) as error:
        referrals.incoming_referral_record(by=worker, source_name="Σχολείο", reason="x", open_case=True)

    assert "person" in error.value.message_dict


def test_the_incoming_pages_render(world_a):
    client = world_a.client(Role.SOCIAL_WORKER)

    assert client.get("/incoming-referrals/").status_code == 200
    assert client.get("/incoming-referrals/new/").status_code == 200
