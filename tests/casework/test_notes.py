"""Contact and counselling notes: sensitive notes (mental health) are read only by their author,
psychologists and the coordinator — on the pages, in the API and in the timeline; every read
of a note is logged; casework stays out of the admin."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import HouseholdMemberFactory, PersonFactory
from casework.models import AccessLog, ContactNote
from casework.selectors.cases import note_list
from casework.services import cases as services
from casework.timeline import person_timeline
from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create


@pytest.fixture
def author(in_centre_a):
    """A second social worker, who writes the notes the first one must not read."""
    return staff_create(email="author@alpha.test", password="Test-password-2026", role=Role.SOCIAL_WORKER,
                        first_name="Άννα", last_name="Συντάκτρια")


def _note(person, by, **fields):
    values = {"kind": "counselling", "occurred_at": timezone.now(), "text": "Κείμενο συνεδρίας",
              "sensitive": False} | fields
    return services.note_add(person=person, by=by, **values)


@pytest.fixture
def sensitive_note(person, author):
    return _note(person, author, text="Ευαίσθητο κείμενο ψυχικής υγείας", sensitive=True)


# --- Sensitivity ------------------------------------------------------------------------------

def test_sensitive_note_is_not_in_another_social_workers_note_list(world_a, person, sensitive_note):
    plain = _note(person, sensitive_note.author, text="Απλή επαφή")

    notes = list(world_a.client(Role.SOCIAL_WORKER).get(f"/people/{person.pk}/notes/").context["notes"])

    assert plain in notes and sensitive_note not in notes


def test_sensitive_note_page_is_not_found_for_another_social_worker(world_a, sensitive_note):
    response = world_a.client(Role.SOCIAL_WORKER).get(f"/notes/{sensitive_note.pk}/")

    assert response.status_code == 404
    assert "Ευαίσθητο κείμενο" not in response.content.decode()


def test_sensitive_note_is_not_in_another_social_workers_api_list_nor_detail(world_a, person, sensitive_note):
    api = world_a.api(Role.SOCIAL_WORKER)

    listed = api.get(f"/api/v1/notes/?person={person.pk}").json()
    detail = api.get(f"/api/v1/notes/{sensitive_note.pk}/")

    assert str(sensitive_note.pk) not in [row["id"] for row in listed["results"]]
    assert detail.status_code == 404


def test_sensitive_note_is_not_on_another_social_workers_timeline(world_a, person, sensitive_note, worker):
    entries = person_timeline(person=person, user=worker)

    assert not [entry for entry in entries if entry.kind == "note"]


@pytest.mark.parametrize("role", [Role.PSYCHOLOGIST, Role.COORDINATOR])
def test_sensitive_note_is_read_by_psychologists_and_the_coordinator(world_a, person, sensitive_note, role):
    page = world_a.client(role).get(f"/notes/{sensitive_note.pk}/")
    api = world_a.api(role).get(f"/api/v1/notes/{sensitive_note.pk}/")
    with schema_context(world_a.centre.schema_name):
        entries = person_timeline(person=person, user=world_a.users[role])

    assert page.status_code == 200 and "Ευαίσθητο κείμενο" in page.content.decode()
    assert api.status_code == 200 and api.json()["text"] == sensitive_note.text
    assert [entry.sensitive for entry in entries if entry.kind == "note"] == [True]


def test_sensitive_note_is_read_by_its_author(world_a, sensitive_note, author):
    assert sensitive_note in note_list(user=author)


def test_reception_staff_read_no_notes(world_a, person):
    with schema_context(world_a.centre.schema_name):
        note = _note(person, world_a.users[Role.SOCIAL_WORKER])

    assert world_a.client(Role.RECEPTION).get(f"/notes/{note.pk}/").status_code == 403
    assert world_a.api(Role.RECEPTION).get("/api/v1/notes/").status_code == 403


def test_api_note_list_carries_no_note_text(world_a, person, worker):
    _note(person, worker, text="Μυστικό κείμενο")

    response = world_a.api(Role.SOCIAL_WORKER).get(f"/api/v1/notes/?person={person.pk}")

    assert response.status_code == 200 and "Μυστικό κείμενο" not in response.content.decode()


# --- Access log -------------------------------------------------------------------------------

def test_reading_a_note_on_its_page_writes_an_access_log_row(world_a, person, worker):
    note = _note(person, worker)

    world_a.client(Role.SOCIAL_WORKER).get(f"/notes/{note.pk}/")

    row = AccessLog.objects.get(object_id=note.pk)
    assert (row.user, row.person, row.object_type, row.channel) == (worker, person, "contactnote", "ui")


def test_reading_a_note_through_the_api_writes_an_access_log_row(world_a, person, psychologist):
    note = _note(person, psychologist)

    world_a.api(Role.PSYCHOLOGIST).get(f"/api/v1/notes/{note.pk}/")

    assert AccessLog.objects.filter(object_id=note.pk, user=psychologist, channel="api").count() == 1


def test_a_refused_note_read_writes_no_access_log_row(world_a, sensitive_note):
    world_a.client(Role.SOCIAL_WORKER).get(f"/notes/{sensitive_note.pk}/")

    assert not AccessLog.objects.filter(object_id=sensitive_note.pk).exists()


# --- Writing and changing notes ---------------------------------------------------------------

@pytest.mark.parametrize(("fields", "field"), [
    ({"text": "   "}, "text"),
    ({"kind": "gossip"}, "kind"),
    ({"duration_minutes": 0}, "duration_minutes"),
    ({"duration_minutes": 601}, "duration_minutes"),
    ({"occurred_at": timezone.now() + datetime.timedelta(days=2)}, "occurred_at"),
])
def test_note_with_bad_input_is_refused_on_the_field(person, worker, fields, field):
    with pytest.raises(ValidationError) as error:
        _note(person, worker, **fields)

    assert field in error.value.message_dict


def test_note_on_another_persons_case_is_refused_on_case(person, worker, coordinator):
    others_case = services.case_open(person=PersonFactory(), by=coordinator, assigned_worker=worker, needs=["other"])

    with pytest.raises(ValidationError) as error:
        _note(person, worker, case=others_case)

    assert "case" in error.value.message_dict


def test_note_create_page_saves_a_note_and_shows_field_errors(world_a, person):
    client = world_a.client(Role.PSYCHOLOGIST)
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")

    bad = client.post(f"/people/{person.pk}/notes/new/", {"kind": "counselling", "occurred_at": when, "text": "",
                                                           "duration_minutes": "0"})
    good = client.post(f"/people/{person.pk}/notes/new/", {"kind": "counselling", "occurred_at": when,
                                                            "text": "Συνεδρία", "sensitive": "on"})

    assert {"text", "duration_minutes"} <= set(bad.context["form"].errors)
    note = ContactNote.objects.get(person=person)
    assert good.status_code == 302 and note.sensitive and note.author == world_a.users[Role.PSYCHOLOGIST]


@pytest.mark.parametrize(("payload", "field"), [
    ({"text": ""}, "text"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"duration_minutes": 0}, "duration_minutes"),
    ({"kind": "gossip"}, "kind"),
    ({"occurred_at": "2999-01-01T10:00:00Z"}, "occurred_at"),
])
def test_notes_api_refuses_bad_input_with_the_fields_error(world_a, person, payload, field):
    data = {"person": str(person.pk), "kind": "contact", "occurred_at": timezone.now().isoformat(),
            "text": "Επαφή"} | payload

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/notes/", data, format="json")

    assert response.status_code == 400 and field in response.json(), response.content


def test_notes_api_creates_a_note(world_a, person, worker):
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/notes/", {
        "person": str(person.pk), "occurred_at": timezone.now().isoformat(), "text": "Τηλεφώνημα",
        "kind": "phone", "duration_minutes": 10}, format="json")

    assert response.status_code == 201 and response.json()["author"] == str(worker.pk)


def test_only_the_author_or_the_coordinator_changes_a_note(person, worker, author, coordinator):
    note = _note(person, author)

    with pytest.raises(PermissionDenied):
        services.note_update(note=note, by=worker, text="Αλλαγή")
    services.note_update(note=note, by=coordinator, text="Διόρθωση")

    assert ContactNote.objects.get(pk=note.pk).text == "Διόρθωση"


def test_notes_api_refuses_a_change_by_someone_else_than_author_or_coordinator(world_a, person, author):
    note = _note(person, author)

    response = world_a.api(Role.SOCIAL_WORKER).patch(f"/api/v1/notes/{note.pk}/", {"text": "Χ"}, format="json")

    assert response.status_code == 403 and ContactNote.objects.get(pk=note.pk).text != "Χ"


def test_note_edit_page_lets_its_author_change_it(world_a, person, worker):
    note = _note(person, worker)

    response = world_a.client(Role.SOCIAL_WORKER).post(f"/notes/{note.pk}/edit/", {
        "kind": "phone", "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "text": "Νέο κείμενο"})

    assert response.status_code == 302 and ContactNote.objects.get(pk=note.pk).text == "Νέο κείμενο"


# --- Timeline ---------------------------------------------------------------------------------

def test_timeline_shows_the_persons_and_household_members_records(world_a, in_centre_a, coordinator, worker):
    member = HouseholdMemberFactory()
    relative = HouseholdMemberFactory(household=member.household, relation="child").person
    person = member.person
    services.contact_log(by=coordinator, person=person, topic="benefits", contacted_at=timezone.now(),
                         channel="phone", outcome="informed")
    case = services.case_open(person=relative, by=coordinator, assigned_worker=worker, needs=["education"])
    goal = services.goal_add(case=case, by=worker, title="Φροντιστήριο")
    services.step_add(goal=goal, by=worker, title="Εγγραφή", owner=worker, due_date=timezone.localdate())
    _note(relative, worker)

    entries = person_timeline(person=person, user=worker)

    kinds = {(entry.kind, entry.about_household) for entry in entries}
    assert {("contact", False), ("case_event", True), ("pathway_step", True), ("note", True)} <= kinds


# --- Admin ------------------------------------------------------------------------------------

def test_a_centre_host_has_no_admin_that_could_show_notes(world_a, sensitive_note):
    response = world_a.client(Role.COORDINATOR).get("/admin/casework/contactnote/")

    assert response.status_code == 404
    assert world_a.client(Role.COORDINATOR).get("/admin/").status_code == 404


def test_no_admin_site_registers_casework_models():
    assert not [model for model in admin.site._registry if model._meta.app_label == "casework"]
