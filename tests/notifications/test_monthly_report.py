"""The stored report: its files, the monthly job (one report per month, e-mailed to the
coordinators of active centres), the on-demand form and API, and who may download it."""

import datetime
import io

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from casework.factories import PersonFactory, ReceptionContactFactory
from casework.models import Topic
from notifications.models import Report
from notifications.reports import services
from notifications.reports.tasks import MONTHLY_DISPATCH, report_monthly_centre, reports_monthly_dispatch
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.celery import app
from tenants.models import Centre
from tests.celery_worker import TASK_TIMEOUT

MARCH = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


def contact_in_march(world, **fields):
    fields.setdefault("contacted_at", timezone.make_aware(datetime.datetime(2025, 3, 10, 12)))
    return ReceptionContactFactory(staff=world.users[Role.RECEPTION], **fields)


def on_demand(world, period=MARCH) -> Report:
    return services.report_generate(date_from=period[0], date_to=period[1], by=world.coordinator)


def cell_values(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]


# --- The files --------------------------------------------------------------------------------

def test_xlsx_opens_with_openpyxl_and_holds_the_section_titles_and_numbers(world_a, in_centre_a):
    for _ in range(3):
        contact_in_march(world_a, topic=Topic.UNEMPLOYMENT)
    report = on_demand(world_a)

    values = cell_values(report.xlsx_file.read())

    assert "Επαφές υποδοχής ανά θέμα" in values and "Φάκελοι" in values and "Αιτήσεις ΚΕΑ / ΕΕΕ" in values
    assert values[values.index(Topic.UNEMPLOYMENT.label) + 1] == 3
    assert any(world_a.centre.name in str(value) for value in values)


def test_report_files_hold_no_names_of_the_people_counted(world_a, in_centre_a):
    person = PersonFactory(first_name="Ζηνοβία", last_name="Παρασκευοπούλου")
    contact_in_march(world_a, person=person)
    report = on_demand(world_a)

    values = " ".join(str(value) for value in cell_values(report.xlsx_file.read()))

    assert person.last_name not in values and person.first_name not in values and person.amka not in values


def test_pdf_starts_with_the_pdf_signature(world_a, in_centre_a):
    assert on_demand(world_a).pdf_file.read().startswith(b"%PDF")


def test_report_files_are_stored_under_the_centres_own_folder(world_a, in_centre_a):
    report = on_demand(world_a)

    prefix = f"centres/{world_a.centre.schema_name}/reports/2025/"
    assert report.xlsx_file.name.startswith(prefix) and report.pdf_file.name.startswith(prefix)


# --- The monthly job ------------------------------------------------------------------------

def test_monthly_report_covers_the_whole_month_of_the_day_given(in_centre_a):
    report = services.monthly_report_send(month=datetime.date(2025, 2, 14))

    assert (report.kind, report.period_start, report.period_end) == ("monthly", datetime.date(2025, 2, 1),
                                                                    datetime.date(2025, 2, 28))
    assert report.generated_by is None and report.is_ready


def test_rerunning_the_monthly_job_for_the_same_month_keeps_one_report_and_sends_one_email(
        world_a, in_centre_a, mailoutbox):
    first = report_monthly_centre.apply(kwargs={"month": "2025-03-01"}, throw=True).get()
    second = report_monthly_centre.apply(kwargs={"month": "2025-03-01"}, throw=True).get()

    assert first == second
    assert Report.objects.filter(kind=Report.Kind.MONTHLY, period_start=MARCH[0]).count() == 1
    assert len(mailoutbox) == 1


def test_a_failed_monthly_report_is_regenerated_in_place_on_the_next_run(in_centre_a):
    failed = Report.objects.create(kind=Report.Kind.MONTHLY, period_start=MARCH[0], period_end=MARCH[1],
                                   status=Report.Status.FAILED, generated_at=timezone.now(), error="OSError")

    report = services.monthly_report_send(month=MARCH[0])

    assert report.pk == failed.pk and report.is_ready and report.error == ""
    assert Report.objects.filter(kind=Report.Kind.MONTHLY).count() == 1


def test_on_demand_reports_of_the_same_period_sit_beside_the_monthly_one(world_a, in_centre_a):
    services.monthly_report_send(month=MARCH[0])
    on_demand(world_a)
    on_demand(world_a)

    assert Report.objects.filter(period_start=MARCH[0]).count() == 3


def test_monthly_email_reaches_the_active_coordinators_with_both_files(world_a, in_centre_a, mailoutbox):
    services.monthly_report_send(month=MARCH[0])

    [message] = mailoutbox
    assert message.to == [world_a.coordinator.email]
    assert world_a.centre.name in message.subject
    assert [name.rsplit(".", 1)[1] for name, _content, _type in message.attachments] == ["xlsx", "pdf"]
    assert f"{world_a.host}" in message.body and "/reports/" in message.body


def test_inactive_coordinators_and_other_roles_get_no_report_email(world_a, in_centre_a, mailoutbox):
    # An update, not a save of the session's user object, which later tests share.
    User.objects.filter(pk=world_a.coordinator.pk).update(is_active=False)

    report = services.monthly_report_send(month=MARCH[0])

    assert mailoutbox == [] and report.emailed_at is None


@pytest.fixture
def eager_tasks():
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_fan_out_reaches_active_centres_only(world_a, world_b, eager_tasks, django_capture_on_commit_callbacks,
                                             mailoutbox):
    Centre.objects.filter(pk=world_b.centre.pk).update(status=Centre.Status.SUSPENDED)

    with django_capture_on_commit_callbacks(execute=True):
        schemas = reports_monthly_dispatch.apply(kwargs={"today": "2025-04-01"}, throw=True).get()

    assert world_a.centre.schema_name in schemas and world_b.centre.schema_name not in schemas
    with schema_context(world_a.centre.schema_name):
        assert Report.objects.filter(kind=Report.Kind.MONTHLY, period_start=MARCH[0]).exists()
    with schema_context(world_b.centre.schema_name):
        assert not Report.objects.exists()
    assert [message.to for message in mailoutbox] == [[world_a.coordinator.email]]


def test_dispatch_on_the_first_of_a_month_asks_for_the_month_before(world_a, eager_tasks,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reports_monthly_dispatch.apply(kwargs={"today": "2025-01-01"}, throw=True)

    with schema_context(world_a.centre.schema_name):
        report = Report.objects.get(kind=Report.Kind.MONTHLY)
    assert (report.period_start, report.period_end) == (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))


def test_one_beat_entry_runs_the_dispatch_on_the_first_of_each_month_in_athens(settings):
    [entry] = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == MONTHLY_DISPATCH]

    schedule = entry["schedule"]
    assert (schedule.day_of_month, schedule.hour, schedule.minute) == ({1}, {5}, {30})
    assert settings.CELERY_TIMEZONE == "Europe/Athens"


@pytest.mark.worker
def test_the_worker_stores_the_months_report_in_the_centre_that_queued_it(worlds, celery_worker, committed_db):
    schema = worlds["a"].centre.schema_name
    with schema_context(schema):
        result = report_monthly_centre.apply_async(kwargs={"month": "2001-01-01"})
    try:
        report_id = result.get(timeout=TASK_TIMEOUT)
        with schema_context(schema):
            report = Report.objects.get(pk=report_id)
            assert (report.kind, report.period_start, report.status) == ("monthly", datetime.date(2001, 1, 1), "ready")
            assert report.xlsx_file.storage.exists(report.xlsx_file.name)
            assert report.emailed_at is not None
        with schema_context(worlds["b"].centre.schema_name):
            assert not Report.objects.filter(pk=report_id).exists()
    finally:
        with schema_context(schema):
            for report in Report.objects.filter(period_start=datetime.date(2001, 1, 1)):
                report.xlsx_file.delete(save=False)
                report.pdf_file.delete(save=False)
                report.delete()


# --- On demand: the page and the API --------------------------------------------------------

def test_coordinator_generates_a_report_from_the_page(world_a):
    response = world_a.client().post("/reports/", {"date_from": "2025-03-01", "date_to": "2025-03-31"})

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        report = Report.objects.get()
    assert (report.kind, report.generated_by_id) == ("on_demand", world_a.coordinator.pk)


@pytest.mark.parametrize(("date_from", "date_to", "message"), [
    ("2025-03-31", "2025-03-01", "Η λήξη πρέπει να είναι ίδια ή μεταγενέστερη της έναρξης."),
    ("2025-03-01", "2099-01-01", "Η περίοδος δεν μπορεί να τελειώνει στο μέλλον."),
    ("2024-01-01", "2025-01-01", "Η περίοδος δεν μπορεί να ξεπερνά το ένα έτος."),
])
def test_the_page_refuses_a_bad_period_with_a_message_and_stores_nothing(world_a, date_from, date_to, message):
    response = world_a.client().post("/reports/", {"date_from": date_from, "date_to": date_to})

    assert response.status_code == 200
    assert message in response.content.decode()
    with schema_context(world_a.centre.schema_name):
        assert not Report.objects.exists()


def test_a_whole_year_is_accepted(world_a):
    response = world_a.api().post("/api/v1/reports/", {"date_from": "2024-01-01", "date_to": "2024-12-31"})

    assert response.status_code == 201


def test_api_generates_a_report_for_a_period(world_a):
    response = world_a.api().post("/api/v1/reports/", {"date_from": "2025-03-01", "date_to": "2025-03-31"},
                                  format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["period_start"] == "2025-03-01" and body["kind"] == "on_demand"
    assert body["xlsx_url"] == f"/api/v1/reports/{body['id']}/xlsx/"
    assert world_a.api().get("/api/v1/reports/").json()["results"][0]["id"] == body["id"]
    assert world_a.api().get(f"/api/v1/reports/{body['id']}/").json()["status"] == "ready"


@pytest.mark.parametrize(("payload", "field"), [
    ({"date_from": "2025-03-31", "date_to": "2025-03-01"}, "date_to"),
    ({"date_from": "2099-01-01", "date_to": "2099-01-31"}, "date_from"),
    ({"date_from": "2023-01-01", "date_to": "2025-01-01"}, "date_to"),
    ({"date_from": "2025-03-01"}, "date_to"),
    ({"date_from": "yesterday", "date_to": "2025-03-01"}, "date_from"),
])
def test_api_refuses_a_bad_period_with_the_fields_error(world_a, payload, field):
    response = world_a.api().post("/api/v1/reports/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    with schema_context(world_a.centre.schema_name):
        assert not Report.objects.exists()


# --- Who may download -------------------------------------------------------------------------

@pytest.fixture
def report_of_a(world_a) -> Report:
    with schema_context(world_a.centre.schema_name):
        return on_demand(world_a)


@pytest.mark.parametrize(("path", "content_type"), [("/reports/{}/xlsx/", "spreadsheetml"),
                                                    ("/api/v1/reports/{}/pdf/", "application/pdf")])
def test_coordinator_downloads_the_file_as_an_uncached_attachment(world_a, report_of_a, path, content_type):
    response = world_a.client().get(path.format(report_of_a.pk))

    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] in (b"PK", b"%P")


@pytest.mark.parametrize("path", ["/reports/", "/reports/{}/xlsx/", "/reports/{}/pdf/", "/api/v1/reports/",
                                  "/api/v1/reports/{}/", "/api/v1/reports/{}/xlsx/"])
def test_social_worker_and_reception_cannot_see_reports(world_a, report_of_a, path):
    for role in (Role.SOCIAL_WORKER, Role.RECEPTION, Role.PSYCHOLOGIST):
        client = world_a.api(role) if path.startswith("/api/") else world_a.client(role)
        assert client.get(path.format(report_of_a.pk)).status_code == 403


def test_auditor_downloads_reports_but_cannot_generate_them(world_a, report_of_a):
    auditor = world_a.client(Role.AUDITOR)

    assert auditor.get(f"/reports/{report_of_a.pk}/pdf/").status_code == 200
    assert auditor.post("/reports/", {"date_from": "2025-03-01", "date_to": "2025-03-31"}).status_code == 403
    assert world_a.api(Role.AUDITOR).post("/api/v1/reports/", {"date_from": "2025-03-01",
                                                                "date_to": "2025-03-31"}).status_code == 403


@pytest.mark.parametrize("path", ["/reports/{}/xlsx/", "/reports/{}/pdf/", "/api/v1/reports/{}/",
                                  "/api/v1/reports/{}/xlsx/", "/api/v1/reports/{}/pdf/"])
def test_another_centres_report_is_not_found(world_a, world_b, path):
    with schema_context(world_b.centre.schema_name):
        report_of_b = on_demand(world_b)

    client = world_a.api() if path.startswith("/api/") else world_a.client()
    assert client.get(path.format(report_of_b.pk)).status_code == 404


def test_the_list_page_shows_download_links_to_the_coordinator(world_a, report_of_a):
    page = world_a.client().get("/reports/").content.decode()

    assert f'href="/reports/{report_of_a.pk}/xlsx/"' in page and 'name="date_from"' in page


def test_report_files_are_not_reachable_as_public_media(world_a, report_of_a):
    response = world_a.client().get(settings.MEDIA_URL + report_of_a.xlsx_file.name)

    assert response.status_code == 404


def test_a_report_whose_file_is_gone_is_not_found_rather_than_an_error(world_a, report_of_a):
    with schema_context(world_a.centre.schema_name):
        report_of_a.pdf_file.storage.delete(report_of_a.pdf_file.name)

    assert world_a.client().get(f"/reports/{report_of_a.pk}/pdf/").status_code == 404


# --- A report of one site ----------------------------------------------------------------------

def test_a_report_of_one_site_counts_only_its_records_and_leaves_out_centre_wide_sections(world_a, in_centre_a):
    from casework.services.sites import site_create

    branch = site_create(by=world_a.coordinator, name="Κινητή μονάδα Βάμου", kind="mobile_unit")
    for _ in range(3):
        contact_in_march(world_a, topic=Topic.PENSIONS, site=branch)
    contact_in_march(world_a, topic=Topic.PENSIONS)  # at the main office

    response = world_a.api().post("/api/v1/reports/", {"date_from": "2025-03-01", "date_to": "2025-03-31",
                                                      "site": str(branch.pk)}, format="json")

    assert response.status_code == 201, response.content
    report = Report.objects.get(pk=response.json()["id"])
    assert report.site == branch and response.json()["site"] == str(branch.pk)
    values = cell_values(report.xlsx_file.read())
    assert "Αναφορά δραστηριότητας της δομής «Κινητή μονάδα Βάμου» — Κέντρο Κοινότητας Άλφα" in values
    contacts = values[values.index("Επαφές υποδοχής ανά θέμα"):]
    assert contacts[contacts.index("Σύνολο") + 1] == 3
    assert "Αιτήσεις ΚΕΑ / ΕΕΕ" not in values  # applications carry no site
    whole = cell_values(on_demand(world_a).xlsx_file.read())
    assert "Αιτήσεις ΚΕΑ / ΕΕΕ" in whole
    whole_contacts = whole[whole.index("Επαφές υποδοχής ανά θέμα"):]
    assert whole_contacts[whole_contacts.index("Σύνολο") + 1] == 4


def test_the_page_generates_a_report_of_a_site_and_the_list_names_it(world_a, in_centre_a):
    from casework.services.sites import site_create

    branch = site_create(by=world_a.coordinator, name="Παράρτημα Ρομά", kind="branch")
    client = world_a.client()
    response = client.post("/reports/", {"date_from": "2025-03-01", "date_to": "2025-03-31", "site": str(branch.pk)})

    assert response.status_code == 302
    assert Report.objects.get().site == branch
    assert "31/03/2025 · Παράρτημα Ρομά" in client.get("/reports/").content.decode()


def test_api_refuses_a_site_that_does_not_exist(world_a):
    response = world_a.api().post("/api/v1/reports/", {"date_from": "2025-03-01", "date_to": "2025-03-31",
                                                      "site": "00000000-0000-0000-0000-000000000000"}, format="json")
    assert response.status_code == 400 and "site" in response.json()
