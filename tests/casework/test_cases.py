"""Cases (φάκελοι): numbering, status transitions and their history, caseloads, pages and API."""

import datetime
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import (
    HouseholdMemberFactory,
    PathwayGoalFactory,
    PathwayPlanFactory,
    PathwayStepFactory,
    PersonFactory,
)
from casework.models import AccessLog, Case, CaseEvent, CaseNumberSequence
from casework.services import cases as services
from platform_core.accounts.roles import Role


def _open(person, by, worker, **fields):
    return services.case_open(person=person, by=by, assigned_worker=worker, **({"needs": ["socioeconomic"]} | fields))


# --- Numbering ----------------------------------------------------------------------------------

def test_case_number_is_the_intake_year_and_the_next_number_of_the_centre(person, coordinator, worker):
    first = _open(person, coordinator, worker)
    second = _open(person, coordinator, worker)

    year, number = first.number.split("/")
    assert re.fullmatch(r"\d{4}/\d{4}", first.number) and year == str(timezone.localdate().year)
    assert second.number == f"{year}/{int(number) + 1:04d}"


def test_case_numbers_start_again_each_intake_year(person, coordinator, worker):
    # A year no other record of the test centres is in (intakes are not dated before 2016).
    case = _open(person, coordinator, worker, intake_date=datetime.date(2017, 3, 1))

    assert case.number == "2017/0001"


def test_a_refused_case_uses_no_number(person, coordinator, worker):
    with pytest.raises(ValidationError):
        _open(person, coordinator, worker, needs=[], intake_date=datetime.date(2018, 3, 1))

    assert not CaseNumberSequence.objects.filter(year=2018).exists()


def test_two_concurrent_intakes_get_distinct_consecutive_numbers(world_a):
    """Two connections take numbers at the same time; the second waits for the first's commit."""
    schema, year = world_a.centre.schema_name, 1999
    first_has_number, numbers, errors = threading.Event(), {}, []

    def take(name: str, hold_seconds: float) -> None:
        try:
            with schema_context(schema), transaction.atomic():
                numbers[name] = services.case_number_next(year=year)
                first_has_number.set()
                threading.Event().wait(hold_seconds)  # keep the row locked while the other asks
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=take, args=("first", 0.5))
    first.start()
    first_has_number.wait(5)
    second = threading.Thread(target=take, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)

    def cleanup() -> None:
        with schema_context(schema):
            CaseNumberSequence.objects.filter(year=year).delete()
        connection.close()

    cleaner = threading.Thread(target=cleanup)
    cleaner.start()
    cleaner.join(10)

    assert not errors
    first_n, second_n = (int(numbers[name].split("/")[1]) for name in ("first", "second"))
    assert second_n == first_n + 1


# --- Status transitions and history ------------------------------------------------------------

def test_hold_reopen_and_close_each_write_one_history_entry(case, coordinator):
    services.case_hold(case=case, by=coordinator, note="Ταξίδι στο εξωτερικό")
    services.case_reopen(case=case, by=coordinator)
    closed = services.case_close(case=case, by=coordinator, reason="goals_met", note="Βρήκε εργασία")

    history = [(e.kind, e.from_status, e.to_status, e.reason) for e in CaseEvent.objects.filter(case=case)]
    assert history == [
        ("opened", "", "open", ""), ("held", "open", "on_hold", ""), ("reopened", "on_hold", "open", ""),
        ("closed", "open", "closed", "goals_met"),
    ]
    assert closed.status == "closed" and closed.closed_reason == "goals_met" and closed.closed_at


def test_reopening_a_closed_case_clears_its_closing_reason(case, coordinator):
    services.case_close(case=case, by=coordinator, reason="moved")

    reopened = services.case_reopen(case=case, by=coordinator)

    assert reopened.status == "open" and reopened.closed_reason == "" and reopened.closed_at is None


@pytest.mark.parametrize(("setup", "action", "field"), [
    ([], lambda case, by: services.case_reopen(case=case, by=by), "status"),
    (["close"], lambda case, by: services.case_hold(case=case, by=by), "status"),
    (["hold"], lambda case, by: services.case_hold(case=case, by=by), "status"),
    (["close"], lambda case, by: services.case_close(case=case, by=by, reason="moved"), "status"),
    ([], lambda case, by: services.case_close(case=case, by=by, reason=""), "reason"),
    ([], lambda case, by: services.case_close(case=case, by=by, reason="bored"), "reason"),
    ([], lambda case, by: services.case_close(case=case, by=by, reason="other", note=""), "note"),
])
def test_invalid_transitions_are_refused_with_a_message_and_no_history(case, coordinator, setup, action, field):
    if "close" in setup:
        services.case_close(case=case, by=coordinator, reason="withdrew")
    if "hold" in setup:
        services.case_hold(case=case, by=coordinator)
    before = CaseEvent.objects.filter(case=case).count()

    with pytest.raises(ValidationError) as error:
        action(case, coordinator)

    assert field in error.value.message_dict and error.value.message_dict[field][0]
    assert CaseEvent.objects.filter(case=case).count() == before


def test_reassigning_records_the_new_worker_in_the_history(case, coordinator, psychologist):
    services.case_reassign(case=case, by=coordinator, assigned_worker=psychologist, note="Ψυχολογική στήριξη")

    event = CaseEvent.objects.filter(case=case).last()
    assert Case.objects.get(pk=case.pk).assigned_worker == psychologist
    assert (event.kind, event.assigned_worker, event.to_status) == ("reassigned", psychologist, "open")


def test_a_case_cannot_be_assigned_to_reception_staff(case, coordinator, world_a):
    with pytest.raises(ValidationError) as error:
        services.case_reassign(case=case, by=coordinator, assigned_worker=world_a.users[Role.RECEPTION])

    assert "assigned_worker" in error.value.message_dict


@pytest.mark.parametrize(("fields", "field"), [
    ({"needs": []}, "needs"),
    ({"needs": ["astrology"]}, "needs"),
    ({"intake_date": timezone.localdate() + datetime.timedelta(days=3)}, "intake_date"),
])
def test_opening_a_case_with_bad_input_is_refused_on_the_field(person, coordinator, worker, fields, field):
    with pytest.raises(ValidationError) as error:
        _open(person, coordinator, worker, **fields)

    assert field in error.value.message_dict


def test_a_case_takes_the_persons_household(in_centre_a, coordinator, worker):
    member = HouseholdMemberFactory()

    case = _open(member.person, coordinator, worker)

    assert case.household == member.household


# --- Pages ------------------------------------------------------------------------------------

def test_case_create_page_opens_a_case_and_shows_it(world_a, person, worker):
    client = world_a.client(Role.COORDINATOR)

    response = client.post(f"/people/{person.pk}/cases/new/", {
        "assigned_worker": str(worker.pk), "needs": ["employment", "housing"],
        "intake_date": timezone.localdate().isoformat(), "summary": "Στέγαση",
    })

    case = Case.objects.get(person=person)
    assert response.status_code == 302 and response.headers["Location"] == f"/cases/{case.pk}/"
    assert case.needs == ["employment", "housing"]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"needs": []}, "needs"),
    ({"assigned_worker": ""}, "assigned_worker"),
    ({"intake_date": "2999-01-01"}, "intake_date"),
    ({"intake_date": "not a date"}, "intake_date"),
])
def test_case_create_page_shows_the_fields_error(world_a, person, worker, overrides, field):
    data = {"assigned_worker": str(worker.pk), "needs": ["employment"],
            "intake_date": timezone.localdate().isoformat()} | overrides

    response = world_a.client(Role.COORDINATOR).post(f"/people/{person.pk}/cases/new/", data)

    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Case.objects.filter(person=person).exists()


def test_case_page_shows_history_and_logs_the_read(world_a, case):
    response = world_a.client(Role.SOCIAL_WORKER).get(f"/cases/{case.pk}/")

    assert response.status_code == 200 and case.number in response.content.decode()
    assert AccessLog.objects.filter(object_id=case.pk, user=world_a.users[Role.SOCIAL_WORKER], channel="ui").exists()


def test_closing_from_the_case_page_without_a_reason_shows_the_error(world_a, case):
    response = world_a.client(Role.SOCIAL_WORKER).post(f"/cases/{case.pk}/close/", {"reason": ""})

    assert response.status_code == 200 and "reason" in response.context["close_form"].errors
    assert Case.objects.get(pk=case.pk).status == "open"


def test_holding_from_the_case_page_changes_status_and_history(world_a, case):
    response = world_a.client(Role.SOCIAL_WORKER).post(f"/cases/{case.pk}/hold/", {"note": "Αναμονή"})

    assert response.status_code == 302 and Case.objects.get(pk=case.pk).status == "on_hold"


def test_reception_staff_cannot_change_a_cases_status(world_a, case):
    response = world_a.client(Role.RECEPTION).post(f"/cases/{case.pk}/hold/", {})

    assert response.status_code == 403


def test_case_list_shows_by_default_the_signed_in_workers_open_cases(world_a, in_centre_a, coordinator, worker):
    mine = _open(PersonFactory(), coordinator, worker)
    held = services.case_hold(case=_open(PersonFactory(), coordinator, worker), by=coordinator)
    theirs = _open(PersonFactory(), coordinator, world_a.users[Role.PSYCHOLOGIST])

    shown = list(world_a.client(Role.SOCIAL_WORKER).get("/cases/").context["cases"])

    assert mine in shown and held not in shown and theirs not in shown


def test_case_list_filters_by_need_status_and_worker(world_a, in_centre_a, coordinator, worker):
    housing = _open(PersonFactory(), coordinator, worker, needs=["housing"])
    other = _open(PersonFactory(), coordinator, worker, needs=["legal"])

    shown = list(world_a.client(Role.COORDINATOR).get(
        f"/cases/?need=housing&status=open&worker={worker.pk}").context["cases"])

    assert housing in shown and other not in shown


def test_caseload_counts_open_and_on_hold_cases_and_overdue_steps_per_worker(world_a, in_centre_a, coordinator,
                                                                              worker, psychologist):
    for _ in range(3):
        _open(PersonFactory(), coordinator, worker)
    services.case_hold(case=_open(PersonFactory(), coordinator, worker), by=coordinator)
    case = _open(PersonFactory(), coordinator, psychologist)
    goal = PathwayGoalFactory(plan=PathwayPlanFactory(case=case))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PathwayStepFactory(goal=goal, owner=worker, due_date=yesterday)
    PathwayStepFactory(goal=goal, owner=worker, due_date=yesterday, state="done")
    PathwayStepFactory(goal=goal, owner=worker, due_date=timezone.localdate())

    rows = {user.pk: user for user in world_a.client(Role.COORDINATOR).get("/cases/caseload/").context["workers"]}

    # Centre A's fixture data (conftest) gives the social worker one open case already.
    baseline = Case.objects.filter(assigned_worker=worker, status="open").count() - 3
    assert (rows[worker.pk].open_cases, rows[worker.pk].on_hold_cases) == (3 + baseline, 1)
    assert rows[worker.pk].overdue_steps == 1
    assert (rows[psychologist.pk].open_cases, rows[psychologist.pk].overdue_steps) == (1, 0)
    assert world_a.users[Role.RECEPTION].pk not in rows


# --- API --------------------------------------------------------------------------------------

def test_cases_api_opens_a_case(world_a, person, worker):
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/cases/", {
        "person": str(person.pk), "assigned_worker": str(worker.pk), "needs": ["mental_health"],
    }, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "open" and re.fullmatch(r"\d{4}/\d{4}", response.json()["number"])


@pytest.mark.parametrize(("overrides", "field"), [
    ({"needs": []}, "needs"),
    ({"needs": ["astrology"]}, "needs"),
    ({"assigned_worker": None}, "assigned_worker"),
    ({"intake_date": "2999-01-01"}, "intake_date"),
    ({"person": "00000000-0000-0000-0000-000000000000"}, "person"),
])
def test_cases_api_refuses_bad_input_with_the_fields_error(world_a, person, worker, overrides, field):
    payload = {"person": str(person.pk), "assigned_worker": str(worker.pk), "needs": ["other"]} | overrides

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/cases/", payload, format="json")

    assert response.status_code == 400 and field in response.json(), response.content


def test_cases_api_refuses_reception_staff_opening_a_case(world_a, person, worker):
    response = world_a.api(Role.RECEPTION).post("/api/v1/cases/", {
        "person": str(person.pk), "assigned_worker": str(worker.pk), "needs": ["other"]}, format="json")

    assert response.status_code == 403


def test_cases_api_filters_my_cases_by_status_and_need(world_a, in_centre_a, coordinator, worker):
    housing = _open(PersonFactory(), coordinator, worker, needs=["housing"])
    _open(PersonFactory(), coordinator, worker, needs=["legal"])

    rows = world_a.api(Role.SOCIAL_WORKER).get("/api/v1/cases/?worker=me&status=open&need=housing").json()

    assert [row["id"] for row in rows["results"]] == [str(housing.pk)]


def test_cases_api_status_endpoint_closes_with_reason_and_refuses_without(world_a, case):
    api = world_a.api(Role.SOCIAL_WORKER)

    refused = api.post(f"/api/v1/cases/{case.pk}/status/", {"action": "close"}, format="json")
    closed = api.post(f"/api/v1/cases/{case.pk}/status/", {"action": "close", "reason": "referred"}, format="json")
    again = api.post(f"/api/v1/cases/{case.pk}/status/", {"action": "hold"}, format="json")

    assert refused.status_code == 400 and "reason" in refused.json()
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert again.status_code == 400 and "status" in again.json()


def test_cases_api_patch_reassigns_and_updates_needs_with_history(world_a, case, psychologist):
    response = world_a.api(Role.COORDINATOR).patch(f"/api/v1/cases/{case.pk}/", {
        "assigned_worker": str(psychologist.pk), "needs": ["mental_health"], "summary": "Νέα περιγραφή"},
        format="json")
    events = world_a.api(Role.COORDINATOR).get(f"/api/v1/cases/{case.pk}/events/").json()

    assert response.status_code == 200, response.content
    assert response.json()["assigned_worker"] == str(psychologist.pk)
    assert response.json()["needs"] == ["mental_health"]
    assert [event["kind"] for event in events["results"]] == ["opened", "reassigned"]


def test_cases_api_patch_refuses_empty_needs(world_a, case):
    response = world_a.api(Role.COORDINATOR).patch(f"/api/v1/cases/{case.pk}/", {"needs": []}, format="json")

    assert response.status_code == 400 and "needs" in response.json()


def test_cases_api_detail_logs_the_read(world_a, case):
    response = world_a.api(Role.AUDITOR).get(f"/api/v1/cases/{case.pk}/")

    assert response.status_code == 200
    assert AccessLog.objects.filter(object_id=case.pk, user=world_a.users[Role.AUDITOR], channel="api").exists()


def test_a_closed_case_keeps_its_needs_and_summary(case, coordinator):
    services.case_close(case=case, by=coordinator, reason="moved")

    with pytest.raises(ValidationError) as error:
        services.case_update(case=case, by=coordinator, summary="Αλλαγή")

    assert "status" in error.value.message_dict
