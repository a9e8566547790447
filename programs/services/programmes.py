"""Programmes: create, change (capacity, dates, status), with the waitlist following the capacity."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Room, Site
from casework.services.sites import site_or_main_office
from programs.models import Enrolment, Programme, Session
from programs.reminders import session_reminders_sync

from ._common import check_room, raise_if

PROGRAMME_FIELDS = ("kind", "title", "description", "partner", "site", "room", "target_group", "age_min", "age_max",
                    "capacity", "starts_on", "ends_on", "access", "status")


def _validate(programme: Programme, errors: dict) -> None:
    if programme.starts_on and programme.ends_on and programme.ends_on < programme.starts_on:
        errors["ends_on"] = [_("Η λήξη δεν μπορεί να είναι πριν από την έναρξη.")]
    if programme.age_min is not None and programme.age_max is not None and programme.age_max < programme.age_min:
        errors["age_max"] = [_("Το ανώτατο όριο ηλικίας είναι μικρότερο από το κατώτατο.")]
    if programme.capacity is not None and programme.capacity < 1:
        errors["capacity"] = [_("Το πρόγραμμα χρειάζεται τουλάχιστον μία θέση.")]
    check_room(site=programme.site, room=programme.room, errors=errors)
    if not (programme.title or "").strip():
        errors["title"] = [_("Γράψτε τον τίτλο του προγράμματος.")]
    raise_if(errors)
    programme.title = programme.title.strip()
    programme.full_clean()


@transaction.atomic
def programme_create(*, by, kind: str, title: str, capacity: int, starts_on: datetime.date, ends_on: datetime.date,
                     site: Site | None = None, room: Room | None = None, facilitators=(), **details) -> Programme:
    """A new programme (draft unless a status is given) at ``site`` (default: the main office)."""
    programme = Programme(kind=kind, title=title, capacity=capacity, starts_on=starts_on, ends_on=ends_on,
                          site=site_or_main_office(site), room=room,
                          **{field: value for field, value in details.items() if field in PROGRAMME_FIELDS})
    _validate(programme, {})
    programme.save()
    programme.facilitators.set(list(facilitators))
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, by, facilitators=None, **changes) -> Programme:
    """Changes the programme. The capacity cannot fall below the people already enrolled; a larger
    one takes people off the waitlist in order; the dates must still hold every session."""
    from .enrolments import waitlist_promote

    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    was_cancelled = programme.status == Programme.Status.CANCELLED
    for field, value in changes.items():
        if field in PROGRAMME_FIELDS:
            setattr(programme, field, value)
    errors: dict = {}
    enrolled = programme.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
    if programme.capacity is not None and programme.capacity < enrolled:
        errors["capacity"] = [_("Έχουν ήδη εγγραφεί %(n)d άτομα· οι θέσεις δεν μπορούν να είναι λιγότερες.")
                              % {"n": enrolled}]
    sessions = programme.sessions.filter(status=Session.Status.SCHEDULED)
    first, last = sessions.order_by("starts_at").first(), sessions.order_by("-starts_at").first()
    if first and programme.starts_on and first.starts_at.date() < programme.starts_on:
        errors["starts_on"] = [_("Υπάρχει συνάντηση πριν από αυτή την ημερομηνία.")]
    if last and programme.ends_on and last.starts_at.date() > programme.ends_on:
        errors["ends_on"] = [_("Υπάρχει συνάντηση μετά από αυτή την ημερομηνία.")]
    _validate(programme, errors)
    programme.save()
    if facilitators is not None:
        programme.facilitators.set(list(facilitators))
    if programme.status == Programme.Status.CANCELLED and not was_cancelled:
        for session in programme.sessions.filter(status=Session.Status.SCHEDULED):
            session.status = Session.Status.CANCELLED
            session.save(update_fields=["status", "updated_at"])
            session_reminders_sync(session=session, by=by)
    elif programme.status in Programme.ENROLLING:
        waitlist_promote(programme=programme, by=by)
    return programme


@transaction.atomic
def closure_day_add(*, by, day: datetime.date, site: Site | None = None, reason: str = ""):
    """A day the centre (or one site) is closed; sessions scheduled from then on skip it."""
    from django.core.exceptions import ValidationError

    from programs.models import ClosureDay

    if ClosureDay.objects.filter(day=day, site=site).exists():
        raise ValidationError({"day": _("Η ημέρα είναι ήδη δηλωμένη ως κλειστή.")})
    closure = ClosureDay(day=day, site=site, reason=reason.strip())
    closure.full_clean(validate_constraints=False)
    closure.save()
    return closure
