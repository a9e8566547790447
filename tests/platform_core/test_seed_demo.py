"""seed_demo builds the demo through the services, and a second run changes nothing."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from casework.models import AidReceipt, Case, ContactNote, Household, PathwayStep, Person
from partners.demo import DEMO_DIRECTORY
from partners.models import Organization, Service
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.management.commands.seed_demo import (
    DEMO_CENTRES,
    DEMO_PASSWORD,
    OPERATOR_EMAIL,
    REGION_USER_EMAIL,
    demo_logins,
)
from tenants.models import Centre

pytestmark = pytest.mark.django_db


def seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module (onboarding two centres takes seconds) inside a
    transaction rolled back after the last test; each test runs in a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


def account_counts() -> dict[str, int]:
    """Rows a re-run could add: centres, partners, and the accounts of public and every centre."""
    counts = {"centres": Centre.objects.count(), "partners": Organization.objects.count(),
              "services": Service.objects.count(), "public": User.objects.count()}
    for centre in Centre.objects.exclude(schema_name=get_public_schema_name()):
        with schema_context(centre.schema_name):
            counts[centre.slug] = User.objects.count()
            counts[f"{centre.slug} people"] = Person.objects.count()
            counts[f"{centre.slug} cases"] = Case.objects.count()
    return counts


def signs_in(*, schema: str, username: str) -> bool:
    with schema_context(schema):
        request = RequestFactory().post("/accounts/login/")
        return authenticate(request, username=username, password=DEMO_PASSWORD) is not None


def test_first_run_reports_what_it_created(seeded):
    assert "2 centres (2 new)" in seeded


def test_second_run_adds_no_centre_account_person_case_or_partner():
    after_first_run = account_counts()

    seed_demo()

    assert account_counts() == after_first_run


def test_second_run_rewrites_no_partner():
    first_updates = dict(Service.objects.values_list("id", "updated_at"))

    seed_demo()

    assert dict(Service.objects.values_list("id", "updated_at")) == first_updates


def test_each_demo_centre_has_one_account_per_role():
    for demo in DEMO_CENTRES:
        centre = Centre.objects.get(slug=demo.slug)
        with schema_context(centre.schema_name):
            assert sorted(user.role for user in User.objects.all()) == sorted(Role)


def test_demo_staff_sign_in_at_their_own_centre_only():
    apokoronas, platanias = (Centre.objects.get(slug=demo.slug) for demo in DEMO_CENTRES)
    coordinator = DEMO_CENTRES[0].staff_email(Role.COORDINATOR)

    assert signs_in(schema=apokoronas.schema_name, username=coordinator)
    assert not signs_in(schema=platanias.schema_name, username=coordinator)
    assert not signs_in(schema=get_public_schema_name(), username=coordinator)


def test_operator_is_a_superuser_of_the_public_schema():
    operator = User.objects.get(username=OPERATOR_EMAIL)

    assert operator.is_superuser and operator.is_staff
    assert signs_in(schema=get_public_schema_name(), username=OPERATOR_EMAIL)


def test_region_user_belongs_to_crete():
    region_user = User.objects.get(username=REGION_USER_EMAIL)

    assert region_user.region_membership.region.slug == "crete"
    assert not region_user.is_staff


def test_partner_directory_of_the_seed_documents_serves_crete():
    partners = Organization.objects.filter(name__in=[partner["name"] for partner in DEMO_DIRECTORY])

    assert partners.count() == len(DEMO_DIRECTORY)
    assert all([region.slug for region in partner.regions.all()] == ["crete"] for partner in partners)


def test_platanias_carries_its_espa_operation_code():
    assert Centre.objects.get(slug="platanias").espa_mis_code == "5001426"


def test_every_printed_login_exists_where_it_is_printed():
    for where, _role, username in demo_logins():
        schema = where if where in {demo.slug for demo in DEMO_CENTRES} else get_public_schema_name()
        assert signs_in(schema=schema, username=username), username


def test_each_demo_centre_has_families_with_casework_a_worker_can_act_on():
    for demo in DEMO_CENTRES:
        centre = Centre.objects.get(slug=demo.slug)
        with schema_context(centre.schema_name):
            worker = User.objects.get(username=demo.staff_email(Role.SOCIAL_WORKER))
            assert Household.objects.count() >= 8 and Person.objects.count() >= 20
            assert Case.objects.filter(status="open", assigned_worker=worker).exists()
            assert Case.objects.filter(status="closed").exists()
            assert PathwayStep.objects.filter(owner=worker, due_date__lt=timezone.localdate(), state="planned").exists()
            assert ContactNote.objects.filter(sensitive=True).exists()
            assert AidReceipt.objects.exists()
            assert all(person.municipality_id == centre.municipality_id for person in Person.objects.all())


def test_each_demo_centre_has_two_programmes_with_sessions_a_waitlist_attendance_and_appointments():
    import datetime

    from programs.models import Appointment, Attendance, Enrolment, Programme, Session

    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    for slug in (demo.slug for demo in DEMO_CENTRES):
        with schema_context(Centre.objects.get(slug=slug).schema_name):
            assert Programme.objects.count() == 2
            assert Session.objects.filter(series__isnull=False).count() > 20
            assert Enrolment.objects.filter(status="waitlisted").exists()
            assert Attendance.objects.exists()
            assert Appointment.objects.filter(starts_at__date__gte=monday,
                                              starts_at__date__lt=monday + datetime.timedelta(days=7)).exists()


def test_a_demo_centre_is_set_up_so_its_coordinator_sees_no_set_up_checklist():
    from platform_core.checklist import setup_items_pending

    for demo in DEMO_CENTRES:
        centre = Centre.objects.get(slug=demo.slug)
        with schema_context(centre.schema_name):
            coordinator = User.objects.get(username=demo.staff_email(Role.COORDINATOR))
            assert setup_items_pending(user=coordinator) == []
