"""The monthly restore drill: each centre's latest export is replayed into a scratch schema, its
rows compared with the manifest and all of it rolled back; the outcome is on /operator/jobs/."""

import pytest
from django.conf import settings
from django.db import connection

from tenants.archive import RestoreDrillFailed, centre_export_now, export_file
from tenants.health import RESTORE_DRILL_JOB
from tenants.models import JobRun
from tenants.tasks import restore_drill_centre

from .archive_helpers import repack


def _scratch_schemas() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE '\\_drill\\_%'")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def export_a(centre_a, export_root):
    return centre_export_now(centre=centre_a)


def test_the_drill_of_a_good_export_succeeds_and_leaves_no_scratch_schema(export_a, centre_a):
    summary = restore_drill_centre.run(export_id=str(export_a.pk))

    run = JobRun.objects.get(job=RESTORE_DRILL_JOB, centre_schema=centre_a.schema_name)
    assert run.status == JobRun.Status.SUCCEEDED
    assert summary["rows"] == export_a.summary["rows"] and summary["tables"] == export_a.summary["tables"]
    assert _scratch_schemas() == []


def test_the_drill_of_a_damaged_export_is_recorded_as_failed(export_a, centre_a, tmp_path):
    path = export_file(export_a)
    repack(path, tmp_path / "damaged.tar.gz", dump=lambda sql: sql.replace("Ελένη", "Ελενη"), recompute=False)
    path.write_bytes((tmp_path / "damaged.tar.gz").read_bytes())

    with pytest.raises(RestoreDrillFailed):
        restore_drill_centre.run(export_id=str(export_a.pk))

    run = JobRun.objects.get(job=RESTORE_DRILL_JOB, centre_schema=centre_a.schema_name)
    assert run.status == JobRun.Status.FAILED and run.error_class == "tenants.archive.RestoreDrillFailed"
    assert _scratch_schemas() == []


def test_the_jobs_page_shows_the_drill_of_each_centre(export_a, public_world):
    restore_drill_centre.run(export_id=str(export_a.pk))

    page = public_world.client(public_world.operator).get("/operator/jobs/").content.decode()

    assert RESTORE_DRILL_JOB in page


def test_the_drill_is_one_monthly_beat_entry_like_every_job():
    entry = settings.CELERY_BEAT_SCHEDULE["centre-restore-drill"]

    assert entry["task"] == "tenants.restore_drill_fan_out"
    assert entry["schedule"].day_of_month == {2}


def test_the_fan_out_queues_one_drill_per_centre_with_its_latest_export(export_a, centre_a, centre_b, monkeypatch):
    from tenants import tasks

    newer = centre_export_now(centre=centre_a)
    queued = []
    monkeypatch.setattr(tasks.restore_drill_centre, "apply_async", lambda kwargs: queued.append(kwargs))

    assert tasks.restore_drill_fan_out.run() == 1
    assert queued == [{"export_id": str(newer.pk)}]


def test_every_beat_entry_names_a_registered_task():
    from platform_core.celery import app

    app.loader.import_default_modules()

    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)


def test_the_health_job_stores_every_centres_snapshot(centre_a, centre_b):
    from tenants.models import CentreHealth
    from tenants.tasks import centre_health_refresh

    assert centre_health_refresh.run() == 2
    assert set(CentreHealth.objects.values_list("centre__slug", flat=True)) == {centre_a.slug, centre_b.slug}
