"""Socioeconomic assessments: computed with the rules in force, stored with them, shown to staff;
the coordinator's grocery/clothing thresholds; the ΚΕΑ rule table as reference data."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tenants.utils import schema_context

from casework.factories import HouseholdMemberFactory, PersonFactory
from casework.models import AccessLog, AidThreshold, Assessment, KeaRule
from casework.services.assessments import aid_threshold_set, assessment_record, kea_rules_load
from platform_core.accounts.roles import Role

D = Decimal


def _record(world, person, **overrides):
    values = {"person": person, "by": world.users[Role.SOCIAL_WORKER], "assessed_on": datetime.date(2024, 1, 10),
              "adults": 2, "minors": 2, "incomes": [("wages", D("100")), ("benefits", D("50"))]}
    return assessment_record(**(values | overrides))


def _page_data(*incomes: tuple[str, str], **fields: str) -> dict:
    """The assessment page's POST: the form's fields and one formset line per income."""
    data = {"assessed_on": "2024-01-10", "adults": "2", "minors": "2", "housing": "rented", "monthly_rent": "0",
            "debts": "0", "real_estate_value": "0", "vehicle_value": "0",
            "incomes-TOTAL_FORMS": str(len(incomes)), "incomes-INITIAL_FORMS": "0"} | fields
    for index, (source, amount) in enumerate(incomes):
        data |= {f"incomes-{index}-source": source, f"incomes-{index}-monthly_amount": amount}
    return data


def _create_page(person) -> str:
    return reverse("casework:assessment-create", kwargs={"person_pk": person.pk})


def test_assessment_stores_the_kea_amounts_and_the_rule_row_it_used(world_a, in_centre_a):
    person = PersonFactory()

    assessment = _record(world_a, person)

    kea = assessment.outcome["kea"]
    # 216 + 108 + 2 × 54 = 432; income 100 + 50 = 150; benefit 432 − 150 = 282.
    assert (kea["guaranteed_amount"], kea["monthly_benefit"], kea["eligible"]) == ("432.00", "282.00", True)
    assert kea["rule"]["effective_from"] == "2023-12-01"
    assert kea["rule"]["id"] == str(KeaRule.objects.get(effective_from=datetime.date(2023, 12, 1)).pk)
    assert assessment.incomes.count() == 2 and assessment.outcome["monthly_income"] == "150.00"


def test_assessment_dated_before_december_2023_uses_the_2017_amounts(world_a, in_centre_a):
    assessment = _record(world_a, PersonFactory(), assessed_on=datetime.date(2023, 11, 30), adults=1, minors=0,
                         incomes=[])

    assert assessment.outcome["kea"]["guaranteed_amount"] == "200.00"
    assert assessment.outcome["kea"]["rule"]["effective_from"] == "2017-01-01"


def test_grocery_eligibility_follows_the_centre_threshold_in_force_with_its_validity(world_a, in_centre_a):
    aid_threshold_set(scheme="grocery", effective_from=datetime.date(2024, 1, 1), validity_months=3,
                      limits={1: D("400"), 2: D("600")}, by=world_a.coordinator)

    assessment = _record(world_a, PersonFactory(), assessed_on=datetime.date(2024, 1, 31), adults=3, minors=0,
                         incomes=[("pension", D("600"))])

    grocery = assessment.outcome["schemes"]["grocery"]
    # 3 members, sizes 1–2 listed → the limit for 2 (600); 600 ≤ 600; 31 Jan + 3 months → 30 Apr.
    assert (grocery["eligible"], grocery["valid_until"]) == (True, "2024-04-30")
    assert grocery["threshold"]["household_size"] == 2


def test_assessment_records_the_persons_household(world_a, in_centre_a):
    member = HouseholdMemberFactory()

    assessment = _record(world_a, member.person)

    assert assessment.household == member.household


@pytest.mark.parametrize(("overrides", "field"), [
    ({"single_parent": True, "minors": 0}, "single_parent"),
    ({"assessed_on": datetime.date.today() + datetime.timedelta(days=2)}, "assessed_on"),
    ({"adults": 0}, "adults"),
    ({"real_estate_value": D("-1")}, "real_estate_value"),
    ({"incomes": [("wages", D("-5"))]}, "incomes"),
    ({"incomes": [("lottery", D("5"))]}, "incomes"),
])
def test_invalid_assessment_is_refused_with_a_field_error_and_nothing_is_written(world_a, in_centre_a, overrides,
                                                                                  field):
    person = PersonFactory()

    with pytest.raises(ValidationError) as exc:
        _record(world_a, person, **overrides)

    assert field in exc.value.message_dict
    assert not Assessment.objects.filter(person=person).exists()


def test_assessment_page_records_the_assessment_and_shows_the_computation(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
    client = world_a.client(Role.SOCIAL_WORKER)

    response = client.post(_create_page(person), _page_data(("wages", "150"), ("", "")), follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "432,00 €" in page and "282,00 €" in page and "01/12/2023" in page


def test_assessment_page_shows_field_errors_and_writes_nothing(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
    client = world_a.client(Role.SOCIAL_WORKER)

    response = client.post(_create_page(person), _page_data(("wages", "-3"), adults="0", minors="0",
                                                                      single_parent="on"))

    assert response.status_code == 200
    incomes = response.context["incomes"]
    assert incomes.forms[0].errors["monthly_amount"]
    with schema_context(world_a.centre.schema_name):
        assert not Assessment.objects.filter(person=person).exists()


def test_assessment_page_shows_service_errors_on_their_fields(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    response = world_a.client(Role.SOCIAL_WORKER).post(_create_page(person),
                                                       _page_data(adults="0", minors="0", single_parent="on"))

    form = response.context["form"]
    assert form.errors["adults"] and form.errors["single_parent"]


def test_api_creates_an_assessment_with_nested_incomes(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/assessments/", {
        "person": str(person.pk), "assessed_on": "2024-01-10", "adults": 1, "minors": 3, "single_parent": True,
        "incomes": [{"source": "support", "monthly_amount": "100.00"}]}, format="json")

    assert response.status_code == 201, response.content
    # single parent: 2 adults + 2 minors counted → 216 + 108 + 2 × 54 = 432; 432 − 100 = 332.
    assert response.json()["outcome"]["kea"]["monthly_benefit"] == "332.00"
    assert response.json()["incomes"] == [{"source": "support", "monthly_amount": "100.00"}]


def test_api_reports_assessment_errors_per_field(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/assessments/", {
        "person": str(person.pk), "assessed_on": "not-a-date", "adults": 0,
        "incomes": [{"source": "wages", "monthly_amount": "-1"}]}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert {"assessed_on", "adults", "incomes"} <= set(body)
    assert "monthly_amount" in str(body["incomes"]), body


def test_api_reports_service_errors_per_field(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/assessments/", {
        "person": str(person.pk), "assessed_on": "2024-01-10", "adults": 1, "minors": 0, "single_parent": True},
        format="json")

    assert response.status_code == 400 and "single_parent" in response.json()


def test_api_lists_assessments_filtered_by_person(world_a):
    with schema_context(world_a.centre.schema_name):
        mine, other = PersonFactory(), PersonFactory()
        _record(world_a, mine)
        _record(world_a, other)

    response = world_a.api(Role.AUDITOR).get("/api/v1/assessments/", {"person": str(mine.pk)})

    assert response.status_code == 200
    assert [row["person"] for row in response.json()["results"]] == [str(mine.pk)]


def test_reading_an_assessment_is_written_to_the_access_log_in_ui_and_api(world_a):
    with schema_context(world_a.centre.schema_name):
        assessment = _record(world_a, PersonFactory())

    world_a.client(Role.AUDITOR).get(reverse("casework:assessment-detail", kwargs={"pk": assessment.pk}))
    world_a.api(Role.AUDITOR).get(f"/api/v1/assessments/{assessment.pk}/")

    with schema_context(world_a.centre.schema_name):
        channels = set(AccessLog.objects.filter(object_id=assessment.pk).values_list("channel", flat=True))
    assert channels == {"ui", "api"}


def test_auditor_reads_assessments_but_cannot_record_one(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
    api = world_a.api(Role.AUDITOR)

    listed = api.get("/api/v1/assessments/")
    created = api.post("/api/v1/assessments/", {"person": str(person.pk), "assessed_on": "2024-01-10", "adults": 1},
                       format="json")
    page = world_a.client(Role.AUDITOR).get(reverse("casework:assessment-create", kwargs={"person_pk": person.pk}))

    assert (listed.status_code, created.status_code, page.status_code) == (200, 403, 403)


def test_coordinator_sets_a_new_threshold_set_on_the_page(world_a):
    response = world_a.client(Role.COORDINATOR).post(reverse("casework:aid-rules"), {
        "scheme": "clothing", "effective_from": "2025-01-01", "validity_months": "12",
        **{f"limit_{size}": str(400 + 100 * size) for size in range(1, 7)}})

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        rows = AidThreshold.objects.filter(scheme="clothing", effective_from=datetime.date(2025, 1, 1))
        assert sorted(rows.values_list("household_size", "max_monthly_income")) == [
            (size, D(400 + 100 * size)) for size in range(1, 7)]


def test_threshold_page_shows_field_errors(world_a):
    response = world_a.client(Role.COORDINATOR).post(reverse("casework:aid-rules"), {
        "scheme": "clothing", "effective_from": "", "validity_months": "0", "limit_1": "-5"})

    form = response.context["form"]
    assert response.status_code == 200
    assert {"effective_from", "validity_months", "limit_1", "limit_2"} <= set(form.errors)


def test_social_worker_reads_thresholds_but_only_the_coordinator_sets_them(world_a):
    body = {"scheme": "grocery", "effective_from": "2025-02-01", "rows": [{"household_size": 1,
                                                                         "max_monthly_income": "450"}]}

    read = world_a.api(Role.SOCIAL_WORKER).get("/api/v1/aid-thresholds/", {"scheme": "grocery"})
    refused = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/aid-thresholds/", body, format="json")
    accepted = world_a.api(Role.COORDINATOR).post("/api/v1/aid-thresholds/", body, format="json")

    assert (read.status_code, refused.status_code, accepted.status_code) == (200, 403, 201)
    assert accepted.json()[0]["max_monthly_income"] == "450.00"


def test_api_refuses_a_threshold_set_with_bad_rows(world_a):
    response = world_a.api(Role.COORDINATOR).post("/api/v1/aid-thresholds/", {
        "scheme": "pantry", "effective_from": "2025-02-01",
        "rows": [{"household_size": 0, "max_monthly_income": "-1"}]}, format="json")

    assert response.status_code == 400
    assert {"scheme", "rows"} <= set(response.json())


def test_reference_loader_upserts_kea_rules_and_leaves_the_coordinators_thresholds(world_a, in_centre_a):
    aid_threshold_set(scheme="grocery", effective_from=datetime.date(2025, 3, 1), validity_months=6,
                      limits={1: D("480")}, by=world_a.coordinator)
    KeaRule.objects.filter(effective_from=datetime.date(2023, 12, 1)).update(minor=D("1"))
    thresholds_before = AidThreshold.objects.count()

    kea_rules_load()
    kea_rules_load()

    assert KeaRule.objects.count() == 2
    assert KeaRule.objects.get(effective_from=datetime.date(2023, 12, 1)).minor == D("54.00")
    assert "ΟΠΕΚΑ" in KeaRule.objects.get(effective_from=datetime.date(2023, 12, 1)).source
    assert AidThreshold.objects.count() == thresholds_before


def test_a_new_centre_starts_with_default_thresholds_for_both_schemes(world_b):
    with schema_context(world_b.centre.schema_name):
        schemes = set(AidThreshold.objects.values_list("scheme", flat=True))

    assert schemes == {"grocery", "clothing"}


def test_listing_assessments_in_the_api_logs_each_one_served(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
        assessment = _record(world_a, person)

    world_a.api(Role.AUDITOR).get("/api/v1/assessments/", {"person": str(person.pk)})

    with schema_context(world_a.centre.schema_name):
        assert AccessLog.objects.filter(object_id=assessment.pk, channel="api",
                                        user=world_a.users[Role.AUDITOR]).count() == 1


def test_assessment_page_starts_from_the_registered_household_members(world_a):
    with schema_context(world_a.centre.schema_name):
        head = HouseholdMemberFactory(person__birth_date=datetime.date(1980, 5, 1))
        HouseholdMemberFactory(household=head.household, relation="child",
                               person__birth_date=datetime.date.today().replace(year=datetime.date.today().year - 10))
        HouseholdMemberFactory(household=head.household, relation="child", person__birth_date=datetime.date(2001, 1, 1))

    response = world_a.client(Role.SOCIAL_WORKER).get(_create_page(head.person))

    form = response.context["form"]
    assert (form["adults"].initial, form["minors"].initial) == (2, 1)


def test_kea_rules_and_default_thresholds_have_their_own_ids_in_each_centre(world_a, world_b):
    """Reference rows are created in each centre, not copied from the centre template (a copy
    would repeat the same ids in every centre)."""
    ids = {}
    for world in (world_a, world_b):
        with schema_context(world.centre.schema_name):
            ids[world.centre.slug] = {*KeaRule.objects.values_list("pk", flat=True),
                                      *AidThreshold.objects.values_list("pk", flat=True)}

    assert ids["alpha"] and ids["beta"] and not ids["alpha"] & ids["beta"]


def test_income_lines_left_blank_on_the_page_are_skipped(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
    # What the browser sends: every line's select posts its first source, blank amounts stay blank.
    data = _page_data(("wages", "300"), ("wages", ""), ("wages", ""), ("wages", ""))

    response = world_a.client(Role.SOCIAL_WORKER).post(_create_page(person), data)

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        assert Assessment.objects.get(person=person).incomes.count() == 1
