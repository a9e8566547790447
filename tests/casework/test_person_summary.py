"""The person page summarises: open cases with their worker, benefit applications under way with
their renewal dates, the household's current aid eligibility, the next appointment, the active
consents; actions grouped, the ESF exit apart from editing, languages by name, reminder channels
ticked only where the person can be reached."""

import datetime
import re

from django.utils import timezone

from casework.factories import AidEligibilityFactory, BenefitApplicationFactory, CaseFactory, PersonFactory
from casework.models import BenefitApplication, Case
from casework.services import referrals
from casework.services.people import household_create
from platform_core.accounts.roles import Role
from programs.services.appointments import appointment_book

from .referral_fixtures import consent, organization  # noqa: F401

TODAY = timezone.localdate


def page(world_a, person, role=Role.COORDINATOR) -> str:
    response = world_a.client(role).get(f"/people/{person.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def fact(html: str, key: str) -> str:
    found = re.search(rf'data-testid="summary-{key}">(.*?)</section>', html, re.S)
    assert found, f"no summary fact {key}"
    return found.group(1)


def test_open_cases_are_summarised_with_their_worker_and_a_link(world_a, person, worker):
    worker.first_name, worker.last_name = "Ελένη", "Βασιλάκη"
    worker.save(update_fields=["first_name", "last_name"])
    open_case = CaseFactory(person=person, assigned_worker=worker)
    closed = CaseFactory(person=person, assigned_worker=worker, status=Case.Status.CLOSED,
                         closed_reason=Case.ClosedReason.values[0],
                         closed_at=timezone.now())

    summary = fact(page(world_a, person), "open_cases")

    assert f'href="/cases/{open_case.pk}/"' in summary and open_case.number in summary
    assert "Ελένη Βασιλάκη" in summary
    assert closed.number not in summary


def test_benefit_applications_under_way_show_their_renewal_date(world_a, person, worker):
    submitted = BenefitApplicationFactory(person=person, handled_by=worker,
                                          status=BenefitApplication.Status.SUBMITTED,
                                          submitted_on=TODAY(), renewal_due=datetime.date(2027, 5, 31))
    BenefitApplicationFactory(person=person, handled_by=worker, kind=BenefitApplication.Kind.HOUSING,
                              status=BenefitApplication.Status.REJECTED)

    summary = fact(page(world_a, person), "benefits")

    assert f'href="/benefits/{submitted.pk}/"' in summary
    assert "31/05/2027" in summary
    assert "Επίδομα στέγασης" not in summary


def test_the_households_current_aid_eligibility_shows_until_when(world_a, person, coordinator):
    household = household_create(by=coordinator, head=person)
    AidEligibilityFactory(household=household, decided_by=coordinator,
                          valid_until=TODAY() + datetime.timedelta(days=90))
    AidEligibilityFactory(household=household, decided_by=coordinator, scheme="clothing",
                          decided_on=TODAY() - datetime.timedelta(days=400),
                          valid_until=TODAY() - datetime.timedelta(days=1))

    summary = fact(page(world_a, person), "aid_eligibility")

    assert "Κοινωνικό Παντοπωλείο" in summary
    assert (TODAY() + datetime.timedelta(days=90)).strftime("%d/%m/%Y") in summary
    assert "Κοινωνικό Ενδυματοπωλείο" not in summary


def test_the_next_appointment_is_the_earliest_one_still_to_come(world_a, person, worker):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    later = appointment_book(by=worker, person=person, staff=worker, starts_at=start + datetime.timedelta(days=7),
                             ends_at=start + datetime.timedelta(days=7, hours=1), purpose="Δεύτερη συνάντηση")
    sooner = appointment_book(by=worker, person=person, staff=worker, starts_at=start,
                              ends_at=start + datetime.timedelta(hours=1), purpose="Πρώτη συνάντηση")

    summary = fact(page(world_a, person), "next_appointment")

    assert f'href="/appointments/{sooner.pk}/"' in summary and "Πρώτη συνάντηση" in summary
    assert str(later.pk) not in summary


def test_only_consents_valid_today_are_summarised_as_active(world_a, person, worker, consent):  # noqa: F811
    revoked = referrals.consent_record(person=person, by=worker, organization=consent.organization, purpose="Άλλος",
                                       categories=["household"], given_on=TODAY())
    referrals.consent_revoke(consent=revoked, by=worker)

    summary = fact(page(world_a, person), "consents")

    assert summary.count("<li>") == 1 and "ΚΨΥ Παραπομπών" in summary


def test_a_new_persons_summary_says_there_is_nothing_yet(world_a, person):
    html = page(world_a, person)

    assert "Κανένας ανοιχτός φάκελος." in fact(html, "open_cases")
    assert "Κανένα προγραμματισμένο ραντεβού." in fact(html, "next_appointment")


def test_actions_come_in_groups_and_the_esf_exit_stands_apart_from_editing(world_a, person):
    html = page(world_a, person)

    actions = re.search(r'data-testid="person-actions">(.*?)</nav>', html, re.S).group(1)
    groups = re.findall(r'class="action-group-title">([^<]+)<', actions)
    assert groups == ["Καταγραφή", "Φάκελος", "Παροχές", "Εξαγωγές", "Διαχείριση εγγραφής"]
    assert f"/people/{person.pk}/exit/" not in actions and f"/people/{person.pk}/edit/" not in actions
    esf_card = re.search(r'id="esf-heading".*?</section>', html, re.S).group(0)
    assert f'href="/people/{person.pk}/exit/"' in esf_card


def test_an_auditor_sees_no_group_of_actions_they_cannot_take(world_a, person):
    actions = re.search(r'data-testid="person-actions">(.*?)</nav>', page(world_a, person, Role.AUDITOR) + "</nav>",
                        re.S)

    assert actions is None or "Νέος φάκελος" not in actions.group(1)


def test_languages_are_shown_by_name_not_by_code(world_a, in_centre_a):
    person = PersonFactory(languages=["fa", "en"])

    html = page(world_a, person)

    assert "<dd>Περσικά, Αγγλικά</dd>" in html


def test_a_channel_without_an_address_is_not_ticked(world_a, in_centre_a):
    person = PersonFactory(email="", phone="6977123456")

    form = re.search(r'data-testid="person-channels">(.*?)</form>', page(world_a, person), re.S).group(1)

    assert re.search(r'value="sms" checked', form)
    assert not re.search(r'value="email" checked', form)

