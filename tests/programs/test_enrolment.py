"""Enrolment: a place while there is one, the waitlist in order after, the first waitlisted
enrolled when a place frees (told by SMS, their worker in the app), by-referral needs a case."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.factories import CaseFactory, PersonFactory
from notifications.models import Channel, Reminder
from programs.models import Enrolment, Programme
from programs.services import programmes
from programs.services.enrolments import enrolment_create, enrolment_finish, enrolment_withdraw


def test_a_person_gets_a_place_while_there_is_one(programme, person, coordinator):
    enrolment = enrolment_create(programme=programme, person=person, by=coordinator)
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_when_the_places_are_taken_the_next_person_is_waitlisted(make_programme, coordinator):
    programme = make_programme(capacity=1)
    enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    second = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    assert second.status == Enrolment.Status.WAITLISTED


def test_a_withdrawal_enrols_the_first_waitlisted_in_order(make_programme, coordinator):
    programme = make_programme(capacity=1)
    first = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting_first = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting_second = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)

    enrolment_withdraw(enrolment=first, by=coordinator, reason="Μετακόμισε")

    statuses = {e.pk: e.status for e in Enrolment.objects.filter(programme=programme)}
    assert statuses == {first.pk: "withdrawn", waiting_first.pk: "enrolled", waiting_second.pk: "waitlisted"}


def test_the_person_promoted_is_told_and_their_case_worker_notified_in_the_app(make_programme, coordinator,
                                                                               worker, person):
    programme = make_programme(capacity=1)
    case = CaseFactory(person=person, assigned_worker=worker)
    first = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting = enrolment_create(programme=programme, person=person, by=coordinator)

    enrolment_withdraw(enrolment=first, by=coordinator, reason="Βρήκε εργασία")

    reminders = Reminder.objects.filter(about_id=waiting.pk)
    assert {(r.channel, r.template) for r in reminders} == {(Channel.SMS, "programme_place"),
                                                            (Channel.IN_APP, "programme_place_worker")}
    assert reminders.get(channel=Channel.IN_APP).staff == worker
    assert reminders.get(channel=Channel.IN_APP).context["case_number"] == case.number


def test_a_waitlisted_person_can_be_taken_off_the_list(make_programme, coordinator):
    programme = make_programme(capacity=1)
    enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)

    enrolment_withdraw(enrolment=waiting, by=coordinator, reason="Δεν ενδιαφέρεται πια")

    waiting.refresh_from_db()
    assert (waiting.status, waiting.reason) == ("withdrawn", "Δεν ενδιαφέρεται πια")


def test_withdrawing_needs_a_reason(programme, person, coordinator):
    enrolment = enrolment_create(programme=programme, person=person, by=coordinator)
    with pytest.raises(ValidationError) as error:
        enrolment_withdraw(enrolment=enrolment, by=coordinator, reason=" ")
    assert "reason" in error.value.message_dict


def test_someone_already_enrolled_cannot_enrol_again(programme, person, coordinator):
    enrolment_create(programme=programme, person=person, by=coordinator)
    with pytest.raises(ValidationError) as error:
        enrolment_create(programme=programme, person=person, by=coordinator)
    assert "person" in error.value.message_dict
    assert Enrolment.objects.filter(programme=programme).count() == 1


def test_a_by_referral_programme_refuses_a_person_without_a_case(make_programme, person, coordinator):
    programme = make_programme(access=Programme.Access.REFERRAL)
    with pytest.raises(ValidationError) as error:
        enrolment_create(programme=programme, person=person, by=coordinator)
    assert "case" in error.value.message_dict


def test_a_by_referral_programme_takes_the_persons_open_case(make_programme, person, coordinator, worker):
    programme = make_programme(access=Programme.Access.REFERRAL)
    case = CaseFactory(person=person, assigned_worker=worker)
    assert enrolment_create(programme=programme, person=person, by=coordinator).case == case


def test_a_draft_programme_takes_no_enrolments(make_programme, person, coordinator):
    programme = make_programme(status=Programme.Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        enrolment_create(programme=programme, person=person, by=coordinator)
    assert "program" in error.value.message_dict


def test_the_capacity_cannot_fall_below_those_enrolled(make_programme, coordinator):
    programme = make_programme(capacity=3)
    for _n in range(2):
        enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    with pytest.raises(ValidationError) as error:
        programmes.programme_update(programme=programme, by=coordinator, capacity=1)
    assert "capacity" in error.value.message_dict
    programme.refresh_from_db()
    assert programme.capacity == 3


def test_a_larger_capacity_takes_people_off_the_waitlist(make_programme, coordinator):
    programme = make_programme(capacity=1)
    enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    programmes.programme_update(programme=programme, by=coordinator, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED


def test_a_person_who_drops_out_frees_the_place(make_programme, coordinator):
    programme = make_programme(capacity=1)
    first = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    enrolment_finish(enrolment=first, by=coordinator, status=Enrolment.Status.DROPPED_OUT)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED


def test_tutoring_records_the_household_head_as_a_childs_guardian(make_programme, coordinator):
    from casework.services.people import household_add_member, household_create

    programme = make_programme(kind=Programme.Kind.TUTORING)
    parent, child = PersonFactory(), PersonFactory(birth_date=datetime.date(2016, 4, 2))
    household = household_create(by=coordinator, head=parent)
    household_add_member(household=household, person=child, relation="child", is_dependant=True)
    assert enrolment_create(programme=programme, person=child, by=coordinator).guardian == parent


def test_the_age_range_is_enforced(make_programme, coordinator):
    programme = make_programme(age_min=6, age_max=17)
    with pytest.raises(ValidationError) as error:
        enrolment_create(programme=programme, person=PersonFactory(birth_date=datetime.date(1970, 1, 1)),
                         by=coordinator)
    assert "person" in error.value.message_dict


# --- API ------------------------------------------------------------------------------------

def test_api_enrolment_answers_201_with_the_status(world_a, make_programme):
    programme = make_programme(capacity=1)
    people = [PersonFactory(), PersonFactory()]
    api = world_a.api()
    first = api.post("/api/v1/enrolments/", {"program": str(programme.pk), "person": str(people[0].pk)}, format="json")
    second = api.post("/api/v1/enrolments/", {"program": str(programme.pk), "person": str(people[1].pk)}, format="json")
    assert (first.status_code, first.json()["status"]) == (201, "enrolled")
    assert (second.status_code, second.json()["status"]) == (201, "waitlisted")
    assert set(first.json()) == {"id", "status"}


def test_api_withdraw_enrols_the_first_waitlisted(world_a, make_programme, coordinator):
    programme = make_programme(capacity=1)
    first = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    waiting = enrolment_create(programme=programme, person=PersonFactory(), by=coordinator)
    response = world_a.api().post(f"/api/v1/enrolments/{first.pk}/withdraw/", {"reason": "Μετακόμισε"}, format="json")
    assert (response.status_code, response.json()["status"]) == (200, "withdrawn")
    waiting.refresh_from_db()
    assert waiting.status == "enrolled"


def test_api_duplicate_enrolment_is_a_field_error(world_a, programme, person, coordinator):
    enrolment_create(programme=programme, person=person, by=coordinator)
    response = world_a.api().post("/api/v1/enrolments/", {"program": str(programme.pk), "person": str(person.pk)},
                                  format="json")
    assert response.status_code == 400
    assert "person" in response.json()
