"""Enrolment in a programme, with its capacity and an ordered waitlist.

Why the last place cannot be taken twice
----------------------------------------
Every service that changes who holds a place (``enrolment_create``, ``enrolment_withdraw``,
``enrolment_finish``, a change of capacity) starts by locking the programme's row with
``SELECT … FOR UPDATE`` and only then counts the enrolled. Two members of staff enrolling the last
two people at the same moment therefore run one after the other on that row: the second blocks on
the lock until the first commits, and — PostgreSQL's READ COMMITTED taking a fresh snapshot per
statement — its count, a statement issued after the lock was granted, sees the first one's
enrolment. Exactly one gets the place; the other is waitlisted. Nothing depends on the count read
before the lock, and no path inserts an ``enrolled`` row without holding it.

A second guard does not depend on the lock: the partial unique index
``enrolment_one_active_per_person`` refuses a second active (enrolled or waitlisted) enrolment of
the same person in the same programme, whatever the code path.

The waitlist's order is ``queued_at`` (then the row's creation time), set when a person joins
it; promotion takes the first by that order, under the same lock, in the same transaction as
the withdrawal that freed the place, so a place never stays empty while someone waits and is
never given to two people. What is not covered: a programme's capacity edited in the admin
bypasses the services (and the waitlist promotion) — staff use the pages or the API.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, Person
from programs.models import Enrolment, Programme
from programs.reminders import enrolment_reminders_sync, place_found_notify


def _age_on(person: Person, day) -> int | None:
    born = person.birth_date
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _check(*, programme: Programme, person: Person, case: Case | None) -> Case | None:
    if programme.status not in Programme.ENROLLING:
        raise ValidationError({"program": _("Το πρόγραμμα δεν δέχεται εγγραφές (κατάσταση: %(status)s).")
                               % {"status": programme.get_status_display()}})
    if Enrolment.objects.filter(programme=programme, person=person, status__in=Enrolment.ACTIVE).exists():
        raise ValidationError({"person": _("Ο/Η %(name)s είναι ήδη εγγεγραμμένος/η ή σε λίστα αναμονής.")
                               % {"name": person.full_name}})
    if case is not None and case.person_id != person.pk:
        raise ValidationError({"case": _("Ο φάκελος δεν ανήκει σε αυτόν/ήν τον/την ωφελούμενο/η.")})
    if programme.access == Programme.Access.REFERRAL:
        case = case or Case.objects.filter(person=person, status=Case.Status.OPEN).order_by("-intake_date").first()
        if case is None or case.status != Case.Status.OPEN:
            raise ValidationError({"case": _("Το πρόγραμμα δέχεται μόνο με παραπομπή: χρειάζεται ανοιχτός "
                                             "φάκελος του/της ωφελούμενου/ης.")})
    age = _age_on(person, programme.starts_on)
    if age is not None and ((programme.age_min is not None and age < programme.age_min)
                            or (programme.age_max is not None and age > programme.age_max)):
        raise ValidationError({"person": _("Η ηλικία (%(age)d) είναι εκτός των ορίων του προγράμματος.")
                               % {"age": age}})
    return case


def _guardian(*, programme: Programme, person: Person, guardian: Person | None) -> Person | None:
    """A minor's guardian: the one given, or (for tutoring) the head of the child's household."""
    if guardian is not None:
        if guardian.pk == person.pk:
            raise ValidationError({"guardian": _("Ο/Η κηδεμόνας δεν μπορεί να είναι το ίδιο πρόσωπο.")})
        return guardian
    age = _age_on(person, timezone.localdate())
    household = person.household
    if programme.kind == Programme.Kind.TUTORING and household is not None and (age is None or age < 18):
        head = household.members.filter(relation="head").exclude(person=person).select_related("person").first()
        return head.person if head else None
    return None


def _locked(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


def enrolled_count(programme: Programme) -> int:
    return Enrolment.objects.filter(programme=programme, status=Enrolment.Status.ENROLLED).count()


@transaction.atomic
def enrolment_create(*, programme: Programme, person: Person, by, case: Case | None = None,
                     guardian: Person | None = None) -> Enrolment:
    """Enrols the person, or puts them on the waitlist when every place is taken (see the module's
    docstring for why two enrolments at once cannot both take the last place)."""
    programme = _locked(programme)
    case = _check(programme=programme, person=person, case=case)
    guardian = _guardian(programme=programme, person=person, guardian=guardian)
    now = timezone.now()
    has_place = enrolled_count(programme) < programme.capacity
    enrolment = Enrolment(programme=programme, person=person, guardian=guardian, case=case, by=by, queued_at=now,
                          status=Enrolment.Status.ENROLLED if has_place else Enrolment.Status.WAITLISTED)
    enrolment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError({"person": _("Ο/Η %(name)s είναι ήδη εγγεγραμμένος/η ή σε λίστα αναμονής.")
                               % {"name": person.full_name}}) from None
    enrolment_reminders_sync(enrolment=enrolment, by=by)
    return enrolment


def waitlist_promote(*, programme: Programme, by) -> list[Enrolment]:
    """Fills free places from the waitlist, first come first served; the caller holds the
    programme's lock. Each person promoted is told, and their case worker notified in the app."""
    free = programme.capacity - enrolled_count(programme)
    if free <= 0 or programme.status not in Programme.ENROLLING:
        return []
    promoted = list(Enrolment.objects.select_for_update().filter(programme=programme,
                                                                 status=Enrolment.Status.WAITLISTED)
                    .select_related("person", "programme").order_by("queued_at", "created_at")[:free])
    for enrolment in promoted:
        enrolment.status, enrolment.status_changed_at = Enrolment.Status.ENROLLED, timezone.now()
        enrolment.save(update_fields=["status", "status_changed_at", "updated_at"])
        enrolment_reminders_sync(enrolment=enrolment, by=by)
        place_found_notify(enrolment=enrolment, by=by)
    return promoted


def _end(*, enrolment: Enrolment, by, status: str, reason: str, allowed: tuple) -> Enrolment:
    programme = _locked(enrolment.programme)
    enrolment = Enrolment.objects.select_for_update().select_related("programme", "person").get(pk=enrolment.pk)
    if enrolment.status not in allowed:
        raise ValidationError({"status": _("Η εγγραφή είναι ήδη «%(status)s».")
                               % {"status": enrolment.get_status_display()}})
    enrolment.status, enrolment.reason, enrolment.status_changed_at = status, reason.strip(), timezone.now()
    enrolment.save(update_fields=["status", "reason", "status_changed_at", "updated_at"])
    enrolment_reminders_sync(enrolment=enrolment, by=by)
    waitlist_promote(programme=programme, by=by)
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    """Withdraws an enrolled person (their place goes to the first on the waitlist) or takes a
    waitlisted one off the list; the reason is required."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Γράψτε τον λόγο της αποχώρησης.")})
    return _end(enrolment=enrolment, by=by, status=Enrolment.Status.WITHDRAWN, reason=reason,
                allowed=Enrolment.ACTIVE)


@transaction.atomic
def enrolment_finish(*, enrolment: Enrolment, by, status: str, reason: str = "") -> Enrolment:
    """Records that an enrolled person completed the programme or dropped out."""
    if status not in (Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT):
        raise ValidationError({"status": _("Επιλέξτε «Ολοκλήρωσε» ή «Διέκοψε».")})
    return _end(enrolment=enrolment, by=by, status=status, reason=reason, allowed=(Enrolment.Status.ENROLLED,))
