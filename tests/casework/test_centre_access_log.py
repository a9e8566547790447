"""The coordinator's audit view: the centre's whole access log (page and API), filtered by staff
member, person, dates and action, only the coordinator's, only the centre's own rows, and not
itself logged as reads of every listed person."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from casework.models import AccessLog
from casework.services.access import access_record
from platform_core.accounts.roles import Role
from tests.conftest import LEAK_MARKER


@pytest.fixture
def reads(world_a):
    """Two people of centre A, read by a social worker and a psychologist; one read ten days ago."""
    with schema_context(world_a.centre.schema_name):
        maria, nikos = PersonFactory(first_name="Μαρία", last_name="Αυδίτη"), PersonFactory(
            first_name="Νίκος", last_name="Ελεγκτάκης")
        worker, psychologist = world_a.users[Role.SOCIAL_WORKER], world_a.users[Role.PSYCHOLOGIST]
        old = access_record(user=worker, person=maria)
        AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=10))
        access_record(user=worker, person=nikos, action=AccessLog.Action.EXPORT)
        access_record(user=psychologist, person=nikos)
    return {"maria": maria, "nikos": nikos, "worker": worker, "psychologist": psychologist}


def _rows(response) -> list[tuple]:
    return [(entry.user_id, entry.person_id) for entry in response.context["page"]]


def test_the_page_lists_who_read_whose_record_newest_first_with_a_link_to_the_person(world_a, reads):
    response = world_a.client().get("/access-log/")
    page = response.content.decode()

    rows = _rows(response)
    assert rows[:2] == [(reads["psychologist"].pk, reads["nikos"].pk), (reads["worker"].pk, reads["nikos"].pk)]
    assert (reads["worker"].pk, reads["maria"].pk) in rows[2:]  # ten days old
    assert f'href="/people/{reads["maria"].pk}/"' in page and "Μαρία Αυδίτη" in page
    assert reads["psychologist"].get_full_name() in page and "Εξαγωγή" in page


def test_filtering_by_staff_member_keeps_only_their_reads(world_a, reads):
    response = world_a.client().get(f"/access-log/?user={reads['psychologist'].pk}")

    assert _rows(response) == [(reads["psychologist"].pk, reads["nikos"].pk)]


def test_filtering_by_person_keeps_only_the_reads_of_their_record(world_a, reads):
    response = world_a.client().get(f"/access-log/?person={reads['maria'].pk}")

    assert _rows(response) == [(reads["worker"].pk, reads["maria"].pk)]


def test_filtering_by_dates_keeps_the_reads_of_those_days(world_a, reads):
    today = timezone.localdate()
    recent = world_a.client().get(f"/access-log/?date_from={today.isoformat()}&person={reads['nikos'].pk}")
    old_day = (today - datetime.timedelta(days=10)).isoformat()
    old = world_a.client().get(f"/access-log/?date_from={old_day}&date_to={old_day}")

    assert len(_rows(recent)) == 2
    assert _rows(old) == [(reads["worker"].pk, reads["maria"].pk)]


def test_filtering_by_action_keeps_that_action(world_a, reads):
    response = world_a.client().get("/access-log/?action=export")

    assert _rows(response) == [(reads["worker"].pk, reads["nikos"].pk)]


def test_the_posted_filter_form_redirects_to_ids_only_never_the_typed_name(world_a, reads):
    response = world_a.client().post("/access-log/", {
        "user": str(reads["worker"].pk), "person": str(reads["nikos"].pk), "person_q": "Ελεγκτάκης"})

    assert response.status_code == 302
    assert response["Location"] == f"/access-log/?user={reads['worker'].pk}&person={reads['nikos'].pk}"


def test_the_no_javascript_person_search_offers_the_people_found(world_a, reads):
    response = world_a.client().post("/access-log/", {"person_q": "Ελεγκτάκης", "person_find": "1"})

    assert response.status_code == 200
    assert f'value="{reads["nikos"].pk}"' in response.content.decode()


def test_a_bad_filter_value_is_a_form_error(world_a):
    response = world_a.client().get("/access-log/?date_from=yesterday")

    assert response.status_code == 400
    assert response.context["filter_form"].errors["date_from"]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.RECEPTION, Role.AUDITOR])
def test_only_the_coordinator_sees_the_centres_access_log(world_a, role):
    assert world_a.client(role).get("/access-log/").status_code == 403
    assert world_a.api(role).get("/api/v1/access-log/").status_code == 403


def test_the_api_returns_the_same_rows_as_the_page(world_a, reads):
    query = f"?user={reads['worker'].pk}"
    page_rows = _rows(world_a.client().get(f"/access-log/{query}"))

    body = world_a.api().get(f"/api/v1/access-log/{query}").json()

    assert [(row["user"], row["person"]) for row in body["results"]] == [
        (str(user), str(person)) for user, person in page_rows]
    assert body["results"][0]["person_name"] == "Νίκος Ελεγκτάκης" and body["results"][0]["action"] == "export"


def test_the_api_refuses_a_bad_filter_with_the_field_named(world_a):
    response = world_a.api().get("/api/v1/access-log/?person=not-an-id")

    assert response.status_code == 400 and "person" in response.json()


def test_reading_the_audit_view_logs_no_reads_of_the_people_listed(world_a, reads):
    with schema_context(world_a.centre.schema_name):
        before = AccessLog.objects.count()

    world_a.client().get("/access-log/")
    world_a.api().get("/api/v1/access-log/")

    with schema_context(world_a.centre.schema_name):
        assert AccessLog.objects.count() == before


def test_the_other_centres_reads_never_appear(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        b_person = PersonFactory(last_name=f"Βήτα{LEAK_MARKER}")
        access_record(user=world_b.coordinator, person=b_person)

    page = world_a.client().get("/access-log/").content.decode()
    api = world_a.api().get("/api/v1/access-log/").content.decode()
    by_id = world_a.client().get(f"/access-log/?person={b_person.pk}")

    assert LEAK_MARKER not in page and LEAK_MARKER not in api
    assert by_id.status_code == 400


def test_the_staff_page_leads_the_coordinator_to_the_audit_view(world_a):
    # Not in the menu: its fifteen entries would no longer fit one row at 1280 px.
    assert 'href="/access-log/"' in world_a.client().get("/staff/").content.decode()
    assert 'href="/access-log/"' not in world_a.client(Role.AUDITOR).get("/staff/").content.decode()


def test_the_filter_form_shows_the_chosen_filters_again_without_a_new_person_link(world_a, reads):
    today = timezone.localdate().isoformat()
    page = world_a.client().get(f"/access-log/?date_from={today}&person={reads['nikos'].pk}").content.decode()

    assert f'value="{today}"' in page
    assert f'value="{reads["nikos"].pk}" checked' in page
    assert 'href="/people/new/"' not in page


@pytest.mark.parametrize("path", ["/access-log/", "/api/v1/access-log/"])
def test_the_audit_view_costs_the_same_queries_for_two_rows_as_for_twelve(world_a, path):
    client = world_a.api() if path.startswith("/api/") else world_a.client()

    def add(count):
        with schema_context(world_a.centre.schema_name):
            for _ in range(count):
                access_record(user=world_a.users[Role.AUDITOR], person=PersonFactory())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(10)

    assert queries() == few
