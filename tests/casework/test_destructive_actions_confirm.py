"""Closing a case, removing a household member and closing a round ask first, on a page that says
what will happen; only the confirmation posted from that page does it."""

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context

from casework.factories import AidRoundFactory, CaseFactory, HouseholdFactory, HouseholdMemberFactory
from casework.models import AidRound, Case, HouseholdMember
from casework.selectors.aid import aid_households_due
from casework.services.aid import aid_receipt_record
from platform_core.accounts.roles import Role


@pytest.fixture
def case(world_a):
    with schema_context(world_a.centre.schema_name):
        return CaseFactory(person__last_name="Παπαδάκη", person__first_name="Ελένη",
                           assigned_worker=world_a.users[Role.SOCIAL_WORKER])


def _consequences(response) -> list[str]:
    return response.context["consequences"]


def test_closing_a_case_first_shows_what_will_happen_and_changes_nothing(world_a, case):
    response = world_a.client(Role.SOCIAL_WORKER).post(reverse("casework:case-close", kwargs={"pk": case.pk}),
                                                       {"reason": "goals_met"})

    assert response.status_code == 200
    assert any(f"Ο φάκελος {case.number} του/της Παπαδάκη Ελένη κλείνει" in line for line in _consequences(response))
    with schema_context(world_a.centre.schema_name):
        case.refresh_from_db()
    assert case.status != Case.Status.CLOSED


def test_the_confirmation_page_posts_the_reason_again_and_closes_the_case(world_a, case):
    client = world_a.client(Role.SOCIAL_WORKER)
    url = reverse("casework:case-close", kwargs={"pk": case.pk})
    page = client.post(url, {"reason": "goals_met", "note": "Βρήκε εργασία"})

    response = client.post(url, dict(page.context["carried"]) | {"confirmed": "yes"})

    assert ("reason", "goals_met") in page.context["carried"]
    assert 'name="confirmed" value="yes"' in page.content.decode()
    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        case.refresh_from_db()
    assert (case.status, case.closed_reason) == (Case.Status.CLOSED, "goals_met")


def test_closing_without_a_reason_shows_the_error_on_the_case_page_not_a_confirmation(world_a, case):
    response = world_a.client(Role.SOCIAL_WORKER).post(reverse("casework:case-close", kwargs={"pk": case.pk}),
                                                       {"reason": ""})

    assert "consequences" not in response.context
    assert response.context["close_form"].errors


def test_removing_a_member_asks_first_naming_the_person_and_household(world_a):
    with schema_context(world_a.centre.schema_name):
        household = HouseholdFactory(name="Οικογένεια Μαρκάκη")
        HouseholdMemberFactory(household=household)
        member = HouseholdMemberFactory(household=household, relation=HouseholdMember.Relation.CHILD,
                                        person__last_name="Μαρκάκης", person__first_name="Γιώργος")
    client = world_a.client(Role.SOCIAL_WORKER)
    url = reverse("casework:household-member-remove", kwargs={"pk": household.pk})

    asked = client.post(url, {"person": str(member.person_id)})
    with schema_context(world_a.centre.schema_name):
        still_member = HouseholdMember.objects.filter(pk=member.pk).exists()
    confirmed = client.post(url, {"person": str(member.person_id), "confirmed": "yes"})

    assert asked.status_code == 200 and still_member
    assert "Ο/Η Μαρκάκης Γιώργος παύει να είναι μέλος του νοικοκυριού «Οικογένεια Μαρκάκη»." in _consequences(asked)
    assert confirmed.status_code == 302
    with schema_context(world_a.centre.schema_name):
        assert not HouseholdMember.objects.filter(pk=member.pk).exists()


def test_closing_a_round_asks_first_saying_how_many_received_and_how_many_did_not(world_a):
    reception = world_a.users[Role.RECEPTION]
    with schema_context(world_a.centre.schema_name):
        aid_round = AidRoundFactory(kind=AidRound.Kind.TEBA)
        aid_receipt_record(round=aid_round, household=HouseholdFactory(), by=reception)
        due = aid_households_due(aid_round=aid_round).count()
    client = world_a.client(Role.SOCIAL_WORKER)
    url = reverse("casework:aidround-close", kwargs={"pk": aid_round.pk})

    asked = client.post(url)
    with schema_context(world_a.centre.schema_name):
        aid_round.refresh_from_db()
        open_after_asking = not aid_round.closed
    confirmed = client.post(url, {"confirmed": "yes"})

    assert asked.status_code == 200 and open_after_asking
    assert "Έχει παραλάβει 1 νοικοκυριό." in _consequences(asked)
    assert any(line.startswith(f"{due} νοικοκυρι") for line in _consequences(asked))
    assert confirmed.status_code == 302
    with schema_context(world_a.centre.schema_name):
        aid_round.refresh_from_db()
    assert aid_round.closed
