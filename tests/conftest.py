"""Fixtures for the common actors: two centres (A and B) with staff of every role and tokens,
an operator and a region user in public, and clients bound to each host.

The two centres are created once per session and committed (tests run in transactions that are
rolled back, so each test sees them unchanged). Everything in centre B carries the marker
``LEAK_MARKER`` so that a response from A's host that mentions it shows a leak.
"""

import datetime
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

from casework.factories import PersonFactory
from casework.models import Case, Person
from casework.services import cases as case_services
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import operator_create, staff_create, token_get_or_create
from platform_core.settings_test import TEST_MEDIA_PREFIX
from tenants.models import Centre
from tenants.services import centre_create, public_tenant_ensure

pytest_plugins = ["tests.celery_worker"]

PASSWORD = "Test-password-2026"
LEAK_MARKER = "zetaleakmarker"
PUBLIC_HOST = "localhost"


@dataclass
class CentreWorld:
    """One centre as a test sees it: the centre, its host, and one user and token per role."""

    centre: Centre
    host: str
    users: dict[Role, User] = field(default_factory=dict)
    tokens: dict[Role, str] = field(default_factory=dict)

    @property
    def coordinator(self) -> User:
        return self.users[Role.COORDINATOR]

    def client(self, role: Role | None = Role.COORDINATOR) -> Client:
        """A browser-like client on this centre's host, logged in as ``role`` (None: anonymous)."""
        client = Client(HTTP_HOST=self.host)
        if role is not None:
            with schema_context(self.centre.schema_name):
                client.force_login(self.users[role])
        return client

    def api(self, role: Role | None = Role.COORDINATOR) -> APIClient:
        """An API client on this centre's host with ``role``'s token (None: anonymous)."""
        client = APIClient(HTTP_HOST=self.host)
        if role is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client


@dataclass
class PublicWorld:
    operator: User
    region_user: User
    operator_token: str
    region_token: str
    host: str = PUBLIC_HOST

    def client(self, user: User | None) -> Client:
        client = Client(HTTP_HOST=self.host)
        if user is not None:
            client.force_login(user)
        return client

    def api(self, token: str | None) -> APIClient:
        client = APIClient(HTTP_HOST=self.host)
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client


def _build_centre(slug: str, name: str, municipality: str, marker: str = "") -> CentreWorld:
    # With --reuse-db the centre and its staff survive from the previous run.
    centre = (Centre.objects.filter(slug=slug).first()
              or centre_create(slug=slug, name=name, municipality=municipality, region="crete").centre)
    world = CentreWorld(centre=centre, host=centre.primary_domain_name)
    with schema_context(centre.schema_name):
        for role in Role:
            email = f"{role.value}{marker}@{slug}.test"
            user = User.objects.filter(email=email).first() or staff_create(
                email=email, password=PASSWORD, role=role,
                first_name=f"{role.value.title()}{marker}", last_name=f"{slug.title()}{marker}",
            )
            world.users[role] = user
            world.tokens[role] = token_get_or_create(user=user).key
        _build_household(by=world.coordinator, marker=marker)
        _sample_document(world.coordinator, marker)
        _casework_records(world, marker)
        _build_aid_records(world, marker)
    return world


def _build_household(*, by: User, marker: str) -> None:
    """One person heading one household, so that the isolation harness has their ids to try."""
    from casework.models import Person
    from casework.services.people import household_create, person_create

    last_name = f"Δοκιμαστική{marker}"
    if not Person.objects.filter(last_name=last_name).exists():
        head = person_create(by=by, first_name="Ελένη", last_name=last_name, birth_date=datetime.date(1980, 5, 17))
        household_create(by=by, head=head)


def _sample_document(uploaded_by: User, marker: str) -> None:
    """One person with one scanned document per centre, so the isolation harness tries every
    document route with the other centre's real ids. With --reuse-db the rows survive but the
    session's media folder is new: the file is written again under its stored name."""
    from casework.factories import TINY_PNG, DocumentFactory, PersonFactory
    from casework.models import Document

    document = Document.objects.filter(title=f"Δείγμα εγγράφου{marker}").first()
    if document is None:
        person = PersonFactory(first_name=f"Δείγμα{marker}", last_name=f"Εγγράφων{marker}")
        document = DocumentFactory(person=person, uploaded_by=uploaded_by, title=f"Δείγμα εγγράφου{marker}")
    if not default_storage.exists(document.file.name):
        default_storage.save(document.file.name, ContentFile(TINY_PNG))


def _casework_records(world: CentreWorld, marker: str) -> None:
    """One reception contact, case (with plan, goal, step) and note in the centre, once."""
    if Case.objects.exists():
        return
    person = Person.objects.order_by("created_at").first() or PersonFactory(
        last_name=f"Παπαδάκη{marker}", first_name=f"Ελένη{marker}")
    worker = world.users[Role.SOCIAL_WORKER]
    contact = case_services.contact_log(
        by=world.users[Role.RECEPTION], person=person, topic="benefits", contacted_at=timezone.now(),
        channel="in_person", outcome="informed", summary=f"Ενημέρωση για το ΕΕΕ{marker}")
    case = case_services.case_open(person=person, by=world.coordinator, assigned_worker=worker,
                                   needs=["socioeconomic"], summary=f"Αίτημα οικονομικής στήριξης{marker}")
    contact.case = case
    contact.save(update_fields=["case"])
    case_services.plan_create_or_update(case=case, by=worker, summary=f"Σχέδιο ένταξης{marker}")
    goal = case_services.goal_add(case=case, by=worker, title=f"Εγγραφή στη ΔΥΠΑ{marker}", area="employment")
    case_services.step_add(goal=goal, by=worker, title=f"Ραντεβού στη ΔΥΠΑ{marker}", owner=worker,
                           due_date=timezone.localdate() + datetime.timedelta(days=7))
    case_services.note_add(person=person, by=worker, kind="counselling", occurred_at=timezone.now(),
                           text=f"Πρώτη συνεδρία συμβουλευτικής{marker}", case=case, duration_minutes=45)


def _build_aid_records(world: CentreWorld, marker: str) -> None:
    """One assessment, benefit application, eligibility decision and aid round with a receipt, in
    the current centre schema (once: they survive --reuse-db like the centre)."""
    from decimal import Decimal

    from django.utils import timezone

    from casework.factories import HouseholdMemberFactory
    from casework.models import AidRound, AidScheme, HouseholdMember
    from casework.services import aid, assessments

    title = f"Διανομή Παντοπωλείου{marker}"
    if AidRound.objects.filter(title=title).exists():
        return
    assessments.kea_rules_load()  # a centre kept from before the rules existed lacks them
    member = (HouseholdMember.objects.select_related("person", "household").filter(relation="head").first()
              or HouseholdMemberFactory(person__last_name=f"Μαρκάκη{marker}",
                                        household__name=f"Οικογένεια Μαρκάκη{marker}"))
    worker, today = world.users[Role.SOCIAL_WORKER], timezone.localdate()
    assessment = assessments.assessment_record(
        person=member.person, by=worker, assessed_on=today, adults=2, minors=1,
        incomes=[("wages", Decimal("300"))], notes=f"Αξιολόγηση{marker}")
    application = aid.benefit_create(person=member.person, by=worker, assessment=assessment,
                                     notes=f"Αίτηση ΚΕΑ{marker}")
    aid.benefit_submit(application=application, by=worker, submitted_on=today)
    aid.aid_eligibility_decide(household=member.household, scheme=AidScheme.GROCERY, by=worker,
                               notes=f"Επιλέξιμο{marker}")
    aid_round = aid.aidround_create(kind=AidRound.Kind.GROCERY, title=title, distributed_on=today, by=worker,
                                    items=f"Τρόφιμα{marker}")
    aid.aid_receipt_record(round=aid_round, household=member.household, by=world.users[Role.RECEPTION],
                           received_by=member.person, signed=True)


@pytest.fixture(scope="session", autouse=True)
def media_root():
    """Uploads and reports of the whole session go to the throw-away folder that
    ``settings_test`` made (a worker started by the tests inherits it); removed at the end."""
    root = Path(settings.MEDIA_ROOT)
    yield root
    if root.name.startswith(TEST_MEDIA_PREFIX):
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def worlds(django_db_setup, django_db_blocker, media_root):
    """Centres A and B and the public accounts, committed once for the whole session."""
    with django_db_blocker.unblock():
        public_tenant_ensure()
        world_a = _build_centre("alpha", "Κέντρο Κοινότητας Άλφα", "apokoronas")
        world_b = _build_centre("beta", f"Κέντρο Κοινότητας Βήτα {LEAK_MARKER}", "platanias", marker=LEAK_MARKER)
        from regional.services import region_user_create

        operator = User.objects.filter(email="operator@koinotita.test").first() or operator_create(
            email="operator@koinotita.test", password=PASSWORD)
        region_user = User.objects.filter(email="region@koinotita.test").first() or region_user_create(
            region="crete", email="region@koinotita.test", password=PASSWORD)
        public = PublicWorld(
            operator=operator, region_user=region_user,
            operator_token=token_get_or_create(user=operator).key,
            region_token=token_get_or_create(user=region_user).key,
        )
    return {"a": world_a, "b": world_b, "public": public}


@pytest.fixture
def world_a(worlds, db) -> CentreWorld:
    return worlds["a"]


@pytest.fixture
def world_b(worlds, db) -> CentreWorld:
    return worlds["b"]


@pytest.fixture
def public_world(worlds, db) -> PublicWorld:
    return worlds["public"]


@pytest.fixture
def centre_a(world_a) -> Centre:
    return world_a.centre


@pytest.fixture
def centre_b(world_b) -> Centre:
    return world_b.centre


@pytest.fixture
def coordinator(world_a) -> User:
    return world_a.coordinator


@pytest.fixture
def api_client(world_a) -> APIClient:
    """The coordinator of centre A, authenticated by token on A's host."""
    return world_a.api(Role.COORDINATOR)


@pytest.fixture
def media(settings, tmp_path):
    """Uploads of this test go to its own temporary folder (the path is returned)."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def in_centre_a(centre_a):
    """Runs the test body inside centre A's schema (for calling services directly)."""
    with schema_context(centre_a.schema_name):
        yield centre_a


@pytest.fixture(autouse=True)
def _back_to_public_schema():
    yield
    if hasattr(connection, "set_schema_to_public"):
        connection.set_schema_to_public()
