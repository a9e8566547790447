"""Sessions of a programme: one-off or from a recurrence rule (holidays and closure days skipped),
moved or cancelled, with double bookings refused and the participants' reminders kept in step."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Room
from platform_core import labels
from programs.clashes import clash_errors
from programs.models import Enrolment, Programme, Session, SessionSeries
from programs.recurrence import Skipped, occurrences
from programs.reminders import session_reminders_sync

from ._common import check_order, check_room, raise_if


def _enrolled_person_ids(programme: Programme) -> list:
    return list(programme.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list("person_id", flat=True))


def _check_slots(*, programme: Programme, slots, facilitator, room, ignore_sessions=()) -> None:
    errors: dict = {}
    for start, end in slots:
        check_order(starts_at=start, ends_at=end, errors=errors)
        day = timezone.localtime(start).date()
        if not programme.starts_on <= day <= programme.ends_on:
            errors["starts_at"] = [_("Η συνάντηση της %(day)s είναι εκτός των ημερομηνιών του προγράμματος "
                                     "(%(start)s – %(end)s).")
                                   % {"day": labels.day(day),
                                      "start": labels.day(programme.starts_on),
                                      "end": labels.day(programme.ends_on)}]
        if errors:
            break
    check_room(site=programme.site, room=room, errors=errors)
    if programme.status in (Programme.Status.FINISHED, Programme.Status.CANCELLED):
        errors["program"] = [_("Το πρόγραμμα έχει ολοκληρωθεί ή ακυρωθεί.")]
    raise_if(errors)
    clashes = clash_errors(slots=slots, staff=facilitator, room=room, person_ids=_enrolled_person_ids(programme),
                           ignore_sessions=ignore_sessions)
    raise_if(clashes)


def _create(*, programme: Programme, slots, facilitator, room: Room | None, series: SessionSeries | None, topic: str,
            by) -> list[Session]:
    sessions = [Session(programme=programme, series=series, starts_at=start, ends_at=end, site=programme.site,
                        room=room, facilitator=facilitator, topic=topic.strip()) for start, end in slots]
    for session in sessions:
        session.full_clean(exclude=["programme", "series", "site"])
    created = Session.objects.bulk_create(sessions)
    if _enrolled_person_ids(programme):
        for session in created:
            session_reminders_sync(session=session, by=by)
    return created


def _default_facilitator(programme: Programme, facilitator):
    return facilitator if facilitator is not None else programme.facilitators.order_by("last_name").first()


@transaction.atomic
def session_add(*, programme: Programme, by, starts_at: datetime.datetime, ends_at: datetime.datetime,
                facilitator=None, room: Room | None = None, topic: str = "") -> Session:
    """A one-off session."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    facilitator, room = _default_facilitator(programme, facilitator), room or programme.room
    _check_slots(programme=programme, slots=[(starts_at, ends_at)], facilitator=facilitator, room=room)
    [session] = _create(programme=programme, slots=[(starts_at, ends_at)], facilitator=facilitator, room=room,
                        series=None, topic=topic, by=by)
    return session


@transaction.atomic
def sessions_schedule(*, programme: Programme, by, rule: str, first_starts_at: datetime.datetime,
                      duration_minutes: int, facilitator=None, room: Room | None = None,
                      topic: str = "") -> tuple[list[Session], list[Skipped]]:
    """The sessions of a recurrence rule (``FREQ=WEEKLY;BYDAY=TU,TH`` from ``first_starts_at``,
    to the programme's last day unless the rule says otherwise), without public holidays and
    closure days (returned as skipped). All or none: one bad or double-booked occurrence refuses
    the whole series."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if not duration_minutes or duration_minutes < 1:
        raise ValidationError({"duration_minutes": _("Η διάρκεια πρέπει να είναι τουλάχιστον ένα λεπτό.")})
    if timezone.is_naive(first_starts_at):
        first_starts_at = timezone.make_aware(first_starts_at)
    starts, skipped = occurrences(rule=rule, first_starts_at=first_starts_at, last_day=programme.ends_on,
                                  site=programme.site)
    if not starts:
        raise ValidationError({"rule": _("Ο κανόνας δεν δίνει καμία συνάντηση μέσα στις ημερομηνίες του "
                                         "προγράμματος (εκτός αργιών και ημερών κλεισίματος).")})
    duration = datetime.timedelta(minutes=duration_minutes)
    slots = [(start, start + duration) for start in starts]
    facilitator, room = _default_facilitator(programme, facilitator), room or programme.room
    _check_slots(programme=programme, slots=slots, facilitator=facilitator, room=room)
    series = SessionSeries.objects.create(programme=programme, rule=rule.strip(), first_starts_at=first_starts_at,
                                          duration_minutes=duration_minutes)
    return _create(programme=programme, slots=slots, facilitator=facilitator, room=room, series=series,
                   topic=topic, by=by), skipped


def _locked(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("programme", "site").get(pk=session.pk)


@transaction.atomic
def session_move(*, session: Session, by, starts_at: datetime.datetime | None = None,
                 ends_at: datetime.datetime | None = None, facilitator=None, room: Room | None = None,
                 topic: str | None = None) -> Session:
    """Moves the session (time, room, facilitator); the participants' reminders follow."""
    session = _locked(session)
    if session.status != Session.Status.SCHEDULED:
        raise ValidationError({"status": _("Η συνάντηση έχει ακυρωθεί.")})
    session.starts_at, session.ends_at = starts_at or session.starts_at, ends_at or session.ends_at
    session.facilitator = facilitator if facilitator is not None else session.facilitator
    session.room = room if room is not None else session.room
    if topic is not None:
        session.topic = topic.strip()
    _check_slots(programme=session.programme, slots=[(session.starts_at, session.ends_at)],
                 facilitator=session.facilitator, room=session.room, ignore_sessions=[session.pk])
    session.full_clean()
    session.save()
    session_reminders_sync(session=session, by=by)
    return session


@transaction.atomic
def session_cancel(*, session: Session, by) -> Session:
    session = _locked(session)
    if session.status == Session.Status.CANCELLED:
        raise ValidationError({"status": _("Η συνάντηση έχει ήδη ακυρωθεί.")})
    if session.attendance.exists():
        raise ValidationError({"status": _("Η συνάντηση έχει παρουσίες· δεν ακυρώνεται.")})
    session.status = Session.Status.CANCELLED
    session.save(update_fields=["status", "updated_at"])
    session_reminders_sync(session=session, by=by)
    return session
