"""Aid: Social Grocery / Clothing bank eligibility decisions, distribution rounds and receipts
(once per household and round), and the timeline entries of assessments, benefits and aid."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import (
    AidEligibilityFactory,
    AidRoundFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
)
from casework.models import AidReceipt, AidRound
from casework.services.aid import (
    aid_eligibility_decide,
    aid_receipt_record,
    benefit_create,
    benefit_submit,
)
from casework.services.assessments import assessment_record
from casework.timeline import person_timeline
from platform_core.accounts.roles import Role

ROUND_DAY = datetime.date(2026, 6, 10)


@pytest.fixture
def reception(world_a):
    return world_a.users[Role.RECEPTION]


@pytest.fixture
def worker(world_a):
    return world_a.users[Role.SOCIAL_WORKER]


def test_a_household_cannot_receive_twice_in_a_round(reception, in_centre_a):
    aid_round, household = AidRoundFactory(), HouseholdFactory()
    aid_receipt_record(round=aid_round, household=household, by=reception)

    with pytest.raises(ValidationError) as exc:
        aid_receipt_record(round=aid_round, household=household, by=reception)

    assert "έχει ήδη παραλάβει" in exc.value.message_dict["household"][0]
    assert AidReceipt.objects.filter(round=aid_round, household=household).count() == 1


def test_the_database_refuses_a_second_receipt_that_bypasses_the_service(reception, in_centre_a):
    aid_round, household = AidRoundFactory(), HouseholdFactory()
    aid_receipt_record(round=aid_round, household=household, by=reception)

    with pytest.raises(IntegrityError), transaction.atomic():
        AidReceipt.objects.create(round=aid_round, household=household, received_at=timezone.now(),
                                  recorded_by=reception)


def test_the_same_household_may_receive_in_another_round(reception, in_centre_a):
    household = HouseholdFactory()
    aid_receipt_record(round=AidRoundFactory(), household=household, by=reception)

    aid_receipt_record(round=AidRoundFactory(), household=household, by=reception)

    assert AidReceipt.objects.filter(household=household).count() == 2


def test_grocery_delivery_without_an_eligibility_decision_is_refused(reception, in_centre_a):
    aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY)

    with pytest.raises(ValidationError) as exc:
        aid_receipt_record(round=aid_round, household=HouseholdFactory(), by=reception)

    assert "επιλεξιμότητας" in exc.value.message_dict["household"][0]


def test_grocery_delivery_with_an_eligibility_valid_on_the_round_date_is_recorded(reception, worker, in_centre_a):
    household = HouseholdFactory()
    AidEligibilityFactory(household=household, decided_by=worker, decided_on=datetime.date(2026, 1, 5),
                          valid_until=ROUND_DAY)
    aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY)

    receipt = aid_receipt_record(round=aid_round, household=household, by=reception, signed=True)

    assert receipt.signed and receipt.recorded_by == reception


@pytest.mark.parametrize("decision", [
    {"valid_until": datetime.date(2026, 6, 9)},  # expired the day before
    {"scheme": "clothing"},  # another scheme
    {"decided_on": datetime.date(2026, 6, 11)},  # decided after the round
])
def test_clothing_or_expired_or_later_eligibility_does_not_allow_a_grocery_delivery(reception, worker, in_centre_a,
                                                                                    decision):
    household = HouseholdFactory()
    AidEligibilityFactory(household=household, decided_by=worker, **({"decided_on": datetime.date(2026, 1, 5),
                                                                       "valid_until": datetime.date(2026, 12, 31)}
                                                                      | decision))
    aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY)

    with pytest.raises(ValidationError):
        aid_receipt_record(round=aid_round, household=household, by=reception)


def test_a_later_refusal_overrides_an_earlier_eligibility(reception, worker, in_centre_a):
    household = HouseholdFactory()
    AidEligibilityFactory(household=household, decided_by=worker, decided_on=datetime.date(2026, 1, 5),
                          valid_until=datetime.date(2026, 12, 31))
    AidEligibilityFactory(household=household, decided_by=worker, decided_on=datetime.date(2026, 3, 1),
                          eligible=False, valid_until=None)

    with pytest.raises(ValidationError):
        aid_receipt_record(round=AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY),
                           household=household, by=reception)


def test_only_a_member_of_the_household_can_collect(reception, in_centre_a):
    with pytest.raises(ValidationError) as exc:
        aid_receipt_record(round=AidRoundFactory(), household=HouseholdFactory(), by=reception,
                           received_by=PersonFactory())

    assert "received_by" in exc.value.message_dict


def test_a_closed_round_takes_no_more_receipts(reception, in_centre_a):
    with pytest.raises(ValidationError) as exc:
        aid_receipt_record(round=AidRoundFactory(closed=True), household=HouseholdFactory(), by=reception)

    assert "round" in exc.value.message_dict


def test_eligibility_decision_defaults_to_the_latest_assessment(worker, in_centre_a):
    member = HouseholdMemberFactory()
    assessment = assessment_record(person=member.person, by=worker, assessed_on=datetime.date(2026, 5, 31),
                                   adults=1, incomes=[("pension", Decimal("300"))])

    decision = aid_eligibility_decide(household=member.household, scheme="grocery", by=worker,
                                      decided_on=datetime.date(2026, 6, 1))

    # default thresholds: one person ≤ 500 € → eligible; 31 May + 6 months → 30 Nov.
    assert (decision.eligible, decision.valid_until, decision.assessment) == (
        True, datetime.date(2026, 11, 30), assessment)


def test_eligibility_decision_without_assessment_must_be_stated(worker, in_centre_a):
    with pytest.raises(ValidationError) as exc:
        aid_eligibility_decide(household=HouseholdFactory(), scheme="clothing", by=worker)

    assert "eligible" in exc.value.message_dict


def test_a_positive_decision_needs_a_future_expiry(worker, in_centre_a):
    with pytest.raises(ValidationError) as exc:
        aid_eligibility_decide(household=HouseholdFactory(), scheme="clothing", by=worker, eligible=True,
                               decided_on=datetime.date(2026, 6, 1), valid_until=datetime.date(2026, 6, 1))

    assert "valid_until" in exc.value.message_dict


def test_reception_records_a_receipt_on_the_round_page(world_a, reception):
    with schema_context(world_a.centre.schema_name):
        aid_round, household = AidRoundFactory(), HouseholdFactory()

    response = world_a.client(Role.RECEPTION).post(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}),
                                                   {"household": str(household.pk), "signed": "on"})

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        assert AidReceipt.objects.get(round=aid_round).recorded_by == reception


def test_round_page_shows_the_double_receipt_error_on_the_household_field(world_a, reception):
    with schema_context(world_a.centre.schema_name):
        aid_round, household = AidRoundFactory(), HouseholdFactory()
        aid_receipt_record(round=aid_round, household=household, by=reception)

    response = world_a.client(Role.RECEPTION).post(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}),
                                                   {"household": str(household.pk)})

    assert response.status_code == 200
    assert "έχει ήδη παραλάβει" in response.context["form"].errors["household"][0]


def test_reception_cannot_create_rounds_or_decide_eligibility(world_a):
    with schema_context(world_a.centre.schema_name):
        household = HouseholdFactory()
    client, api = world_a.client(Role.RECEPTION), world_a.api(Role.RECEPTION)

    assert client.get(reverse("casework:aidround-create")).status_code == 403
    assert client.get(reverse("casework:aid-eligibility-create", kwargs={"household_pk": household.pk})).status_code \
        == 403
    assert api.post("/api/v1/aid-rounds/", {"kind": "teba", "title": "x", "distributed_on": "2026-06-10"},
                    format="json").status_code == 403


def test_round_page_creates_a_round_and_shows_field_errors(world_a):
    client = world_a.client(Role.SOCIAL_WORKER)

    bad = client.post(reverse("casework:aidround-create"), {"kind": "gold", "title": "", "distributed_on": "x"})
    good = client.post(reverse("casework:aidround-create"), {"kind": "teba", "title": "ΤΕΒΑ Ιουνίου",
                                                             "distributed_on": "2026-06-10"})

    assert bad.status_code == 200 and {"kind", "title", "distributed_on"} <= set(bad.context["form"].errors)
    assert good.status_code == 302


def test_api_records_receipts_and_refuses_a_second_one_with_400(world_a):
    with schema_context(world_a.centre.schema_name):
        aid_round, household = AidRoundFactory(), HouseholdFactory()
    api = world_a.api(Role.RECEPTION)
    url = f"/api/v1/aid-rounds/{aid_round.pk}/receipts/"

    first = api.post(url, {"household": str(household.pk), "signed": True}, format="json")
    second = api.post(url, {"household": str(household.pk)}, format="json")
    listed = api.get(url)

    assert first.status_code == 201
    assert second.status_code == 400 and "household" in second.json()
    assert [row["household"] for row in listed.json()["results"]] == [str(household.pk)]


def test_api_reports_receipt_errors_per_field(world_a):
    with schema_context(world_a.centre.schema_name):
        aid_round = AidRoundFactory()

    response = world_a.api(Role.RECEPTION).post(f"/api/v1/aid-rounds/{aid_round.pk}/receipts/",
                                                {"household": "not-a-uuid", "signed": "maybe"}, format="json")

    assert response.status_code == 400 and {"household", "signed"} <= set(response.json())


def test_auditor_reads_rounds_but_cannot_record_receipts(world_a):
    with schema_context(world_a.centre.schema_name):
        aid_round, household = AidRoundFactory(), HouseholdFactory()
    api = world_a.api(Role.AUDITOR)

    assert api.get(f"/api/v1/aid-rounds/{aid_round.pk}/").status_code == 200
    assert api.post(f"/api/v1/aid-rounds/{aid_round.pk}/receipts/", {"household": str(household.pk)},
                    format="json").status_code == 403
    assert world_a.client(Role.AUDITOR).post(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}),
                                             {"household": str(household.pk)}).status_code == 403


def test_eligibility_page_records_a_decision_and_shows_field_errors(world_a):
    with schema_context(world_a.centre.schema_name):
        household = HouseholdFactory()
    client = world_a.client(Role.SOCIAL_WORKER)
    url = reverse("casework:aid-eligibility-create", kwargs={"household_pk": household.pk})

    bad = client.post(url, {"scheme": "grocery", "decision": "yes", "valid_until": "2020-01-01"})
    good = client.post(url, {"scheme": "grocery", "decision": "yes", "valid_until": "2035-01-01"})

    assert bad.status_code == 200 and bad.context["form"].errors["valid_until"]
    assert good.status_code == 302
    with schema_context(world_a.centre.schema_name):
        assert household.aid_eligibilities.get().valid_until == datetime.date(2035, 1, 1)


def test_api_decides_eligibility_from_the_latest_assessment(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        member = HouseholdMemberFactory()
        assessment_record(person=member.person, by=worker, assessed_on=datetime.date(2026, 5, 31), adults=1,
                          incomes=[("wages", Decimal("900"))])

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/aid-eligibility/", {
        "household": str(member.household.pk), "scheme": "clothing"}, format="json")
    listed = world_a.api(Role.RECEPTION).get("/api/v1/aid-eligibility/", {"household": str(member.household.pk)})

    # 900 € > 500 € (one person, default threshold) → not eligible.
    assert response.status_code == 201 and response.json()["eligible"] is False
    assert listed.status_code == 200 and listed.json()["count"] == 1


def test_api_reports_eligibility_errors_per_field(world_a):
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/aid-eligibility/", {"scheme": "gold",
                                                                                   "valid_until": "soon"},
                                                    format="json")

    assert response.status_code == 400 and {"household", "scheme", "valid_until"} <= set(response.json())


# --- timeline ------------------------------------------------------------------------------


def test_timeline_shows_assessments_benefits_and_aid_of_the_person_and_household(world_a, worker, reception,
                                                                                 in_centre_a):
    head = HouseholdMemberFactory()
    spouse = HouseholdMemberFactory(household=head.household, relation="spouse")
    assessment_record(person=head.person, by=worker, assessed_on=datetime.date(2026, 5, 31), adults=2,
                      incomes=[("wages", Decimal("300"))])
    benefit_submit(application=benefit_create(person=spouse.person, by=worker), by=worker,
                   submitted_on=datetime.date(2026, 6, 1))
    aid_eligibility_decide(household=head.household, scheme="grocery", by=worker, decided_on=datetime.date(2026, 6, 2))
    aid_receipt_record(round=AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY),
                       household=head.household, by=reception, received_by=head.person)

    entries = person_timeline(person=head.person, household=head.household, user=worker)

    seen = {(entry.kind, entry.about_household) for entry in entries}
    assert {("assessment", False), ("benefit", True), ("aid", True), ("aid", False)} <= seen
    benefit_titles = [entry.title for entry in entries if entry.kind == "benefit"]
    assert any("υποβολή" in title for title in benefit_titles) and any("ανανέωση" in title for title in benefit_titles)


def test_timeline_of_a_person_without_household_has_only_their_own_entries(world_a, worker, in_centre_a):
    person = PersonFactory()
    assessment_record(person=person, by=worker, assessed_on=datetime.date(2026, 5, 31), adults=1)

    entries = [entry for entry in person_timeline(person=person, household=None, user=worker)
               if entry.kind in ("assessment", "benefit", "aid")]

    assert [(entry.kind, entry.about_household) for entry in entries] == [("assessment", False)]


def test_timeline_leaves_out_what_the_reader_may_not_see(world_a, worker, in_centre_a):
    member = HouseholdMemberFactory()
    assessment_record(person=member.person, by=worker, assessed_on=datetime.date(2026, 5, 31), adults=1)
    benefit_create(person=member.person, by=worker)

    kinds = {entry.kind for entry in person_timeline(person=member.person, household=member.household,
                                                     user=world_a.users[Role.RECEPTION])}

    assert not kinds & {"assessment", "benefit"}


def test_every_page_of_assessments_benefits_and_aid_opens_for_the_coordinator(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        member = HouseholdMemberFactory()
        assessment = assessment_record(person=member.person, by=worker, assessed_on=datetime.date(2026, 5, 31),
                                       adults=1, minors=2, single_parent=True, incomes=[("wages", Decimal("300"))])
        application = benefit_submit(application=benefit_create(person=member.person, by=worker,
                                                                 assessment=assessment),
                                     by=worker, submitted_on=datetime.date(2026, 6, 1))
        aid_round = AidRoundFactory()
    client = world_a.client(Role.COORDINATOR)
    urls = [
        reverse("casework:assessment-create", kwargs={"person_pk": member.person.pk}),
        reverse("casework:assessment-detail", kwargs={"pk": assessment.pk}),
        reverse("casework:aid-rules"),
        reverse("casework:benefit-list"),
        reverse("casework:benefit-create", kwargs={"person_pk": member.person.pk}),
        reverse("casework:benefit-detail", kwargs={"pk": application.pk}),
        reverse("casework:aidround-list"),
        reverse("casework:aidround-create"),
        reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}),
        reverse("casework:aid-eligibility-create", kwargs={"household_pk": member.household.pk}),
    ]

    statuses = {url: client.get(url).status_code for url in urls}

    assert set(statuses.values()) == {200}, statuses


def test_closing_a_round_on_the_page_stops_further_receipts(world_a, reception):
    with schema_context(world_a.centre.schema_name):
        aid_round, household = AidRoundFactory(), HouseholdFactory()

    closed = world_a.client(Role.SOCIAL_WORKER).post(reverse("casework:aidround-close", kwargs={"pk": aid_round.pk}),
                                                     {"confirmed": "yes"})
    refused = world_a.api(Role.RECEPTION).post(f"/api/v1/aid-rounds/{aid_round.pk}/receipts/",
                                               {"household": str(household.pk)}, format="json")
    again = world_a.api(Role.SOCIAL_WORKER).post(f"/api/v1/aid-rounds/{aid_round.pk}/close/")

    assert closed.status_code == 302
    assert refused.status_code == 400 and "round" in refused.json()
    assert again.status_code == 400 and "closed" in again.json()
