"""Merging two records of the same person: everything moves to the survivor, the merge is kept and
shown, and it is refused where the two cannot be one person."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.factories import CaseFactory, ContactNoteFactory, HouseholdMemberFactory, PersonFactory
from casework.merge import person_references
from casework.models import AccessLog, Case, ContactNote, HouseholdMember, Person, PersonMerge
from casework.services import access_record
from casework.services.merge import person_merge
from notifications.models import Channel, ChannelOptOut
from platform_core.accounts.roles import Role
from programs.models import Appointment, Enrolment, Programme
from programs.services.appointments import appointment_book


def test_every_reference_to_a_person_is_merged():
    """A foreign key to Person that the merge does not know would be deleted with the merged record."""
    person_model = apps.get_model("casework", "Person")
    references = {f"{model._meta.label_lower}.{field.name}" for model in apps.get_models()
                  for field in model._meta.get_fields()
                  if field.concrete and field.is_relation and field.related_model is person_model}
    handled = {reference.key for reference in person_references()}

    assert references - handled == set()
    assert "programs.enrolment.person" in handled and "notifications.reminder.person" in handled


@pytest.fixture
def pair(in_centre_a):
    survivor = PersonFactory(last_name="Παπαδάκη", first_name="Ελένη", phone="")
    merged = PersonFactory(last_name="Παπαδακη", first_name="Ελενη", amka="", amka_hash="", afm="", afm_hash="",
                           phone="6912345678")
    return survivor, merged


def test_merge_moves_cases_notes_and_access_history_to_the_survivor(pair, coordinator):
    survivor, merged = pair
    case = CaseFactory(person=merged, assigned_worker=coordinator)
    note = ContactNoteFactory(person=merged, author=coordinator)
    access_record(user=coordinator, person=merged)

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert Case.objects.get(pk=case.pk).person_id == survivor.pk
    assert ContactNote.objects.get(pk=note.pk).person_id == survivor.pk
    assert AccessLog.objects.filter(person=survivor, object_id=merged.pk).count() == 1
    assert not Person.objects.filter(pk=merged.pk).exists()


def test_merge_moves_enrolments_and_appointments_of_other_apps(pair, coordinator, world_a):
    survivor, merged = pair
    programme = Programme.objects.order_by("created_at").first()
    enrolment = Enrolment.objects.create(programme=programme, person=merged, by=coordinator,
                                         status=Enrolment.Status.WAITLISTED, queued_at=timezone.now())
    start = timezone.now() + datetime.timedelta(days=20)
    appointment = appointment_book(by=coordinator, person=merged, staff=world_a.users[Role.SOCIAL_WORKER],
                                   starts_at=start, ends_at=start + datetime.timedelta(minutes=30), purpose="Συνεδρία")

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert Enrolment.objects.get(pk=enrolment.pk).person_id == survivor.pk
    assert Appointment.objects.get(pk=appointment.pk).person_id == survivor.pk


def test_an_enrolment_of_both_records_in_one_programme_keeps_the_survivors(pair, coordinator):
    survivor, merged = pair
    programme = Programme.objects.order_by("created_at").first()
    kept = Enrolment.objects.create(programme=programme, person=survivor, by=coordinator,
                                    status=Enrolment.Status.WAITLISTED, queued_at=timezone.now())
    duplicate = Enrolment.objects.create(programme=programme, person=merged, by=coordinator,
                                         status=Enrolment.Status.WAITLISTED, queued_at=timezone.now())

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert Enrolment.objects.get(pk=kept.pk).status == Enrolment.Status.WAITLISTED
    assert Enrolment.objects.get(pk=duplicate.pk).status == Enrolment.Status.WITHDRAWN


def test_an_opt_out_of_either_record_stays(pair, coordinator):
    survivor, merged = pair
    ChannelOptOut.objects.create(person=merged, channel=Channel.SMS)
    ChannelOptOut.objects.create(person=survivor, channel=Channel.SMS)
    ChannelOptOut.objects.create(person=merged, channel=Channel.EMAIL)

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert set(survivor.channel_opt_outs.values_list("channel", flat=True)) == {Channel.SMS, Channel.EMAIL}


def test_survivor_joins_the_merged_records_household_as_its_head(pair, coordinator):
    survivor, merged = pair
    membership = HouseholdMemberFactory(person=merged)

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert HouseholdMember.objects.get(pk=membership.pk).person_id == survivor.pk


def test_records_in_two_different_households_are_refused(pair, coordinator):
    survivor, merged = pair
    HouseholdMemberFactory(person=merged)
    HouseholdMemberFactory(person=survivor)

    with pytest.raises(ValidationError, match="διαφορετικά νοικοκυριά"):
        person_merge(survivor=survivor, merged=merged, by=coordinator)
    assert Person.objects.filter(pk=merged.pk).exists()


def test_survivor_takes_the_details_it_lacks(pair, coordinator):
    survivor, merged = pair

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    survivor.refresh_from_db()
    assert survivor.phone == "6912345678"
    assert survivor.last_name == "Παπαδάκη"


def test_a_person_is_not_merged_into_itself(pair, coordinator):
    survivor, _merged = pair

    with pytest.raises(ValidationError, match="εαυτό της"):
        person_merge(survivor=survivor, merged=survivor, by=coordinator)


# --- the pages ---------------------------------------------------------------------------------

def _merge_url(person) -> str:
    return reverse("casework:person-merge", args=[person.pk])


def test_preview_says_what_will_move_and_moves_nothing(pair, coordinator, world_a):
    survivor, merged = pair
    CaseFactory(person=merged, assigned_worker=coordinator)

    response = world_a.client().post(_merge_url(survivor), {"merged": str(merged.pk)})

    assert response.status_code == 200
    preview = response.content.decode()
    assert "Φάκελοι: 1" in preview and "Συγχώνευση" in preview
    assert Person.objects.filter(pk=merged.pk).exists()


def test_different_amka_is_refused_with_a_clear_error_on_the_page(in_centre_a, world_a):
    survivor, other = PersonFactory(), PersonFactory()

    response = world_a.client().post(_merge_url(survivor), {"merged": str(other.pk), "confirm": "on"})

    assert response.status_code == 400
    assert "διαφορετικό ΑΜΚΑ" in response.content.decode()
    assert Person.objects.filter(pk=other.pk).exists()


def test_merging_a_record_into_itself_is_refused_on_the_page(pair, world_a):
    survivor, _merged = pair

    response = world_a.client().post(_merge_url(survivor), {"merged": str(survivor.pk), "confirm": "on"})

    assert response.status_code == 400
    assert "εαυτό της" in response.content.decode()


def test_confirmed_merge_is_shown_on_the_survivor_and_the_old_link_leads_there(pair, coordinator, world_a):
    survivor, merged = pair
    client = world_a.client()

    response = client.post(_merge_url(survivor), {"merged": str(merged.pk), "confirm": "on"})

    assert response.status_code == 302
    assert PersonMerge.objects.get(survivor=survivor).merged_id == merged.pk
    page = client.get(reverse("casework:person-detail", args=[merged.pk]), follow=True)
    assert page.redirect_chain[-1][0] == reverse("casework:person-detail", args=[survivor.pk])
    html = page.content.decode()
    assert "Η εγγραφή «Παπαδακη Ελενη» συγχωνεύθηκε σε αυτήν" in html
    assert "Συγχωνευμένες εγγραφές" in html


def test_search_finds_the_other_record_to_preview(pair, world_a):
    survivor, merged = pair

    response = world_a.client().post(_merge_url(survivor), {"q": "Παπαδακη"})

    html = response.content.decode()
    assert f'value="{merged.pk}"' in html and f'value="{survivor.pk}"' not in html


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.RECEPTION, Role.AUDITOR])
def test_only_the_coordinator_merges(pair, world_a, role):
    survivor, merged = pair

    response = world_a.client(role).post(_merge_url(survivor), {"merged": str(merged.pk), "confirm": "on"})

    assert response.status_code == 403
    assert Person.objects.filter(pk=merged.pk).exists()


def _one_place_programme(coordinator):
    from programs.services import programmes

    today = timezone.localdate()
    return programmes.programme_create(
        by=coordinator, kind=Programme.Kind.WORKSHOP, title="Εργαστήρι μιας θέσης", capacity=1,
        starts_on=today - datetime.timedelta(days=10), ends_on=today + datetime.timedelta(days=60),
        status=Programme.Status.OPEN, facilitators=[coordinator])


def test_the_record_holding_a_place_keeps_it_over_a_waitlisted_survivor(pair, coordinator):
    survivor, merged = pair
    programme = _one_place_programme(coordinator)
    waiting = Enrolment.objects.create(programme=programme, person=survivor, by=coordinator,
                                       status=Enrolment.Status.WAITLISTED, queued_at=timezone.now())
    placed = Enrolment.objects.create(programme=programme, person=merged, by=coordinator,
                                      status=Enrolment.Status.ENROLLED)

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert Enrolment.objects.get(pk=placed.pk).status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.get(pk=placed.pk).person_id == survivor.pk
    assert Enrolment.objects.get(pk=waiting.pk).status == Enrolment.Status.WITHDRAWN


def test_a_place_freed_by_a_merge_goes_to_the_first_on_the_waitlist(pair, coordinator):
    survivor, merged = pair
    programme = _one_place_programme(coordinator)
    Enrolment.objects.create(programme=programme, person=survivor, by=coordinator, status=Enrolment.Status.ENROLLED)
    Enrolment.objects.create(programme=programme, person=merged, by=coordinator, status=Enrolment.Status.ENROLLED)
    next_in_line = Enrolment.objects.create(programme=programme, person=PersonFactory(), by=coordinator,
                                            status=Enrolment.Status.WAITLISTED, queued_at=timezone.now())
    programme.capacity = 2
    programme.save(update_fields=["capacity"])

    person_merge(survivor=survivor, merged=merged, by=coordinator)

    assert Enrolment.objects.filter(programme=programme, status=Enrolment.Status.ENROLLED).count() == 2
    assert Enrolment.objects.get(pk=next_in_line.pk).status == Enrolment.Status.ENROLLED
