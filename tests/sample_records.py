"""One record of every kind in a test centre, so that the isolation harness has real ids of both
centres to try on every route, and centre B's texts carry ``LEAK_MARKER``. Each builder runs in
the centre's schema, once: with ``--reuse-db`` what exists is kept."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from casework.factories import PersonFactory
from casework.models import Case, Person
from casework.services import cases as case_services
from notifications.models import Reminder
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role


def centre_records(world, marker: str) -> None:
    _build_household(by=world.coordinator, marker=marker)
    _sample_document(world.coordinator, marker)
    _casework_records(world, marker)
    _build_aid_records(world, marker)
    _programme_records(world, marker)
    _referral_records(world, marker)
    _access_log_records(world, marker)
    _import_records(world, marker)
    # The steps and applications above scheduled reminders; the world keeps only its fixture
    # reminder, so that dispatch tests count and send exactly the reminders they make.
    Reminder.objects.exclude(purpose="fixture").delete()
    _fixture_reminder(world, marker)
    _regional_rollup(world)


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


def _casework_records(world, marker: str) -> None:
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


def _build_aid_records(world, marker: str) -> None:
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


def _programme_records(world, marker: str) -> None:
    """A branch with a room and a closure day, a programme with a recurring series (one session
    held, with attendance and a signed sheet), an enrolment and a waitlisted one, and an
    appointment, once."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.factories import TINY_PDF
    from casework.services.sites import room_add, site_create
    from programs.models import ClosureDay, Programme, Session
    from programs.services import appointments, attendance, enrolments, programmes, sessions

    title = f"Εργαστήρι αυτάρκειας{marker}"
    programme = Programme.objects.filter(title=title).first()
    if programme is None:
        worker, today = world.users[Role.SOCIAL_WORKER], timezone.localdate()
        branch = site_create(by=world.coordinator, name=f"Παράρτημα{marker}", kind="branch",
                             address=f"Οδός Δοκιμής{marker}")
        room = room_add(site=branch, by=world.coordinator, name=f"Αίθουσα{marker}")
        ClosureDay.objects.create(day=today + datetime.timedelta(days=400), site=branch, reason=f"Κλειστό{marker}")
        programme = programmes.programme_create(
            by=world.coordinator, kind="workshop", title=title, capacity=1, site=branch, room=room,
            starts_on=today - datetime.timedelta(days=14), ends_on=today + datetime.timedelta(days=60),
            status="open", facilitators=[worker], description=f"Περιγραφή{marker}")
        first = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time(9)))
        sessions.sessions_schedule(programme=programme, by=world.coordinator, rule="FREQ=WEEKLY;COUNT=3",
                                   first_starts_at=first, duration_minutes=60, topic=f"Θέμα{marker}")
        people = [PersonFactory(last_name=f"Συμμετέχουσα{marker}", first_name=f"Άννα{marker}"),
                  PersonFactory(last_name=f"Αναμονή{marker}", first_name=f"Νίκος{marker}")]
        for person in people:
            enrolments.enrolment_create(programme=programme, person=person, by=world.coordinator)
        held = Session.objects.filter(programme=programme).order_by("starts_at").first()
        attendance.attendance_record(session=held, by=world.coordinator, all_present=True, marks={})
        attendance.signed_sheet_upload(session=held, by=world.coordinator,
                                       upload=SimpleUploadedFile("sheet.pdf", TINY_PDF, content_type="application/pdf"))
        start = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=3), datetime.time(12)))
        appointments.appointment_book(by=world.coordinator, person=people[0], staff=worker, starts_at=start,
                                      ends_at=start + datetime.timedelta(minutes=30), purpose=f"Συνεδρία{marker}")
    held = Session.objects.filter(programme=programme).exclude(signed_sheet="").first()
    if held is not None and not default_storage.exists(held.signed_sheet.name):
        from casework.factories import TINY_PDF

        default_storage.save(held.signed_sheet.name, ContentFile(TINY_PDF))


def _access_log_records(world, marker: str) -> None:
    """A social worker's read of the household head's record, so the centre's access log (page
    and API) lists a row naming one of the centre's people."""
    from casework.models import AccessLog
    from casework.services.access import access_record

    head = Person.objects.get(last_name=f"Δοκιμαστική{marker}")
    if not AccessLog.objects.filter(person=head).exists():
        access_record(user=world.users[Role.SOCIAL_WORKER], person=head)


def _fixture_reminder(world, marker: str) -> None:
    """One reminder per centre (scheduled years ahead — within the bound on reminders' dates —
    so no dispatch sends it); scheduling is an
    upsert by key, so a reused database keeps the one it has."""
    from notifications.models import Channel
    from notifications.services import reminder_schedule

    reminder_schedule(about=world.coordinator, purpose="fixture", staff=world.coordinator, channel=Channel.IN_APP,
                      due_at=datetime.datetime(datetime.date.today().year + 5, 1, 1, 9, tzinfo=datetime.UTC),
                      template="custom",
                      context={"text": f"Υπενθύμιση δοκιμής{marker}"})


def _regional_rollup(world) -> None:
    """This month's indicators of the centre rolled up and its region published, so the region
    routes have rows of both centres (counts only: there is no text to mark)."""
    from django_tenants.utils import schema_context

    from regional.publication import region_publish
    from regional.rollup import centre_rollup, periods_for

    periods = periods_for(month=timezone.localdate().strftime("%Y-%m"))
    centre_rollup(centre=world.centre, periods=periods)
    with schema_context("public"):
        region_publish(region=world.centre.region, periods=[period.code for period in periods])


def _referral_records(world, marker: str) -> None:
    """A consent, a referral to a directory service (sent, with its history), a partner's referral
    in and a directory proposal per centre; centre A also refers someone to centre B, so B holds
    a pending incoming referral from another centre (B never refers to A: B's texts, shared by
    consent, would rightly appear on A's host). Once: they survive --reuse-db."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from casework.models import Referral
    from casework.services import referrals
    from partners.models import Organization, Service
    from partners.services import proposal_create, service_upsert
    from tenants.models import Centre

    if Referral.objects.exists():
        return
    organization = Organization.objects.filter(name="Δοκιμαστικός φορέας").first() or Organization.objects.create(
        name="Δοκιμαστικός φορέας", description="Φορέας των δοκιμών")
    service = Service.objects.filter(organization=organization).first() or service_upsert(
        organization=organization, name="Δοκιμαστική υπηρεσία", categories=["welfare_benefits"])
    worker = world.users[Role.SOCIAL_WORKER]
    person = Person.objects.order_by("created_at").first()
    referrals.consent_record(person=person, by=worker, organization=organization, categories=["identity"],
                             purpose=f"Παραπομπή{marker}", given_on=timezone.localdate())
    referral = referrals.referral_create(person=person, by=worker, service=service, categories=["identity"],
                                         reason=f"Λόγος παραπομπής{marker}",
                                         due_on=timezone.localdate() + datetime.timedelta(days=10))
    referrals.referral_send(referral=referral, by=worker)
    referrals.incoming_referral_record(by=worker, source_organization=organization, person=person,
                                       reason=f"Εισερχόμενη από φορέα{marker}", referrer_name=f"Εκπαιδευτικός{marker}")
    proposal_create(kind="new", facts={"organization_name": f"Νέος φορέας{marker}"}, centre_slug=world.centre.slug,
                    staff=worker, note=f"Πρόταση{marker}")
    alpha = Centre.objects.filter(slug="alpha").first()
    if marker and alpha is not None:
        # Built with B (A exists by then), in A's schema: A refers one of its people to B.
        beta = Centre.objects.get(schema_name=connection.schema_name)
        with schema_context(alpha.schema_name):
            a_worker = User.objects.filter(groups__name=Role.SOCIAL_WORKER).first()
            a_person = Person.objects.order_by("created_at").first()
            referrals.consent_record(person=a_person, by=a_worker, centre=beta, categories=["identity"],
                                     purpose="Μετακόμιση", given_on=timezone.localdate())
            moving = referrals.referral_create(person=a_person, by=a_worker, centre=beta, categories=["identity"],
                                               reason="Μετακομίζει",
                                               due_on=timezone.localdate() + datetime.timedelta(days=10))
            referrals.referral_send(referral=moving, by=a_worker)
            Reminder.objects.exclude(purpose="fixture").delete()  # as centre_records does for A


def _import_records(world, marker: str) -> None:
    """A previewed spreadsheet import per centre whose one row is refused (so nobody is created),
    with its stored file and errors file, and the mapping it saved."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.models import ImportJob, ImportMapping
    from casework.services import imports
    from tests.casework.imports.files import HEADER, xlsx_bytes

    if ImportJob.objects.exists():
        return
    data = xlsx_bytes(HEADER, [[f"Εισαγωγή{marker}", "Λάθος", "01/01/1990", "01019012340", "", "", ""]])
    job = imports.import_upload(by=world.coordinator, kind="people", upload=SimpleUploadedFile("m.xlsx", data))
    # What import_map does, without queueing the preview task: it runs here.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.PREVIEWING)
    ImportMapping.objects.update_or_create(kind=job.kind, defaults={"columns": job.mapping})
    imports.import_preview(job_id=job.pk)
