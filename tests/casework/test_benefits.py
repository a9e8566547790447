"""Benefit applications (ΚΕΑ/ΕΕΕ and others): create, submit (renewal due in six months), decide,
renew; invalid steps refused with a clear message in services, pages and the API."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import BenefitApplicationFactory, HouseholdMemberFactory, PersonFactory
from casework.models import BenefitApplication
from casework.services.aid import benefit_create, benefit_decide, benefit_renew, benefit_submit
from casework.services.assessments import assessment_record
from platform_core.accounts.roles import Role

Status = BenefitApplication.Status


@pytest.fixture
def worker(world_a):
    return world_a.users[Role.SOCIAL_WORKER]


def _submitted(worker, *, on=datetime.date(2026, 8, 31), kind=BenefitApplication.Kind.KEA):
    application = benefit_create(person=PersonFactory(), by=worker, kind=kind)
    return benefit_submit(application=application, by=worker, submitted_on=on)


def test_a_new_application_is_a_draft_of_the_persons_household(worker, in_centre_a):
    member = HouseholdMemberFactory()

    application = benefit_create(person=member.person, by=worker)

    assert (application.status, application.household, application.submitted_on) == (Status.DRAFT, member.household,
                                                                                      None)


def test_submitting_a_kea_application_sets_renewal_six_months_later(worker, in_centre_a):
    application = _submitted(worker, on=datetime.date(2026, 8, 31))

    # 31 Aug + 6 months → 28 Feb (no 31 Feb).
    assert (application.status, application.renewal_due) == (Status.SUBMITTED, datetime.date(2027, 2, 28))


def test_other_benefits_have_no_renewal_date(worker, in_centre_a):
    application = _submitted(worker, kind=BenefitApplication.Kind.HOUSING)

    assert application.renewal_due is None


def test_approval_of_a_kea_application_needs_the_monthly_amount(worker, in_centre_a):
    application = _submitted(worker)

    with pytest.raises(ValidationError) as exc:
        benefit_decide(application=application, by=worker, approved=True, decided_on=datetime.date(2026, 9, 15))

    assert "monthly_amount" in exc.value.message_dict


def test_approval_records_the_amount_and_keeps_the_renewal_date(worker, in_centre_a):
    application = benefit_decide(application=_submitted(worker), by=worker, approved=True,
                                 decided_on=datetime.date(2026, 9, 15), monthly_amount=Decimal("282"))

    assert (application.status, application.monthly_amount) == (Status.APPROVED, Decimal("282"))
    assert application.renewal_due == datetime.date(2027, 2, 28)


def test_rejection_clears_the_renewal_date(worker, in_centre_a):
    application = benefit_decide(application=_submitted(worker), by=worker, approved=False,
                                 decided_on=datetime.date(2026, 9, 15))

    assert (application.status, application.renewal_due, application.monthly_amount) == (Status.REJECTED, None, None)


def test_a_decision_before_the_submission_is_refused(worker, in_centre_a):
    with pytest.raises(ValidationError) as exc:
        benefit_decide(application=_submitted(worker), by=worker, approved=False, decided_on=datetime.date(2026, 1, 1))

    assert "decided_on" in exc.value.message_dict


def test_deciding_a_draft_is_refused_with_its_status(worker, in_centre_a):
    draft = benefit_create(person=PersonFactory(), by=worker)

    with pytest.raises(ValidationError) as exc:
        benefit_decide(application=draft, by=worker, approved=True, decided_on=datetime.date(2026, 9, 1),
                       monthly_amount=Decimal("10"))

    assert "Σε προετοιμασία" in exc.value.message_dict["status"][0]


def test_submitting_twice_is_refused(worker, in_centre_a):
    application = _submitted(worker)

    with pytest.raises(ValidationError) as exc:
        benefit_submit(application=application, by=worker, submitted_on=datetime.date(2026, 9, 1))

    assert "status" in exc.value.message_dict


def test_renewal_replaces_an_approved_kea_application_with_a_new_submitted_one(worker, in_centre_a):
    approved = benefit_decide(application=_submitted(worker, on=datetime.date(2026, 3, 2)), by=worker,
                              approved=True, decided_on=datetime.date(2026, 3, 20), monthly_amount=Decimal("282"))

    renewal = benefit_renew(application=approved, by=worker, submitted_on=datetime.date(2026, 8, 25))

    approved.refresh_from_db()
    assert approved.status == Status.EXPIRED
    assert (renewal.status, renewal.submitted_on, renewal.renewal_due) == (
        Status.SUBMITTED, datetime.date(2026, 8, 25), datetime.date(2027, 2, 25))


def test_renewing_a_rejected_application_is_refused(worker, in_centre_a):
    rejected = benefit_decide(application=_submitted(worker), by=worker, approved=False,
                              decided_on=datetime.date(2026, 9, 15))

    with pytest.raises(ValidationError) as exc:
        benefit_renew(application=rejected, by=worker, submitted_on=datetime.date(2026, 10, 1))

    assert "status" in exc.value.message_dict


def test_benefit_list_highlights_renewals_due_within_thirty_days(world_a, worker):
    today = timezone.localdate()
    with schema_context(world_a.centre.schema_name):
        soon = BenefitApplicationFactory(handled_by=worker, status=Status.APPROVED, reference_number="SOON-1",
                                         submitted_on=today, renewal_due=today + datetime.timedelta(days=20))
        later = BenefitApplicationFactory(handled_by=worker, status=Status.APPROVED, reference_number="LATER-1",
                                          submitted_on=today, renewal_due=today + datetime.timedelta(days=90))

    response = world_a.client(Role.SOCIAL_WORKER).get(reverse("casework:benefit-list"), {"status": "approved"})

    rows = {row["application"].pk: row["renewal_soon"] for row in response.context["applications"]}
    assert (rows[soon.pk], rows[later.pk]) == (True, False)
    assert "<mark>" in response.content.decode()


def test_benefit_list_filters_by_status_and_kind(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        draft = BenefitApplicationFactory(handled_by=worker, kind=BenefitApplication.Kind.CHILD)
        BenefitApplicationFactory(handled_by=worker, kind=BenefitApplication.Kind.KEA)

    response = world_a.client(Role.SOCIAL_WORKER).get(reverse("casework:benefit-list"),
                                                      {"status": "draft", "kind": "child"})

    assert [row["application"].pk for row in response.context["applications"]] == [draft.pk]


def test_reception_sees_the_aid_rounds_but_not_the_applications_on_the_benefits_page(world_a):
    response = world_a.client(Role.RECEPTION).get(reverse("casework:benefit-list"))

    assert response.status_code == 200
    assert not response.context["can_benefits"] and response.context["can_rounds"]


def test_benefit_page_creates_an_application_and_submits_it(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
    client = world_a.client(Role.SOCIAL_WORKER)

    created = client.post(reverse("casework:benefit-create", kwargs={"person_pk": person.pk}),
                          {"kind": "kea", "reference_number": "", "notes": ""})
    with schema_context(world_a.centre.schema_name):
        application = BenefitApplication.objects.get(person=person)
    submitted = client.post(reverse("casework:benefit-transition", kwargs={"pk": application.pk}),
                            {"action": "submit", "submit-on": "2026-08-31", "submit-reference_number": "ΚΕΑ-77"},
                            follow=True)

    assert created.status_code == 302
    assert submitted.context["application"].status == Status.SUBMITTED
    assert submitted.context["application"].renewal_due == datetime.date(2027, 2, 28)


def test_benefit_page_shows_field_errors(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    response = world_a.client(Role.SOCIAL_WORKER).post(
        reverse("casework:benefit-create", kwargs={"person_pk": person.pk}), {"kind": "lottery"})

    assert response.status_code == 200 and response.context["form"].errors["kind"]


def test_benefit_page_refuses_an_invalid_step_with_a_message(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        draft = benefit_create(person=PersonFactory(), by=worker)

    response = world_a.client(Role.SOCIAL_WORKER).post(
        reverse("casework:benefit-transition", kwargs={"pk": draft.pk}),
        {"action": "approve", "approve-on": "2026-08-31", "approve-monthly_amount": "100"}, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any("Σε προετοιμασία" in message for message in messages)
    assert response.context["application"].status == Status.DRAFT


def test_api_creates_lists_and_moves_an_application_through_its_lifecycle(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
    api = world_a.api(Role.SOCIAL_WORKER)

    created = api.post("/api/v1/benefit-applications/", {"person": str(person.pk), "kind": "kea"}, format="json")
    pk = created.json()["id"]
    submitted = api.post(f"/api/v1/benefit-applications/{pk}/transition/",
                         {"action": "submit", "on": "2026-08-31"}, format="json")
    approved = api.post(f"/api/v1/benefit-applications/{pk}/transition/",
                        {"action": "approve", "on": "2026-09-15", "monthly_amount": "282.00"}, format="json")
    listed = api.get("/api/v1/benefit-applications/", {"status": "approved", "person": str(person.pk)})

    assert (created.status_code, submitted.status_code, approved.status_code) == (201, 200, 200)
    assert submitted.json()["renewal_due"] == "2027-02-28"
    assert [row["id"] for row in listed.json()["results"]] == [pk]


def test_api_refuses_an_invalid_step_with_400_and_the_reason(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        draft = benefit_create(person=PersonFactory(), by=worker)

    response = world_a.api(Role.SOCIAL_WORKER).post(f"/api/v1/benefit-applications/{draft.pk}/transition/",
                                                    {"action": "renew", "on": "2026-08-31"}, format="json")

    assert response.status_code == 400
    assert "status" in response.json()


def test_api_reports_benefit_errors_per_field(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        draft = benefit_create(person=PersonFactory(), by=worker)
    api = world_a.api(Role.SOCIAL_WORKER)

    created = api.post("/api/v1/benefit-applications/", {"kind": "lottery"}, format="json")
    moved = api.post(f"/api/v1/benefit-applications/{draft.pk}/transition/",
                     {"action": "fly", "on": "yesterday", "monthly_amount": "-1"}, format="json")

    assert created.status_code == 400 and {"person", "kind"} <= set(created.json())
    assert moved.status_code == 400 and {"action", "on", "monthly_amount"} <= set(moved.json())


def test_api_lists_renewals_due_before_a_date(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        due = _submitted(worker, on=datetime.date(2026, 1, 10))
        _submitted(worker, on=datetime.date(2026, 6, 10))

    response = world_a.api(Role.AUDITOR).get("/api/v1/benefit-applications/",
                                             {"renewal_due_before": "2026-07-31", "status": "submitted"})

    assert str(due.pk) in [row["id"] for row in response.json()["results"]]
    assert all(row["renewal_due"] <= "2026-07-31" for row in response.json()["results"])


def test_auditor_reads_applications_but_cannot_change_them(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        draft = benefit_create(person=PersonFactory(), by=worker)
    api = world_a.api(Role.AUDITOR)

    read = api.get(f"/api/v1/benefit-applications/{draft.pk}/")
    moved = api.post(f"/api/v1/benefit-applications/{draft.pk}/transition/", {"action": "submit", "on": "2026-08-31"},
                     format="json")
    page = world_a.client(Role.AUDITOR).post(reverse("casework:benefit-transition", kwargs={"pk": draft.pk}),
                                             {"action": "submit", "submit-on": "2026-08-31"})

    assert (read.status_code, moved.status_code, page.status_code) == (200, 403, 403)


def test_reception_cannot_read_benefit_applications(world_a):
    assert world_a.api(Role.RECEPTION).get("/api/v1/benefit-applications/").status_code == 403


def test_approval_form_starts_from_the_benefit_the_assessment_computed(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
        assessment = assessment_record(person=person, by=worker, assessed_on=datetime.date(2026, 5, 31), adults=1,
                                       incomes=[("pension", Decimal("100"))])
        application = benefit_submit(application=benefit_create(person=person, by=worker, assessment=assessment),
                                     by=worker, submitted_on=datetime.date(2026, 6, 1))

    response = world_a.client(Role.SOCIAL_WORKER).get(reverse("casework:benefit-detail", kwargs={"pk": application.pk}))

    approve = next(step["form"] for step in response.context["transitions"] if step["action"] == "approve")
    # 216 − 100 = 116.
    assert approve.initial["monthly_amount"] == "116.00"


def test_benefit_step_without_a_date_is_refused_with_the_fields_message(world_a, worker):
    with schema_context(world_a.centre.schema_name):
        draft = benefit_create(person=PersonFactory(), by=worker)

    response = world_a.client(Role.SOCIAL_WORKER).post(
        reverse("casework:benefit-transition", kwargs={"pk": draft.pk}), {"action": "submit", "submit-on": ""},
        follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("Ημερομηνία") for message in messages)
    assert response.context["application"].status == Status.DRAFT


# --- renewal wording: right for a past, today's and a future date ------------------------------


@pytest.mark.parametrize(("days", "mark"), [
    (-3, "εκπρόθεσμη ανανέωση"), (0, "ανανέωση σήμερα"), (1, "ανανέωση σε 1 ημέρα"), (12, "ανανέωση σε 12 ημέρες"),
])
def test_benefit_list_words_the_renewal_for_its_side_of_today(world_a, worker, days, mark):
    today = timezone.localdate()
    with schema_context(world_a.centre.schema_name):
        BenefitApplicationFactory(handled_by=worker, status=Status.APPROVED, reference_number="WORDING-1",
                                  submitted_on=today - datetime.timedelta(days=200),
                                  renewal_due=today + datetime.timedelta(days=days))

    page = world_a.client(Role.SOCIAL_WORKER).get(reverse("casework:benefit-list"), {"status": "approved"})

    assert f" · {mark}</mark>" in page.content.decode()


def test_a_future_renewal_is_not_called_expired_on_the_timeline(world_a, worker):
    from casework.timeline import person_timeline

    today = timezone.localdate()
    with schema_context(world_a.centre.schema_name):
        future = BenefitApplicationFactory(handled_by=worker, status=Status.APPROVED, submitted_on=today,
                                           renewal_due=today + datetime.timedelta(days=90))
        past = BenefitApplicationFactory(handled_by=worker, status=Status.APPROVED, person=future.person,
                                         submitted_on=today - datetime.timedelta(days=200),
                                         renewal_due=today - datetime.timedelta(days=5))
        entries = person_timeline(person=future.person, household=None, user=worker)

    titles = {entry.at.date(): entry.title for entry in entries if entry.kind == "benefit"}
    assert "λήγει, ανανέωση έως αυτή την ημέρα" in titles[future.renewal_due]
    assert "έληξε" not in titles[future.renewal_due]
    assert "έληξε, απαιτείται ανανέωση" in titles[past.renewal_due]


def test_the_person_summary_says_an_overdue_renewal_is_overdue(world_a, worker):
    from casework.selectors.aid import benefit_summary

    today = timezone.localdate()
    with schema_context(world_a.centre.schema_name):
        overdue = BenefitApplicationFactory(handled_by=worker, status=Status.APPROVED,
                                            submitted_on=today - datetime.timedelta(days=200),
                                            renewal_due=today - datetime.timedelta(days=5))
        [fact] = benefit_summary(person=overdue.person, household=None, user=worker)

    assert fact.lines[0].detail.startswith("εκπρόθεσμη ανανέωση, έως ")
