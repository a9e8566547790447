"""A coordinator asks for the archive of their own centre and downloads it through the private
download; every person's record is logged as exported; nobody else gets it."""

import pytest
from django_tenants.utils import schema_context

from casework.models import AccessLog, Person
from platform_core.accounts.roles import Role
from tenants.archive import centre_export_now
from tenants.models import CentreExport


@pytest.fixture
def export_a(centre_a, export_root):
    return centre_export_now(centre=centre_a, requested_by=CentreExport.Requester.COORDINATOR)


def test_the_coordinator_asks_for_an_export_from_the_staff_page(world_a, centre_a):
    client = world_a.client()
    assert "/centre-export/" in client.get("/staff/").content.decode()

    response = client.post("/centre-export/new/", follow=True)

    assert response.status_code == 200
    export = CentreExport.objects.get(centre=centre_a, status=CentreExport.Status.PENDING)
    assert export.requested_by == "coordinator" and export.requested_by_id == str(world_a.coordinator.pk)


def test_the_download_is_a_private_attachment_and_logs_every_person(world_a, export_a):
    response = world_a.client().get(f"/centre-export/{export_a.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="alpha-')
    assert response["Cache-Control"] == "no-store"
    with schema_context(world_a.centre.schema_name):
        logged = set(AccessLog.objects.filter(action="export", object_id=export_a.pk)
                     .values_list("person_id", flat=True))
        assert logged == set(Person.objects.values_list("pk", flat=True))


def test_the_api_download_is_logged_as_an_api_export(world_a, export_a):
    response = world_a.api().get(f"/api/v1/centre-exports/{export_a.pk}/download/")

    assert response.status_code == 200
    with schema_context(world_a.centre.schema_name):
        assert AccessLog.objects.filter(action="export", channel="api", object_id=export_a.pk).exists()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.RECEPTION, Role.AUDITOR])
def test_other_roles_cannot_see_or_download_the_centres_archive(world_a, export_a, role):
    client = world_a.client(role)

    assert client.get("/centre-export/").status_code == 403
    assert client.get(f"/centre-export/{export_a.pk}/download/").status_code == 403
    assert world_a.api(role).get("/api/v1/centre-exports/").status_code == 403


def test_another_centres_coordinator_gets_404_for_this_export(world_b, export_a):
    assert world_b.client().get(f"/centre-export/{export_a.pk}/download/").status_code == 404
    assert world_b.api().get(f"/api/v1/centre-exports/{export_a.pk}/download/").status_code == 404


def test_the_api_lists_and_requests_exports(world_a, export_a):
    api = world_a.api()

    listed = api.get("/api/v1/centre-exports/").json()
    requested = api.post("/api/v1/centre-exports/")

    assert [row["id"] for row in listed["results"]] == [str(export_a.pk)]
    assert requested.status_code == 202 and requested.json()["status"] == "pending"


def test_the_operator_exports_from_the_console_and_the_api(public_world, centre_a):
    client = public_world.client(public_world.operator)
    client.post(f"/operator/centres/{centre_a.pk}/exports/")
    response = public_world.api(public_world.operator_token).post(f"/api/v1/operator/centres/{centre_a.pk}/exports/")

    assert response.status_code == 202
    # The second request finds the first still waiting and returns it.
    assert CentreExport.objects.filter(centre=centre_a, status="pending").count() == 1


def test_the_operator_restore_api_refuses_a_slug_in_use(public_world, export_a):
    response = public_world.api(public_world.operator_token).post(
        f"/api/v1/operator/exports/{export_a.pk}/restore/", {"slug": "beta"}, format="json")

    assert response.status_code == 400
    assert "slug" in response.json()


def test_the_operator_restores_an_export_from_the_console_in_the_background(public_world, export_a, monkeypatch):
    from tenants import tasks

    queued = []
    monkeypatch.setattr(tasks.centre_restore_task, "apply_async", lambda kwargs: queued.append(kwargs))
    client = public_world.client(public_world.operator)

    refused = client.post(f"/operator/exports/{export_a.pk}/restore/", {"slug": "beta"}, follow=True)
    accepted = client.post(f"/operator/exports/{export_a.pk}/restore/", {"slug": "alpha-new"}, follow=True)

    assert "Υπάρχει ήδη κέντρο με αναγνωριστικό «beta»." in refused.content.decode()
    assert "Η επαναφορά ξεκίνησε ως «alpha-new»" in accepted.content.decode()
    assert queued == [{"export_id": str(export_a.pk), "slug": "alpha-new", "by_id": str(public_world.operator.pk)}]


def test_the_restore_task_restores_and_records_its_run(export_a):
    from tenants.models import Centre, JobRun
    from tenants.tasks import RESTORE_TASK, centre_restore_task

    centre_id = centre_restore_task.run(export_id=str(export_a.pk), slug="alpha-task")

    assert str(Centre.objects.get(slug="alpha-task").pk) == centre_id
    assert JobRun.objects.get(job=RESTORE_TASK, centre_schema="").status == "succeeded"


def test_the_export_task_builds_the_requested_archive(centre_a, export_root):
    from tenants.archive import centre_export_request
    from tenants.tasks import centre_export_build_task

    export = centre_export_request(centre=centre_a, requested_by="operator")

    assert centre_export_build_task.run(export_id=str(export.pk)) == "ready"
    assert centre_export_build_task.run(export_id=str(export.pk)) == "skipped"


def test_the_operators_download_is_logged_in_public(public_world, export_a):
    from tenants.models import CentreEvent

    response = public_world.client(public_world.operator).get(f"/operator/exports/{export_a.pk}/download/")

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert CentreEvent.objects.filter(action="export_downloaded", by_id=str(public_world.operator.pk),
                                      details__export=str(export_a.pk)).exists()
