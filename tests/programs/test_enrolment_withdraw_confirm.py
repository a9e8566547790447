"""Withdrawing an enrolment asks first, on a page that says who leaves and who takes the place."""

from django.urls import reverse

from casework.factories import PersonFactory
from platform_core.accounts.roles import Role
from programs.models import Enrolment
from programs.services.enrolments import enrolment_create


def test_withdrawing_asks_first_and_names_who_takes_the_place(world_a, make_programme, coordinator):
    programme = make_programme(capacity=1)
    enrolled = enrolment_create(programme=programme, by=coordinator,
                                person=PersonFactory(last_name="Σταυράκη", first_name="Άννα"))
    waiting = enrolment_create(programme=programme, by=coordinator,
                               person=PersonFactory(last_name="Λαμπράκης", first_name="Νίκος"))
    client = world_a.client(Role.SOCIAL_WORKER)
    url = reverse("programs:enrolment-withdraw", kwargs={"pk": enrolled.pk})

    asked = client.post(url, {"reason": "Μετακόμισε"})
    enrolled.refresh_from_db()
    status_after_asking = enrolled.status

    assert asked.status_code == 200 and status_after_asking == Enrolment.Status.ENROLLED
    assert "Τη θέση παίρνει ο/η Λαμπράκης Νίκος, πρώτος/η στη λίστα αναμονής." in asked.context["consequences"]
    assert any("Σταυράκη Άννα αποσύρεται" in line for line in asked.context["consequences"])

    confirmed = client.post(url, {"reason": "Μετακόμισε", "confirmed": "yes"})

    enrolled.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status_code == 302
    assert (enrolled.status, waiting.status) == (Enrolment.Status.WITHDRAWN, Enrolment.Status.ENROLLED)


def test_withdrawing_without_a_reason_asks_for_it_instead_of_confirming(world_a, programme, person, coordinator):
    enrolment = enrolment_create(programme=programme, person=person, by=coordinator)

    response = world_a.client(Role.SOCIAL_WORKER).post(
        reverse("programs:enrolment-withdraw", kwargs={"pk": enrolment.pk}), {"reason": ""}, follow=True)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert "Γράψτε τον λόγο της αποχώρησης." in response.content.decode()
