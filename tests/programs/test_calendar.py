"""The calendar: a week or a day, per staff member, per site or the whole centre, sessions and
appointments together, in a fixed number of queries; "my day" on the home page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.factories import PersonFactory
from casework.models import AccessLog
from casework.services.sites import site_create
from platform_core.accounts.roles import Role
from programs.services.appointments import appointment_book
from programs.services.sessions import session_add

from .conftest import at, next_weekday


def _fill(*, programme, coordinator, staff, day, count: int) -> None:
    for n in range(count):
        session_add(programme=programme, by=coordinator, starts_at=at(day, 8 + n, 0), ends_at=at(day, 8 + n, 30))
        appointment_book(by=coordinator, person=PersonFactory(), staff=staff, starts_at=at(day, 8 + n, 30),
                         ends_at=at(day, 9 + n, 0), purpose=f"Ραντεβού {n}")


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_week_shows_sessions_and_appointments_together(world_a, programme, coordinator, worker):
    day = next_weekday(2)
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day, count=1)
    page = world_a.client().get(f"/calendar/?date={day}").content.decode()
    assert "Βιωματικό σεμινάριο" in page
    assert "Ραντεβού 0" in page


def test_the_whole_centre_week_costs_the_same_queries_for_two_events_as_for_twenty(world_a, programme, coordinator,
                                                                                  worker):
    day = next_weekday(2)
    client = world_a.client()
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day, count=1)
    few = _queries(client, f"/calendar/?date={day}")
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day + datetime.timedelta(days=1), count=10)
    assert _queries(client, f"/calendar/?date={day}") == few


def test_one_staff_members_day_shows_only_theirs(world_a, programme, coordinator, worker, psychologist):
    day = next_weekday(3)
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day, count=1)
    page = world_a.client().get(f"/calendar/?view=day&date={day}&staff={worker.pk}").content.decode()
    assert "Ραντεβού 0" in page
    assert "Βιωματικό σεμινάριο" not in page  # the psychologist's session


def test_a_sites_calendar_shows_only_that_site(world_a, make_programme, coordinator):
    branch = site_create(by=coordinator, name="Παράρτημα Ρομά", kind="branch")
    day = next_weekday(4)
    at_branch = make_programme(title="Μαθήματα Η/Υ", site=branch, facilitators=[])
    elsewhere = make_programme(title="Ομιλία για το ΕΕΕ", facilitators=[])
    for programme in (at_branch, elsewhere):
        session_add(programme=programme, by=coordinator, starts_at=at(day, 10), ends_at=at(day, 11))
    page = world_a.client().get(f"/calendar/?date={day}&site={branch.pk}").content.decode()
    assert "Μαθήματα Η/Υ" in page
    assert "Ομιλία για το ΕΕΕ" not in page


def test_the_calendar_logs_that_the_people_of_its_appointments_were_seen(world_a, programme, coordinator, worker):
    day = next_weekday(2)
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day, count=1)
    world_a.client().get(f"/calendar/?date={day}")
    assert AccessLog.objects.filter(object_type="appointment", user=coordinator).count() == 1


@pytest.mark.parametrize("path", ["/api/v1/sessions/", "/api/v1/appointments/", "/api/v1/programs/",
                                  "/api/v1/enrolments/", "/programmes/"])
def test_a_list_costs_the_same_queries_for_two_rows_as_for_twenty(world_a, programme, coordinator, worker, path):
    from programs.services.enrolments import enrolment_create

    client = world_a.client() if not path.startswith("/api/") else world_a.api()
    day = next_weekday(2)
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day, count=1)
    enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    few = _queries(client, path)
    _fill(programme=programme, coordinator=coordinator, staff=worker, day=day + datetime.timedelta(days=1), count=10)
    for _n in range(5):
        enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    assert _queries(client, path) == few


def test_my_day_on_the_home_page(world_a, make_programme, coordinator, worker):
    from django.utils import timezone

    programme = make_programme(facilitators=[worker])
    now = timezone.localtime()
    start = now.replace(hour=23, minute=0, second=0, microsecond=0)
    session_add(programme=programme, by=coordinator, starts_at=start, ends_at=start + datetime.timedelta(minutes=30))
    page = world_a.client(Role.SOCIAL_WORKER).get("/").content.decode()
    assert 'data-testid="my-day"' in page
    assert "Βιωματικό σεμινάριο" in page
