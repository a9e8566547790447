"""Sites: every centre has its main office, records without a site get it (data migration and
services), the coordinator keeps branches and rooms, lists and the calendar filter by site."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from casework.factories import CaseFactory, PersonFactory
from casework.models import Case, ReceptionContact, Site
from casework.services import cases as case_services
from casework.services.sites import main_office, room_add, site_create
from platform_core.accounts.roles import Role

migration = importlib.import_module("casework.migrations.0003_sites_and_rooms")


def test_a_centre_has_its_main_office(in_centre_a):
    assert main_office().kind == Site.Kind.MAIN_OFFICE


def test_a_new_case_is_at_the_main_office_unless_told_otherwise(in_centre_a, coordinator, world_a):
    case = case_services.case_open(person=PersonFactory(), by=coordinator, assigned_worker=coordinator,
                                   needs=["socioeconomic"])
    assert case.site == main_office()


def test_the_data_migration_gives_existing_cases_the_main_office(in_centre_a, coordinator):
    case = CaseFactory(person=PersonFactory(), assigned_worker=coordinator)
    Case.objects.filter(pk=case.pk).update(site=None)

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.main_office_for_existing_records(apps, editor)

    case.refresh_from_db()
    assert case.site == main_office()


def test_a_second_main_office_is_refused(in_centre_a, coordinator):
    with pytest.raises(ValidationError) as error:
        site_create(by=coordinator, name="Δεύτερο γραφείο", kind=Site.Kind.MAIN_OFFICE)
    assert "kind" in error.value.message_dict


def test_a_room_name_is_unique_within_its_site(in_centre_a, coordinator):
    room_add(site=main_office(), by=coordinator, name="Αίθουσα Α")
    with pytest.raises(ValidationError):
        room_add(site=main_office(), by=coordinator, name="Αίθουσα Α")


def test_api_sites_lists_the_main_office_and_the_coordinator_adds_a_branch(world_a):
    api = world_a.api()
    created = api.post("/api/v1/sites/", {"name": "ΚΕΜ", "kind": "branch", "address": "Οδός 1"}, format="json")
    assert created.status_code == 201
    room = api.post(f"/api/v1/sites/{created.json()['id']}/rooms/", {"name": "Αίθουσα 2", "capacity": 12},
                    format="json")
    assert room.status_code == 201
    names = {row["name"] for row in api.get("/api/v1/sites/").json()["results"]}
    assert {"Κεντρικό γραφείο", "ΚΕΜ"} <= names


def test_reception_cannot_add_a_site(world_a):
    response = world_a.api(Role.RECEPTION).post("/api/v1/sites/", {"name": "Κινητή μονάδα", "kind": "mobile_unit"},
                                                format="json")
    assert response.status_code == 403


def test_the_programme_list_filters_by_site(world_a, make_programme, coordinator):
    branch = site_create(by=coordinator, name="Παράρτημα Ρομά", kind="branch")
    make_programme(title="Μαθήματα Η/Υ στο παράρτημα", site=branch)
    make_programme(title="Ομιλία στο κεντρικό")
    page = world_a.client().get(f"/programmes/?site={branch.pk}").content.decode()
    assert "Μαθήματα Η/Υ στο παράρτημα" in page
    assert "Ομιλία στο κεντρικό" not in page
    rows = world_a.api().get("/api/v1/programs/", {"site": str(branch.pk)}).json()["results"]
    assert [row["title"] for row in rows] == ["Μαθήματα Η/Υ στο παράρτημα"]
    assert set(rows[0]) >= {"id", "title", "kind", "capacity", "starts_on", "ends_on", "site", "status"}


def test_the_case_and_contact_lists_filter_by_site(world_a, coordinator, in_centre_a):
    branch = site_create(by=coordinator, name="ΚΕΜ Χανίων", kind="branch")
    at_branch = case_services.case_open(person=PersonFactory(), by=coordinator, assigned_worker=coordinator,
                                        needs=["socioeconomic"], site=branch)
    case_services.case_open(person=PersonFactory(), by=coordinator, assigned_worker=coordinator,
                            needs=["socioeconomic"])
    rows = world_a.api().get("/api/v1/cases/", {"site": str(branch.pk)}).json()["results"]
    assert [row["id"] for row in rows] == [str(at_branch.pk)]
    assert world_a.api().get("/api/v1/contacts/", {"site": str(branch.pk)}).json()["count"] == 0


def test_reception_records_a_contact_at_a_branch_and_the_day_list_filters_by_it(world_a, coordinator, in_centre_a):
    branch = site_create(by=coordinator, name="Παράρτημα Ρομά", kind="branch")
    at_branch, at_office = PersonFactory(), PersonFactory()
    client = world_a.client(Role.RECEPTION)
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    for person, site in ((at_branch, str(branch.pk)), (at_office, "")):
        response = client.post("/reception/", {"person": str(person.pk), "contacted_at": now, "channel": "in_person",
                                               "topic": "pensions", "outcome": "informed", "site": site})
        assert response.status_code == 302

    assert ReceptionContact.objects.get(person=at_branch).site == branch
    assert ReceptionContact.objects.get(person=at_office).site == main_office()
    page = client.get(f"/reception/?site={branch.pk}").content.decode()
    todays = page.split('id="todays-contacts"')[1]  # the day's table, not the person picker
    assert str(at_branch) in todays and str(at_office) not in todays


def test_a_case_opened_at_a_branch_is_found_by_the_case_list_site_filter(world_a, coordinator, in_centre_a):
    branch = site_create(by=coordinator, name="ΚΕΜ Χανίων", kind="branch")
    person = PersonFactory()
    client = world_a.client(Role.COORDINATOR)
    response = client.post(f"/people/{person.pk}/cases/new/", {
        "assigned_worker": str(coordinator.pk), "needs": ["socioeconomic"],
        "intake_date": timezone.localdate().isoformat(), "site": str(branch.pk)})
    assert response.status_code == 302
    case = Case.objects.get(person=person)
    assert case.site == branch
    other = case_services.case_open(person=PersonFactory(), by=coordinator, assigned_worker=coordinator,
                                    needs=["socioeconomic"])

    page = client.get(f"/cases/?worker=all&site={branch.pk}").content.decode()
    assert case.number in page and other.number not in page
