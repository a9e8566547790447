"""The operator's health view: per centre its status, staff, people, open cases, storage,
reminders, last export, drill and rollup — counts only, sortable, from a snapshot whose page costs
the same queries for 2 centres as for 4; each centre's page reads its figures now."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from casework.models import Case, Person
from tenants.health import centre_health_refresh, centre_health_rows
from tenants.models import CentreHealth
from tenants.services import centre_create
from tests.conftest import LEAK_MARKER


@pytest.fixture
def operator_client(public_world):
    return public_world.client(public_world.operator)


def _people(centre) -> int:
    with schema_context(centre.schema_name):
        return Person.objects.count()


def test_the_snapshot_holds_each_centres_counts_and_sizes(centre_a, centre_b):
    centre_health_refresh()

    health = CentreHealth.objects.get(centre=centre_a)
    with schema_context(centre_a.schema_name):
        open_cases = Case.objects.filter(status="open").count()
    assert health.figures["people"] == _people(centre_a)
    assert health.figures["open_cases"] == open_cases
    assert health.figures["staff_accounts"] >= 5
    assert health.figures["reminders_queued"] == 1
    assert health.schema_bytes > 0 and health.media_bytes > 0
    assert health.last_staff_login is None or health.last_staff_login.tzinfo


def test_the_console_lists_counts_without_any_personal_data(operator_client, centre_a, centre_b):
    centre_health_refresh()

    page = operator_client.get("/operator/").content.decode()

    assert 'data-testid="centre-health"' in page
    assert f">{_people(centre_a)}<" in page
    assert "Δοκιμαστική" not in page and "Ελένη" not in page


def test_the_console_sorts_by_any_column(operator_client, centre_a, centre_b):
    centre_health_refresh()
    with schema_context(centre_b.schema_name):
        from casework.factories import PersonFactory

        PersonFactory.create_batch(3)
    centre_health_refresh()

    descending = operator_client.get("/operator/?sort=-people").context["rows"]
    ascending = operator_client.get("/operator/?sort=people").context["rows"]

    assert [row.centre for row in descending][:1] == [centre_b]
    assert [row.centre for row in ascending][:1] == [centre_a]


def test_an_unknown_sort_key_falls_back_to_the_name(operator_client, centre_a, centre_b):
    response = operator_client.get("/operator/?sort=drop-table")

    assert response.status_code == 200
    assert [row.centre.name for row in response.context["rows"]] == sorted(
        row.centre.name for row in response.context["rows"])


def test_the_console_costs_the_same_queries_for_more_centres(operator_client, centre_a, centre_b):
    centre_health_refresh()
    with CaptureQueriesContext(connection) as two:
        operator_client.get("/operator/")
    for slug in ("delta", "epsilon"):
        centre_create(slug=slug, name=f"Κέντρο {slug}", municipality="apokoronas", region="crete")
    centre_health_refresh()

    with CaptureQueriesContext(connection) as four:
        rows = operator_client.get("/operator/").context["rows"]

    assert len(rows) == 4
    assert len(four) == len(two)


def test_a_centres_page_reads_its_figures_now(operator_client, centre_a):
    page = operator_client.get(f"/operator/centres/{centre_a.pk}/")

    assert page.context["health"].figures["people"] == _people(centre_a)
    assert 'data-testid="centre-health-now"' in page.content.decode()


def test_the_health_api_gives_counts_per_centre(public_world, centre_a, centre_b):
    centre_health_refresh()
    api = public_world.api(public_world.operator_token)

    listed = api.get("/api/v1/operator/health/?sort=-people").json()
    one = api.get(f"/api/v1/operator/centres/{centre_a.pk}/health/").json()

    assert {row["slug"] for row in listed["results"]} == {centre_a.slug, centre_b.slug}
    assert one["figures"]["people"] == _people(centre_a)
    assert LEAK_MARKER not in str(one)


def test_rows_without_a_snapshot_sort_last(centre_a, centre_b):
    CentreHealth.objects.all().delete()

    rows = centre_health_rows(sort="-people")

    assert {row.centre for row in rows} == {centre_a, centre_b}
    assert all(row.health is None for row in rows)
