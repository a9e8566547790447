"""Referrals out to a directory service: only under a consent covering every category shared
(checked in the service layer), draft → sent → accepted | declined | cancelled → completed, each
change in the history, a letter, a follow-up reminder on the due date."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.models import AccessLog, Referral
from casework.services import referrals
from casework.services.transfer import consented_payload
from notifications.models import Reminder
from platform_core.accounts.roles import Role

from .referral_fixtures import consent, due, inactive, organization, service  # noqa: F401


def _create(person, worker, service, categories=("identity",), **kwargs) -> Referral:  # noqa: F811
    return referrals.referral_create(person=person, by=worker, service=service, categories=list(categories),
                                     reason="Χρειάζεται ψυχολογική υποστήριξη.", due_on=due(), **kwargs)


def _post(world, person, service, categories, role=Role.SOCIAL_WORKER, **extra):  # noqa: F811
    return world.api(role).post("/api/v1/referrals/", {
        "person": str(person.pk), "service": str(service.pk), "reason": "Ψυχολογική υποστήριξη",
        "categories": categories, "due_on": str(due()), **extra}, format="json")


def test_without_a_consent_the_api_answers_consent_required(world_a, person, service):  # noqa: F811
    response = _post(world_a, person, service, ["identity"])

    assert response.status_code == 400 and response.json()["code"] == "consent_required"
    assert not Referral.objects.filter(person=person).exists()


def test_categories_outside_the_consent_are_refused(world_a, person, service, consent):  # noqa: F811
    response = _post(world_a, person, service, ["identity", "mental_health"])

    assert response.status_code == 400 and response.json()["code"] == "consent_required"


def test_a_covering_consent_lets_the_referral_through(world_a, person, service, consent):  # noqa: F811
    response = _post(world_a, person, service, ["identity", "case_summary"])

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "draft" and response.json()["organization"] == str(service.organization_id)


def test_the_service_layer_refuses_without_consent_whatever_the_caller(in_centre_a, person, worker, service):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        _create(person, worker, service)

    assert error.value.error_dict["consent"][0].code == "consent_required"


@pytest.mark.parametrize("status", ["inactive", "defunct", "temporarily closed"])
def test_a_service_that_does_not_take_referrals_is_refused(in_centre_a, person, worker, service, consent, status):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        _create(person, worker, inactive(service, status))

    assert "service" in error.value.message_dict


def test_a_revoked_consent_stops_sending_a_draft(in_centre_a, person, worker, service, consent):  # noqa: F811
    referral = _create(person, worker, service)
    referrals.consent_revoke(consent=consent, by=worker)

    referral.refresh_from_db()
    assert referral.status == Referral.Status.CANCELLED


def test_an_expired_consent_stops_sending(in_centre_a, person, worker, service, consent):  # noqa: F811
    referral = _create(person, worker, service)
    type(consent).objects.filter(pk=consent.pk).update(given_on=timezone.localdate().replace(year=2025),
                                                       expires_on=timezone.localdate().replace(year=2025))

    with pytest.raises(ValidationError) as error:
        referrals.referral_send(referral=referral, by=worker)

    assert error.value.error_dict["consent"][0].code == "consent_required"


def test_sending_schedules_a_follow_up_reminder_for_the_due_date(in_centre_a, person, worker, service, consent):  # noqa: F811
    referral = referrals.referral_send(referral=_create(person, worker, service), by=worker)

    reminder = Reminder.objects.get(about_id=referral.pk)
    assert reminder.kind == Reminder.Kind.REFERRAL_FOLLOW_UP and reminder.staff == worker
    assert timezone.localtime(reminder.due_at).date() == referral.due_on


def test_an_answer_cancels_the_follow_up(in_centre_a, person, worker, service, consent):  # noqa: F811
    referral = referrals.referral_send(referral=_create(person, worker, service), by=worker)

    referrals.referral_accept(referral=referral, by=worker)

    assert Reminder.objects.get(about_id=referral.pk).state == Reminder.State.CANCELLED


def test_the_whole_loop_is_in_the_history(world_a, person, worker, service, consent):  # noqa: F811
    referral = _create(person, worker, service)
    api = world_a.api(Role.SOCIAL_WORKER)
    api.post(f"/api/v1/referrals/{referral.pk}/send/", {}, format="json")
    api.post(f"/api/v1/referrals/{referral.pk}/accept/", {"note": "Ραντεβού την Τρίτη"}, format="json")
    done = api.post(f"/api/v1/referrals/{referral.pk}/complete/", {"outcome": "successful"}, format="json")

    events = api.get(f"/api/v1/referrals/{referral.pk}/events/").json()["results"]
    assert done.json()["status"] == "completed" and done.json()["outcome"] == "successful"
    assert [event["to_status"] for event in events] == ["draft", "sent", "accepted", "completed"]


def test_declining_needs_a_reason(world_a, person, worker, service, consent):  # noqa: F811
    referral = referrals.referral_send(referral=_create(person, worker, service), by=worker)

    response = world_a.api().post(f"/api/v1/referrals/{referral.pk}/decline/", {"reason": ""}, format="json")

    assert response.status_code == 400


def test_an_unsuccessful_outcome_needs_its_reason(world_a, person, worker, service, consent):  # noqa: F811
    referral = referrals.referral_send(referral=_create(person, worker, service), by=worker)

    response = world_a.api().post(f"/api/v1/referrals/{referral.pk}/complete/", {"outcome": "unsuccessful"},
                                  format="json")

    assert response.status_code == 400 and "outcome_reason" in response.json()


def test_accepting_a_cancelled_referral_is_refused_and_changes_nothing(world_a, person, worker, service, consent):  # noqa: F811
    referral = referrals.referral_cancel(referral=referrals.referral_send(
        referral=_create(person, worker, service), by=worker), by=worker)

    response = world_a.api().post(f"/api/v1/referrals/{referral.pk}/accept/", {}, format="json")

    referral.refresh_from_db()
    assert response.status_code == 400 and referral.status == Referral.Status.CANCELLED
    assert referral.events.count() == 3


def test_the_letter_is_a_logged_pdf_download(world_a, person, worker, service, consent):  # noqa: F811
    referral = _create(person, worker, service)

    response = world_a.client(Role.SOCIAL_WORKER).get(f"/referrals/{referral.pk}/letter/")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == "no-store"
    assert AccessLog.objects.filter(object_id=referral.pk, action=AccessLog.Action.DOWNLOAD).exists()


def test_the_letter_carries_only_the_shared_categories(in_centre_a, person, worker, service, consent):  # noqa: F811
    referral = _create(person, worker, service, categories=("case_summary",))

    assert set(consented_payload(referral=referral)) == {"case_summary"}


def test_the_referral_pages_render(world_a, person, worker, service, consent):  # noqa: F811
    referral = _create(person, worker, service)
    client = world_a.client(Role.SOCIAL_WORKER)

    assert client.get("/referrals/").status_code == 200
    assert client.get(f"/referrals/{referral.pk}/").status_code == 200
    assert client.get(f"/referrals/new/?person={person.pk}&service={service.pk}").status_code == 200


def test_the_referral_form_records_consent_and_sends_in_one_step(world_a, person, service):  # noqa: F811
    response = world_a.client(Role.SOCIAL_WORKER).post(f"/referrals/new/?person={person.pk}", {
        "person": str(person.pk), "service": str(service.pk), "reason": "Υποστήριξη", "urgency": "routine",
        "categories": ["identity"], "due_on": str(due()), "delivery": "letter", "record_consent": "on",
        "consent_purpose": "Παραπομπή στο ΚΨΥ", "send": "on"})

    assert response.status_code == 302
    assert Referral.objects.get(person=person).status == Referral.Status.SENT and person.consents.count() == 1


def test_the_timeline_shows_the_referral(world_a, person, worker, service, consent):  # noqa: F811
    _create(person, worker, service)

    timeline = world_a.api(Role.SOCIAL_WORKER).get(f"/api/v1/persons/{person.pk}/timeline/").json()["results"]

    assert {"referral", "consent"} <= {entry["kind"] for entry in timeline}
