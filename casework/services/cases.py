"""Casework services: reception contacts, cases and their status history, pathway plans, and
contact/counselling notes. Every function is one transaction and raises ``ValidationError`` with
field names; the acting user is always an argument."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import (
    Case,
    CaseEvent,
    CaseNumberSequence,
    ContactNote,
    Household,
    Need,
    PathwayGoal,
    PathwayPlan,
    PathwayStep,
    Person,
    ReceptionContact,
    Site,
)
from casework.reminders import case_reminders_cancel, step_reminder_sync
from casework.services.sites import site_or_main_office
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.db import copy_insert_instances

# Who may be in charge of a case, and own a pathway step.
CASE_WORKER_ROLES = (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.PSYCHOLOGIST)
# A contact or note may be dated a little ahead (clocks differ), not in the future.
_CLOCK_SLACK = datetime.timedelta(minutes=5)


def _is_case_worker(user: User | None) -> bool:
    return bool(user and user.is_active and any(role in CASE_WORKER_ROLES for role in user.roles))


def case_worker_is(user: User | None) -> bool:
    """Whether ``user`` may be in charge of a case (an active social worker, psychologist or
    coordinator)."""
    return _is_case_worker(user)


def _not_in_future(value: datetime.datetime | None, field: str) -> None:
    if value is not None and value > timezone.now() + _CLOCK_SLACK:
        raise ValidationError({field: _("Η ημερομηνία δεν μπορεί να είναι στο μέλλον.")})


def _clean_needs(needs) -> list[str]:
    needs = list(dict.fromkeys(needs or []))
    if not needs:
        raise ValidationError({"needs": _("Επιλέξτε τουλάχιστον μία ανάγκη.")})
    unknown = [need for need in needs if need not in Need.values]
    if unknown:
        raise ValidationError({"needs": _("Άγνωστη ανάγκη: %(needs)s.") % {"needs": ", ".join(map(str, unknown))}})
    return needs


# --- Case numbers -----------------------------------------------------------------------------

def case_number_next(*, year: int) -> str:
    """The next ``YYYY/NNNN`` of the current centre. One statement takes and increments the
    year's counter; PostgreSQL holds the row lock until the caller's transaction ends, so two
    intakes at the same moment get consecutive numbers and a rolled-back one leaves no gap."""
    table = connection.ops.quote_name(CaseNumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 (table name from the model)
            f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 RETURNING last_number",
            [year],
        )
        (number,) = cursor.fetchone()
    return f"{year:04d}/{number:04d}"


def case_numbers_take(*, year: int, count: int) -> list[str]:
    """``count`` consecutive numbers of the year in one statement (an import), with the same
    guarantees as ``case_number_next``."""
    table = connection.ops.quote_name(CaseNumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_number) VALUES (%s, %s) "  # noqa: S608 (table name from the model)
            f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + %s RETURNING last_number",
            [year, count, count],
        )
        (last,) = cursor.fetchone()
    return [f"{year:04d}/{number:04d}" for number in range(last - count + 1, last + 1)]


# --- Cases ------------------------------------------------------------------------------------

def _event(*, case: Case, by: User, kind: str, from_status: str, note: str = "", reason: str = "",
           assigned_worker: User | None = None) -> CaseEvent:
    event = CaseEvent(case=case, by=by, kind=kind, from_status=from_status, to_status=case.status,
                      reason=reason, note=note, assigned_worker=assigned_worker)
    event.full_clean()
    event.save()
    return event


def _check_worker(worker: User | None, field: str = "assigned_worker") -> None:
    if not _is_case_worker(worker):
        raise ValidationError({field: _("Επιλέξτε ενεργό/ή κοινωνικό λειτουργό, ψυχολόγο ή συντονιστή/τρια.")})


@transaction.atomic
def case_open(*, person: Person, by: User, assigned_worker: User, needs: list[str],
              intake_date: datetime.date | None = None, summary: str = "",
              household: Household | None = None, site: Site | None = None) -> Case:
    """Opens a case (φάκελος) for the person, numbered ``YYYY/NNNN`` by intake year, at ``site``
    (default: the main office)."""
    intake_date = intake_date or timezone.localdate()
    needs = case_open_check(assigned_worker=assigned_worker, needs=needs, intake_date=intake_date)
    if household is None:
        household = person.household
    case = Case(person=person, household=household, intake_date=intake_date, assigned_worker=assigned_worker,
                needs=needs, summary=summary.strip(), status=Case.Status.OPEN, site=site_or_main_office(site))
    case.full_clean(exclude=["number"])
    # Numbered last, once everything else is valid: a refused case takes no number.
    case.number = case_number_next(year=intake_date.year)
    case.save()
    _event(case=case, by=by, kind=CaseEvent.Kind.OPENED, from_status="", note=case.summary,
           assigned_worker=assigned_worker)
    return case


def case_open_check(*, assigned_worker: User | None, needs: list[str], intake_date: datetime.date,
                    worker_checked: bool = False) -> list[str]:
    """The checks of ``case_open`` on what a row of an import gives; the needs cleaned, or
    ``ValidationError`` by field. ``worker_checked``: the caller checked the worker once for
    many rows (``case_worker_is``), since reading a user's roles costs a query."""
    errors = {}
    try:
        if not worker_checked:
            _check_worker(assigned_worker)
    except ValidationError as exc:
        errors |= exc.error_dict
    try:
        needs = _clean_needs(needs)
    except ValidationError as exc:
        errors |= exc.error_dict
    if intake_date > timezone.localdate():
        errors["intake_date"] = [ValidationError(_("Η ημερομηνία εισαγωγής δεν μπορεί να είναι στο μέλλον."))]
    if errors:
        raise ValidationError(errors)
    return needs


@transaction.atomic
def cases_open_many(*, by: User, cases: list[Case]) -> list[Case]:
    """Opens many cases at once (an import), each already through ``case_open_check``: numbered
    by intake year in one statement per year, at the main office unless a site is given, with
    their opening event; one COPY per table."""
    site = site_or_main_office(None)
    by_year: dict[int, list[Case]] = {}
    for case in cases:
        case.status, case.summary = Case.Status.OPEN, (case.summary or "").strip()
        case.site = case.site or site
        by_year.setdefault(case.intake_date.year, []).append(case)
    for year, of_year in sorted(by_year.items()):
        for case, number in zip(of_year, case_numbers_take(year=year, count=len(of_year)), strict=True):
            case.number = number
    copy_insert_instances(Case, cases)
    copy_insert_instances(CaseEvent, [
        CaseEvent(case=case, by=by, kind=CaseEvent.Kind.OPENED, from_status="", to_status=case.status,
                  note=case.summary, assigned_worker=case.assigned_worker) for case in cases])
    return cases


def _locked(case: Case) -> Case:
    """The case re-read under a row lock, so concurrent status changes apply one after another."""
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_hold(*, case: Case, by: User, note: str = "") -> Case:
    case = _locked(case)
    if case.status != Case.Status.OPEN:
        raise ValidationError({"status": _("Σε αναμονή μπαίνει μόνο ανοιχτός φάκελος (τώρα: %(status)s).")
                               % {"status": case.get_status_display()}})
    case.status = Case.Status.ON_HOLD
    case.save(update_fields=["status", "updated_at"])
    _event(case=case, by=by, kind=CaseEvent.Kind.HELD, from_status=Case.Status.OPEN, note=note.strip())
    return case


@transaction.atomic
def case_reopen(*, case: Case, by: User, note: str = "") -> Case:
    case = _locked(case)
    if case.status == Case.Status.OPEN:
        raise ValidationError({"status": _("Ο φάκελος είναι ήδη ανοιχτός.")})
    previous = case.status
    case.status, case.closed_reason, case.closed_at = Case.Status.OPEN, "", None
    case.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
    _event(case=case, by=by, kind=CaseEvent.Kind.REOPENED, from_status=previous, note=note.strip())
    return case


@transaction.atomic
def case_close(*, case: Case, by: User, reason: str, note: str = "") -> Case:
    case = _locked(case)
    if case.status == Case.Status.CLOSED:
        raise ValidationError({"status": _("Ο φάκελος είναι ήδη κλειστός.")})
    if not reason:
        raise ValidationError({"reason": _("Επιλέξτε τον λόγο κλεισίματος.")})
    if reason not in Case.ClosedReason.values:
        raise ValidationError({"reason": _("Άγνωστος λόγος κλεισίματος.")})
    if reason == Case.ClosedReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Περιγράψτε τον λόγο κλεισίματος.")})
    previous = case.status
    case.status, case.closed_reason, case.closed_at = Case.Status.CLOSED, reason, timezone.now()
    case.full_clean()
    case.save(update_fields=["status", "closed_reason", "closed_at", "updated_at"])
    _event(case=case, by=by, kind=CaseEvent.Kind.CLOSED, from_status=previous, reason=reason, note=note.strip())
    case_reminders_cancel(case=case)
    return case


@transaction.atomic
def case_reassign(*, case: Case, by: User, assigned_worker: User, note: str = "") -> Case:
    case = _locked(case)
    if case.status == Case.Status.CLOSED:
        raise ValidationError({"assigned_worker": _("Ο φάκελος είναι κλειστός· ανοίξτε τον πρώτα.")})
    _check_worker(assigned_worker)
    if assigned_worker.pk == case.assigned_worker_id:
        raise ValidationError({"assigned_worker": _("Ο φάκελος έχει ήδη αυτόν/ήν τον/την υπεύθυνο/η.")})
    case.assigned_worker = assigned_worker
    case.save(update_fields=["assigned_worker", "updated_at"])
    _event(case=case, by=by, kind=CaseEvent.Kind.REASSIGNED, from_status=case.status, note=note.strip(),
           assigned_worker=assigned_worker)
    return case


@transaction.atomic
def case_update(*, case: Case, by: User, needs: list[str] | None = None, summary: str | None = None,
                assigned_worker: User | None = None) -> Case:
    """Changes the needs and the description of the request and, through ``case_reassign``
    (which records it in the history), the worker in charge. None leaves a value as it is."""
    if assigned_worker is not None and assigned_worker.pk != case.assigned_worker_id:
        case = case_reassign(case=case, by=by, assigned_worker=assigned_worker)
    case = _locked(case)
    if case.status == Case.Status.CLOSED and (needs is not None or summary is not None):
        raise ValidationError({"status": _("Ο φάκελος είναι κλειστός· ανοίξτε τον πρώτα.")})
    fields = []
    if needs is not None:
        case.needs = _clean_needs(needs)
        fields.append("needs")
    if summary is not None:
        case.summary = summary.strip()
        fields.append("summary")
    if fields:
        case.full_clean()
        case.save(update_fields=[*fields, "updated_at"])
    return case


# --- Reception --------------------------------------------------------------------------------

@transaction.atomic
def contact_log(*, by: User, topic: str, contacted_at: datetime.datetime, channel: str, outcome: str,
                summary: str = "", person: Person | None = None, visitor_name: str = "", open_case: bool = False,
                assigned_worker: User | None = None, needs: list[str] | tuple = (),
                site: Site | None = None) -> ReceptionContact:
    """Logs a reception contact, with or without a registered person; with ``open_case`` it also
    opens the person's case in the same transaction, and the outcome is «case opened»."""
    visitor_name = visitor_name.strip()
    if open_case:
        if person is None:
            raise ValidationError({"person": _("Για να ανοίξει φάκελος, επιλέξτε καταχωρισμένο/η ωφελούμενο/η.")})
        if not by.has_perm("casework.add_case"):
            raise ValidationError({"open_case": _("Δεν έχετε δικαίωμα να ανοίξετε φάκελο.")})
        outcome = ReceptionContact.Outcome.CASE_OPENED
    elif outcome == ReceptionContact.Outcome.CASE_OPENED:
        raise ValidationError({"outcome": _("Για την έκβαση «Άνοιξε φάκελος» επιλέξτε «Άνοιγμα φακέλου».")})
    if person is None and not visitor_name:
        raise ValidationError({"visitor_name": _("Επιλέξτε ωφελούμενο/η ή γράψτε το όνομα του/της επισκέπτη.")})
    _not_in_future(contacted_at, "contacted_at")
    contact = ReceptionContact(person=person, visitor_name="" if person else visitor_name,
                               contacted_at=contacted_at, channel=channel, topic=topic, summary=summary.strip(),
                               outcome=outcome, staff=by, site=site_or_main_office(site))
    contact.full_clean()
    if open_case:
        contact.case = case_open(person=person, by=by, assigned_worker=assigned_worker, needs=list(needs),
                                 intake_date=timezone.localdate(contacted_at), summary=contact.summary,
                                 site=contact.site)
    contact.save()
    return contact


# --- Pathway plans ----------------------------------------------------------------------------

def _check_plan_open(case: Case) -> None:
    """The plan of a closed case is a record; the status is read under the case's row lock, so a
    case being closed at the same moment is seen as closed."""
    if _locked(case).status == Case.Status.CLOSED:
        raise ValidationError(_("Ο φάκελος είναι κλειστός· το σχέδιο δεν αλλάζει."))


@transaction.atomic
def plan_create_or_update(*, case: Case, by: User, summary: str = "", agreed_on: datetime.date | None = None,
                          review_on: datetime.date | None = None) -> PathwayPlan:
    _check_plan_open(case)
    if agreed_on and review_on and review_on < agreed_on:
        raise ValidationError({"review_on": _("Η επανεξέταση δεν μπορεί να είναι πριν από τη συμφωνία.")})
    plan = PathwayPlan.objects.select_for_update().filter(case=case).first() or PathwayPlan(case=case)
    plan.summary, plan.agreed_on, plan.review_on = summary.strip(), agreed_on, review_on
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def goal_add(*, case: Case, by: User, title: str, area: str = Need.OTHER) -> PathwayGoal:
    """Adds a goal to the case's plan, creating an empty plan the first time."""
    _check_plan_open(case)
    plan = PathwayPlan.objects.filter(case=case).first() or plan_create_or_update(case=case, by=by)
    goal = PathwayGoal(plan=plan, title=title.strip(), area=area)
    goal.full_clean()
    goal.save()
    return goal


def _check_step(step: PathwayStep) -> None:
    _check_worker(step.owner, "owner")
    step.full_clean()


@transaction.atomic
def step_add(*, goal: PathwayGoal, by: User, title: str, owner: User, due_date: datetime.date) -> PathwayStep:
    _check_plan_open(goal.plan.case)
    step = PathwayStep(goal=goal, title=title.strip(), owner=owner, due_date=due_date)
    _check_step(step)
    step.save()
    step_reminder_sync(step=step, by=by)
    return step


def _locked_step(step: PathwayStep) -> PathwayStep:
    step = PathwayStep.objects.select_for_update().select_related("goal__plan__case").get(pk=step.pk)
    _check_plan_open(step.goal.plan.case)
    return step


def _check_step_open(step: PathwayStep) -> None:
    if step.state not in PathwayStep.OPEN_STATES:
        raise ValidationError({"state": _("Το βήμα έχει ήδη %(state)s.") % {"state": step.get_state_display().lower()}})


@transaction.atomic
def step_update(*, step: PathwayStep, by: User, title: str | None = None, owner: User | None = None,
                due_date: datetime.date | None = None, state: str | None = None) -> PathwayStep:
    """Changes an open step: its title, owner, due date, or planned ↔ in progress. Done and
    cancelled go through ``step_complete`` and ``step_cancel``."""
    step = _locked_step(step)
    _check_step_open(step)
    if state is not None and state not in PathwayStep.OPEN_STATES:
        raise ValidationError({"state": _("Για ολοκλήρωση ή ακύρωση χρησιμοποιήστε τις αντίστοιχες ενέργειες.")})
    if title is not None:
        step.title = title.strip()
    if owner is not None:
        step.owner = owner
    if due_date is not None:
        step.due_date = due_date
    if state is not None:
        step.state = state
    _check_step(step)
    step.save()
    step_reminder_sync(step=step, by=by)
    return step


@transaction.atomic
def step_complete(*, step: PathwayStep, by: User, completed_on: datetime.date | None = None) -> PathwayStep:
    step = _locked_step(step)
    _check_step_open(step)
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("Η ημερομηνία δεν μπορεί να είναι στο μέλλον.")})
    step.state, step.completed_on = PathwayStep.State.DONE, completed_on
    step.save(update_fields=["state", "completed_on", "updated_at"])
    step_reminder_sync(step=step, by=by)
    return step


@transaction.atomic
def step_cancel(*, step: PathwayStep, by: User) -> PathwayStep:
    step = _locked_step(step)
    _check_step_open(step)
    step.state = PathwayStep.State.CANCELLED
    step.save(update_fields=["state", "updated_at"])
    step_reminder_sync(step=step, by=by)
    return step


# --- Contact and counselling notes ------------------------------------------------------------

def _check_note(note: ContactNote) -> None:
    _not_in_future(note.occurred_at, "occurred_at")
    if note.duration_minutes is not None and not 1 <= note.duration_minutes <= 600:
        raise ValidationError({"duration_minutes": _("Η διάρκεια είναι από 1 έως 600 λεπτά.")})
    if note.case_id and note.case.person_id != note.person_id:
        raise ValidationError({"case": _("Ο φάκελος ανήκει σε άλλο/η ωφελούμενο/η.")})
    note.text = note.text.strip()
    note.full_clean()


@transaction.atomic
def note_add(*, person: Person, by: User, kind: str, occurred_at: datetime.datetime, text: str,
             sensitive: bool = False, case: Case | None = None, duration_minutes: int | None = None) -> ContactNote:
    note = ContactNote(person=person, author=by, kind=kind, occurred_at=occurred_at, text=text,
                       sensitive=sensitive, case=case, duration_minutes=duration_minutes)
    _check_note(note)
    note.save()
    return note


def can_edit_note(*, note: ContactNote, user: User) -> bool:
    return note.author_id == user.pk or Role.COORDINATOR in user.roles


_NOTE_FIELDS = ("kind", "occurred_at", "text", "sensitive", "case", "duration_minutes")


@transaction.atomic
def note_update(*, note: ContactNote, by: User, **changes) -> ContactNote:
    """Changes a note: only its author, or the coordinator."""
    if not can_edit_note(note=note, user=by):
        raise PermissionDenied(_("Μόνο ο/η συντάκτης/τρια ή ο/η συντονιστής/τρια αλλάζει τη σημείωση."))
    unknown = set(changes) - set(_NOTE_FIELDS)
    if unknown:
        raise TypeError(f"note_update() got unexpected fields: {sorted(unknown)}")
    note = ContactNote.objects.select_for_update().get(pk=note.pk)
    for field, value in changes.items():
        setattr(note, field, value)
    _check_note(note)
    note.save()
    return note
