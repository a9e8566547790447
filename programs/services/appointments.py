"""Individual appointments: book, move, mark attended or missed, cancel (saying who cancelled),
rebook a missed one in one step; double bookings refused; the person's reminder kept in step."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Case, Person, Room, Site
from casework.services.sites import site_or_main_office
from programs.clashes import clash_errors
from programs.models import Appointment
from programs.reminders import appointment_reminder_sync

from ._common import check_order, check_room, raise_if


def _check(appointment: Appointment) -> None:
    errors: dict = {}
    check_order(starts_at=appointment.starts_at, ends_at=appointment.ends_at, errors=errors)
    check_room(site=appointment.site, room=appointment.room, errors=errors)
    if appointment.case_id and appointment.case.person_id != appointment.person_id:
        errors["case"] = [_("Ο φάκελος δεν ανήκει σε αυτόν/ήν τον/την ωφελούμενο/η.")]
    if not (appointment.purpose or "").strip():
        errors["purpose"] = [_("Γράψτε τον σκοπό του ραντεβού.")]
    if not appointment.staff.is_active:
        errors["staff"] = [_("Ο λογαριασμός του μέλους προσωπικού είναι ανενεργός.")]
    raise_if(errors)
    appointment.purpose = appointment.purpose.strip()
    raise_if(clash_errors(slots=[(appointment.starts_at, appointment.ends_at)], staff=appointment.staff,
                          room=appointment.room, person_ids=[appointment.person_id],
                          ignore_appointments=[appointment.pk] if appointment.pk else []))
    appointment.full_clean()


@transaction.atomic
def appointment_book(*, by, person: Person, staff, starts_at: datetime.datetime, ends_at: datetime.datetime,
                     purpose: str, site: Site | None = None, room: Room | None = None, case: Case | None = None,
                     rebooked_from: Appointment | None = None) -> Appointment:
    """Books an appointment (at ``site``, default the main office); the person is reminded the
    day before on the channel they accept."""
    appointment = Appointment(person=person, staff=staff, starts_at=starts_at, ends_at=ends_at, purpose=purpose,
                              site=site_or_main_office(site) if room is None else room.site, room=room,
                              case=case, booked_by=by, rebooked_from=rebooked_from)
    if site is not None and room is not None and room.site_id != site.pk:
        raise ValidationError({"room": _("Η αίθουσα δεν ανήκει στη δομή «%(site)s».") % {"site": site.name}})
    _check(appointment)
    appointment.save()
    appointment_reminder_sync(appointment=appointment, by=by)
    return appointment


def _locked(appointment: Appointment) -> Appointment:
    return Appointment.objects.select_for_update().select_related("person", "staff", "site").get(pk=appointment.pk)


def _booked(appointment: Appointment) -> None:
    if appointment.status != Appointment.Status.BOOKED:
        raise ValidationError({"status": _("Το ραντεβού είναι ήδη «%(status)s».")
                               % {"status": appointment.get_status_display()}})


@transaction.atomic
def appointment_move(*, appointment: Appointment, by, starts_at: datetime.datetime | None = None,
                     ends_at: datetime.datetime | None = None, staff=None, room: Room | None = None,
                     purpose: str | None = None) -> Appointment:
    """Moves a booked appointment (time, staff member, room); its reminder follows."""
    appointment = _locked(appointment)
    _booked(appointment)
    if starts_at is not None and ends_at is None:
        ends_at = starts_at + (appointment.ends_at - appointment.starts_at)
    appointment.starts_at, appointment.ends_at = starts_at or appointment.starts_at, ends_at or appointment.ends_at
    appointment.staff = staff or appointment.staff
    if room is not None:
        appointment.room, appointment.site = room, room.site
    if purpose is not None:
        appointment.purpose = purpose
    _check(appointment)
    appointment.save()
    appointment_reminder_sync(appointment=appointment, by=by)
    return appointment


@transaction.atomic
def appointment_cancel(*, appointment: Appointment, by, cancelled_by: str) -> Appointment:
    appointment = _locked(appointment)
    _booked(appointment)
    if cancelled_by not in Appointment.CancelledBy.values:
        raise ValidationError({"cancelled_by": _("Πείτε ποιος ακύρωσε: ο/η ωφελούμενος/η ή το κέντρο.")})
    appointment.status, appointment.cancelled_by, appointment.cancelled_by_user = (
        Appointment.Status.CANCELLED, cancelled_by, by)
    appointment.save(update_fields=["status", "cancelled_by", "cancelled_by_user", "updated_at"])
    appointment_reminder_sync(appointment=appointment, by=by)
    return appointment


@transaction.atomic
def appointment_mark(*, appointment: Appointment, by, status: str) -> Appointment:
    """Records that the person came (``attended``) or did not (``missed``)."""
    appointment = _locked(appointment)
    if status not in (Appointment.Status.ATTENDED, Appointment.Status.MISSED):
        raise ValidationError({"status": _("Επιλέξτε «Πραγματοποιήθηκε» ή «Δεν προσήλθε».")})
    if appointment.status not in (Appointment.Status.BOOKED, Appointment.Status.ATTENDED, Appointment.Status.MISSED):
        raise ValidationError({"status": _("Το ραντεβού έχει ακυρωθεί.")})
    appointment.status = status
    appointment.save(update_fields=["status", "updated_at"])
    appointment_reminder_sync(appointment=appointment, by=by)
    return appointment


@transaction.atomic
def appointment_rebook(*, appointment: Appointment, by, starts_at: datetime.datetime,
                       ends_at: datetime.datetime | None = None) -> Appointment:
    """A missed (or cancelled) appointment booked again in one step: same person, staff member,
    place, purpose and case, at a new time."""
    appointment = _locked(appointment)
    if appointment.status not in (Appointment.Status.MISSED, Appointment.Status.CANCELLED):
        raise ValidationError({"status": _("Μόνο ραντεβού που χάθηκε ή ακυρώθηκε κλείνεται ξανά.")})
    if Appointment.objects.filter(rebooked_from=appointment).exists():
        raise ValidationError({"status": _("Το ραντεβού έχει ήδη κλειστεί ξανά.")})
    ends_at = ends_at or starts_at + (appointment.ends_at - appointment.starts_at)
    return appointment_book(by=by, person=appointment.person, staff=appointment.staff, starts_at=starts_at,
                            ends_at=ends_at, purpose=appointment.purpose, site=appointment.site,
                            room=appointment.room, case=appointment.case, rebooked_from=appointment)
