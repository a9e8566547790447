"""Aid at the counter: the printable receipt of each household (PDF) and the receipts of a round
recorded with one save from the list of households due (all or none)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import AidEligibilityFactory, AidRoundFactory, HouseholdFactory
from casework.models import AidReceipt, AidRound
from casework.services.aid import aid_eligibility_decide, aid_receipt_record
from platform_core.accounts.roles import Role

TODAY = timezone.localdate()


@pytest.fixture
def reception(world_a):
    return world_a.users[Role.RECEPTION]


@pytest.fixture
def grocery_round(world_a, worker):
    """A grocery round today, two households eligible on its date and one that is not."""
    with schema_context(world_a.centre.schema_name):
        aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=TODAY, title="Παντοπωλείο Δεκεμβρίου")
        eligible = [AidEligibilityFactory(household=HouseholdFactory(name=f"Οικογένεια {name}"), decided_by=worker,
                                          decided_on=TODAY - datetime.timedelta(days=5)).household
                    for name in ("Αλεξίου", "Βασιλείου")]
        refused = HouseholdFactory(name="Οικογένεια Γεωργίου")
        aid_eligibility_decide(household=refused, scheme="grocery", by=worker, eligible=True,
                               valid_until=TODAY + datetime.timedelta(days=90),
                               decided_on=TODAY - datetime.timedelta(days=100))
        aid_eligibility_decide(household=refused, scheme="grocery", by=worker, eligible=False,
                               decided_on=TODAY - datetime.timedelta(days=2))
    return aid_round, eligible, refused


def _bulk(world_a, aid_round, households, **extra):
    return world_a.client(Role.RECEPTION).post(
        reverse("casework:aid-receipts-bulk", kwargs={"pk": aid_round.pk}),
        {"households": [str(household.pk) for household in households], **extra})


def test_the_round_page_lists_the_households_eligible_on_its_date(world_a, grocery_round):
    aid_round, eligible, refused = grocery_round

    response = world_a.client(Role.RECEPTION).get(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}))

    due = list(response.context["due"])
    assert set(eligible) <= set(due) and refused not in due
    assert f'id="due-{eligible[0].pk}"' in response.content.decode()
    assert f'id="due-{refused.pk}"' not in response.content.decode()


def test_ticked_households_are_recorded_with_one_save(world_a, grocery_round, reception):
    aid_round, eligible, _refused = grocery_round

    response = _bulk(world_a, aid_round, eligible, signed="on")

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        receipts = AidReceipt.objects.filter(round=aid_round)
        assert {receipt.household_id for receipt in receipts} == {household.pk for household in eligible}
        assert all(receipt.signed and receipt.recorded_by == reception for receipt in receipts)
    page = world_a.client(Role.RECEPTION).get(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}))
    assert not set(eligible) & set(page.context["due"])


def test_a_household_not_eligible_on_the_round_date_refuses_the_whole_save_by_name(world_a, grocery_round):
    aid_round, eligible, refused = grocery_round

    response = _bulk(world_a, aid_round, [*eligible, refused])

    assert response.status_code == 400
    html = response.content.decode()
    assert "Οικογένεια Γεωργίου: Το νοικοκυριό δεν έχει σε ισχύ απόφαση επιλεξιμότητας" in html
    with schema_context(world_a.centre.schema_name):
        assert not AidReceipt.objects.filter(round=aid_round).exists()


def test_a_household_that_already_received_is_refused_and_nothing_is_recorded(world_a, grocery_round, reception):
    aid_round, eligible, _refused = grocery_round
    with schema_context(world_a.centre.schema_name):
        aid_receipt_record(round=aid_round, household=eligible[0], by=reception)

    response = _bulk(world_a, aid_round, eligible)

    assert response.status_code == 400
    assert "Οικογένεια Αλεξίου: Το νοικοκυριό έχει ήδη παραλάβει" in response.content.decode()
    with schema_context(world_a.centre.schema_name):
        assert AidReceipt.objects.filter(round=aid_round).count() == 1


def test_saving_without_ticking_anyone_asks_for_a_household(world_a, grocery_round):
    aid_round, _eligible, _refused = grocery_round

    response = _bulk(world_a, aid_round, [])

    assert response.status_code == 400
    assert "Επιλέξτε τουλάχιστον ένα νοικοκυριό." in response.content.decode()


def test_a_teba_round_lists_every_household_that_has_not_received(world_a, reception):
    with schema_context(world_a.centre.schema_name):
        aid_round = AidRoundFactory(kind=AidRound.Kind.TEBA)
        waiting, served = HouseholdFactory(), HouseholdFactory()
        aid_receipt_record(round=aid_round, household=served, by=reception)

    due = world_a.client(Role.RECEPTION).get(
        reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk})).context["due"]

    assert waiting in due and served not in due


def test_the_auditor_cannot_record_receipts_in_bulk(world_a, grocery_round):
    aid_round, eligible, _refused = grocery_round

    response = world_a.client(Role.AUDITOR).post(reverse("casework:aid-receipts-bulk", kwargs={"pk": aid_round.pk}),
                                                 {"households": [str(eligible[0].pk)]})

    assert response.status_code == 403


def test_each_receipt_prints_as_a_pdf_linked_from_the_round_page(world_a, grocery_round, reception):
    aid_round, eligible, _refused = grocery_round
    with schema_context(world_a.centre.schema_name):
        receipt = aid_receipt_record(round=aid_round, household=eligible[0], by=reception)
    client = world_a.client(Role.RECEPTION)
    url = reverse("casework:aid-receipt-pdf", kwargs={"pk": receipt.pk})

    page = client.get(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk})).content.decode()
    response = client.get(url)

    assert f'href="{url}"' in page
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="receipt-{receipt.pk}.pdf"'
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
