"""The import as the coordinator meets it, on the pages and through the API: upload, mapping,
preview, confirmation, the progress bar, the errors file and the templates; others may not."""

import datetime
import io

import pytest
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from casework.models import ImportJob, Person
from casework.services import imports
from platform_core.accounts.roles import Role

from .files import HEADER, csv_bytes, person_row, upload, xlsx_bytes

BORN = datetime.date(1980, 12, 31)


def register() -> bytes:
    return xlsx_bytes(HEADER, [person_row("Σταυράκη", "Ευτυχία", BORN), person_row("Σταυράκης", "Πέτρος", BORN)])


def test_the_coordinator_uploads_maps_previews_and_confirms_on_the_pages(world_a):
    client = world_a.client()

    response = client.post("/imports/", {"kind": "people", "file": upload(register())})
    assert response.status_code == 302
    detail = response["Location"]
    page = client.get(detail).content.decode()
    assert "Αντιστοίχιση στηλών" in page and "Επώνυμο" in page
    job_id = detail.rstrip("/").split("/")[-1]
    form = {f"column_{index}": field for index, field in enumerate(
        ["last_name", "first_name", "birth_date", "amka", "afm", "household", "relation"])}

    assert client.post(f"/imports/{job_id}/mapping/", form).status_code == 302
    with schema_context(world_a.centre.schema_name):
        imports.import_preview(job_id=job_id)  # the worker's part
    page = client.get(detail).content.decode()
    assert "Προεπισκόπηση: τι θα γίνει" in page
    assert client.post(f"/imports/{job_id}/confirm/", {}).status_code == 302
    progress = client.get(f"/imports/{job_id}/progress/", HTTP_HX_REQUEST="true")
    assert "import-progress" in progress.content.decode()
    with schema_context(world_a.centre.schema_name):
        imports.import_run(job_id=job_id)
        assert Person.objects.filter(last_name="Σταυράκη").exists()
    finished = client.get(f"/imports/{job_id}/progress/", HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"
    assert "Νέοι ωφελούμενοι" in client.get(detail).content.decode()


def test_an_upload_that_is_not_a_spreadsheet_gets_the_form_back_with_the_reason(world_a):
    response = world_a.client().post("/imports/", {"kind": "people", "file": upload(b"\x89PNG\r\n\x1a\n\x00", "a.png")})

    assert response.status_code == 400
    assert "δεν είναι λογιστικό φύλλο" in response.content.decode()


def test_a_50_mb_upload_is_refused_with_the_limit(world_a, settings):
    settings.IMPORT_MAX_BYTES = 20 * 1024 * 1024
    big = upload(b"x" * (50 * 1024 * 1024), "big.csv")

    response = world_a.api().post("/api/v1/imports/", {"kind": "people", "file": big}, format="multipart")

    assert response.status_code == 400
    assert "20 MB" in response.json()["file"][0]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.RECEPTION, Role.AUDITOR])
def test_only_the_coordinator_imports(world_a, role):
    assert world_a.client(role).get("/imports/").status_code == 403
    assert world_a.api(role).get("/api/v1/imports/").status_code == 403


def test_the_api_runs_the_same_flow_and_reports_the_preview_counts(world_a):
    api = world_a.api()
    data = csv_bytes(HEADER, [person_row("Λαμπράκη", "Ζωή", BORN)], encoding="cp1253")

    created = api.post("/api/v1/imports/", {"kind": "people", "file": upload(data, "m.csv")}, format="multipart")
    assert created.status_code == 201, created.json()
    job = created.json()
    assert job["mapping"]["Επώνυμο"] == "last_name"
    mapped = api.post(f"/api/v1/imports/{job['id']}/mapping/", {"mapping": job["mapping"]}, format="json")
    assert mapped.status_code == 202
    with schema_context(world_a.centre.schema_name):
        imports.import_preview(job_id=job["id"])
    preview = api.get(f"/api/v1/imports/{job['id']}/").json()
    assert preview["status"] == "previewed"
    assert preview["preview"]["counts"]["create"] == 1
    confirmed = api.post(f"/api/v1/imports/{job['id']}/confirm/", {"skip_refused": False}, format="json")
    assert confirmed.status_code == 202
    with schema_context(world_a.centre.schema_name):
        imports.import_run(job_id=job["id"])
    done = api.get(f"/api/v1/imports/{job['id']}/").json()
    assert done["status"] == "done" and done["result"]["people_created"] == 1
    assert done["progress"]["percent"] == 100


def test_the_api_refuses_a_confirmation_with_refused_rows_unless_skipped(world_a):
    api = world_a.api()
    data = xlsx_bytes(HEADER, [["Λάθος", "Α", "01/01/1990", "01019012340", "", "", ""]])
    job = api.post("/api/v1/imports/", {"kind": "people", "file": upload(data)}, format="multipart").json()
    api.post(f"/api/v1/imports/{job['id']}/mapping/", {"mapping": job["mapping"]}, format="json")
    with schema_context(world_a.centre.schema_name):
        imports.import_preview(job_id=job["id"])

    refused = api.post(f"/api/v1/imports/{job['id']}/confirm/", {}, format="json")

    assert refused.status_code == 400 and "skip_refused" in refused.json()
    errors = api.get(f"/api/v1/imports/{job['id']}/errors/")
    assert errors.status_code == 200 and errors["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(b"".join(errors.streaming_content))).worksheets[0]
    assert sheet["B2"].value == "Λάθος"


@pytest.mark.parametrize("url", ["/imports/templates/people.xlsx", "/api/v1/imports/templates/cases/"])
def test_templates_have_the_greek_headers_of_their_kind(world_a, url):
    client = world_a.api() if url.startswith("/api/") else world_a.client()

    response = client.get(url)

    assert response.status_code == 200
    body = response.content
    header = [cell.value for cell in load_workbook(io.BytesIO(body)).worksheets[0][1]]
    assert "ΑΜΚΑ" in header and "Ημερομηνία εισαγωγής φακέλου" in header


def test_a_template_read_back_maps_itself(world_a):
    body = world_a.client().get("/imports/templates/people.xlsx").content
    book = load_workbook(io.BytesIO(body))
    book.worksheets[0].append(["Α", "Β"])
    out = io.BytesIO()
    book.save(out)

    with schema_context(world_a.centre.schema_name):
        job = imports.import_upload(by=world_a.coordinator, kind="people", upload=upload(out.getvalue()))
    assert set(job.mapping.values()) >= {"last_name", "first_name", "amka", "afm", "household", "intake_date"}


def test_an_import_of_centre_a_is_unreachable_from_centre_b(world_a, world_b):
    with schema_context(world_a.centre.schema_name):
        job = imports.import_upload(by=world_a.coordinator, kind="people", upload=upload(register()))

    for path in (f"/imports/{job.pk}/", f"/imports/{job.pk}/progress/", f"/imports/{job.pk}/errors.xlsx"):
        assert world_b.client().get(path).status_code == 404
    for path in (f"/api/v1/imports/{job.pk}/", f"/api/v1/imports/{job.pk}/errors/"):
        assert world_b.api().get(path).status_code == 404
    assert world_b.api().post(f"/api/v1/imports/{job.pk}/confirm/", {}, format="json").status_code == 404
    assert str(job.pk) not in world_b.api().get("/api/v1/imports/").content.decode()
    assert job.file.name.startswith(f"centres/{world_a.centre.schema_name}/imports/")
    assert not ImportJob.objects.filter(pk=job.pk).exists()  # public schema here
