"""The preview and the import run as Celery tasks on a real worker, in the schema of the centre
that uploaded the file, with the job's id as their only argument."""

import datetime
import time

import pytest
from django_tenants.utils import schema_context

from casework.models import Household, ImportJob, ImportMapping, Person
from tests.celery_worker import TASK_TIMEOUT

from .files import HEADER, person_row, upload, xlsx_bytes

BORN = datetime.date(1972, 4, 9)


@pytest.fixture
def leaves_no_records(worlds, committed_db):
    """What the worker writes is committed: remove it afterwards, so other tests see the
    session's centres as they were."""
    schema = worlds["a"].centre.schema_name
    with schema_context(schema):
        before = {model: set(model.objects.values_list("pk", flat=True))
                  for model in (Person, Household, ImportJob, ImportMapping)}
        mappings = {mapping.kind: mapping.columns for mapping in ImportMapping.objects.all()}
    yield
    with schema_context(schema):
        for model, pks in before.items():
            model.objects.exclude(pk__in=pks).delete()
        for kind, columns in mappings.items():
            ImportMapping.objects.filter(kind=kind).update(columns=columns)


def wait_for(api, job_id: str, status: str) -> dict:
    deadline = time.monotonic() + TASK_TIMEOUT
    while True:
        job = api.get(f"/api/v1/imports/{job_id}/").json()
        if job["status"] == status:
            return job
        assert time.monotonic() < deadline, f"the import stayed {job['status']!r}"
        time.sleep(0.2)


@pytest.mark.worker
def test_preview_and_import_run_on_the_worker_in_the_centres_schema(worlds, celery_worker, leaves_no_records,
                                                                     published_tasks):
    world = worlds["a"]
    api = world.api()
    data = xlsx_bytes(HEADER, [person_row("Εργάτη", "Αθηνά", BORN, household="Κ1"),
                               person_row("Εργάτης", "Λευτέρης", BORN, household="Κ1", relation="Σύζυγος")])
    job = api.post("/api/v1/imports/", {"kind": "people", "file": upload(data)}, format="multipart").json()

    api.post(f"/api/v1/imports/{job['id']}/mapping/", {"mapping": job["mapping"]}, format="json")
    previewed = wait_for(api, job["id"], "previewed")
    assert previewed["preview"]["counts"]["create"] == 2
    api.post(f"/api/v1/imports/{job['id']}/confirm/", {}, format="json")
    done = wait_for(api, job["id"], "done")

    assert done["result"]["people_created"] == 2 and done["result"]["households_created"] == 1
    assert {task.name for task in published_tasks} == {"casework.import_preview", "casework.import_run"}
    assert {task.schema for task in published_tasks} == {world.centre.schema_name}
    with schema_context(world.centre.schema_name):
        assert Person.objects.filter(last_name__startswith="Εργάτη").count() == 2
    with schema_context(worlds["b"].centre.schema_name):
        assert not Person.objects.filter(last_name__startswith="Εργάτη").exists()
