"""What programmes and appointments remind people and staff about, kept in step with the records:
the person the day before an appointment or a session (SMS, or e-mail without a mobile, never on
a channel they declined), the person when a place frees for them, and their case worker in the app
when they are enrolled from the waitlist or miss sessions in a row. Scheduling is an upsert by
key, so the services call these after every change."""

import datetime

from django.utils import timezone

from casework.models import Case, Person
from notifications.models import Channel, ChannelOptOut, Reminder
from notifications.services import reminder_schedule, reminders_cancel
from notifications.whose import whose_paths

# Whom programmes' reminders are about (a session's reminder is the person's own: its recipient).
whose_paths("programs.appointment", person="person", case="case")
whose_paths("programs.enrolment", person="person", case="case")

REMINDER_TIME = datetime.time(10, 0)  # the day before, at 10:00 on the centre's clock
MIN_NOTICE = datetime.timedelta(hours=2)  # later than this before the event: no reminder at all


def person_channel(person: Person) -> str | None:
    """The channel a person is reminded on: SMS with a phone, else e-mail, skipping declined ones."""
    declined = set(ChannelOptOut.objects.filter(person=person).values_list("channel", flat=True))
    for channel, address in ((Channel.SMS, person.phone), (Channel.EMAIL, person.email)):
        if address and channel not in declined:
            return channel
    return None


def day_before(starts_at: datetime.datetime) -> datetime.datetime | None:
    """When to remind about something at ``starts_at``: 10:00 the day before, or now if that has
    passed; None when it is too close to remind."""
    local = timezone.localtime(starts_at)
    due = timezone.make_aware(datetime.datetime.combine(local.date() - datetime.timedelta(days=1), REMINDER_TIME))
    now = timezone.now()
    if starts_at - now < MIN_NOTICE:
        return None
    return max(due, now)


def appointment_reminder_sync(*, appointment, by=None) -> None:
    from programs.models import Appointment

    due = day_before(appointment.starts_at) if appointment.status == Appointment.Status.BOOKED else None
    channel = person_channel(appointment.person) if due else None
    if channel is None:
        reminders_cancel(about=appointment)
        return
    reminders_cancel(about=appointment)  # a channel that changed leaves no reminder on the old one
    reminder_schedule(about=appointment, channel=channel, person=appointment.person, due_at=due,
                      template="appointment", kind=Reminder.Kind.APPOINTMENT, by=by,
                      context={"when": timezone.localtime(appointment.starts_at).isoformat()})


def _purpose(person_id) -> str:
    return f"person:{person_id}"


def _session_reminder(*, session, person: Person, channel: str | None, by=None) -> None:
    from programs.models import Session

    due = day_before(session.starts_at) if session.status == Session.Status.SCHEDULED else None
    if due is None or channel is None:
        reminders_cancel(about=session, purpose=_purpose(person.pk))
        return
    reminder_schedule(about=session, purpose=_purpose(person.pk), channel=channel, person=person, due_at=due,
                      template="programme_session", kind=Reminder.Kind.PROGRAMME_SESSION, by=by,
                      context={"programme": session.programme.title,
                               "when": timezone.localtime(session.starts_at).isoformat()})


def session_reminders_sync(*, session, by=None) -> None:
    """Everyone enrolled is reminded of a scheduled future session; a cancelled one reminds nobody."""
    from programs.models import Enrolment, Session

    if session.status != Session.Status.SCHEDULED:
        reminders_cancel(about=session)
        return
    for enrolment in session.programme.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related("person"):
        _session_reminder(session=session, person=enrolment.person, channel=person_channel(enrolment.person), by=by)


def enrolment_reminders_sync(*, enrolment, by=None) -> None:
    """An enrolled person is reminded of each future session of the programme; anyone else of none."""
    from programs.models import Enrolment, Session

    future = enrolment.programme.sessions.filter(starts_at__gt=timezone.now())
    if enrolment.status != Enrolment.Status.ENROLLED:
        for session in future:
            reminders_cancel(about=session, purpose=_purpose(enrolment.person_id))
        return
    channel = person_channel(enrolment.person)
    for session in future.filter(status=Session.Status.SCHEDULED).select_related("programme"):
        _session_reminder(session=session, person=enrolment.person, channel=channel, by=by)


def case_worker_of(enrolment) -> tuple[Case | None, object]:
    """The case the enrolment belongs to (its own, or the person's latest open one) and its worker."""
    case = enrolment.case or (Case.objects.filter(person_id=enrolment.person_id, status=Case.Status.OPEN)
                              .order_by("-intake_date").first())
    return case, (case.assigned_worker if case else None)


def place_found_notify(*, enrolment, by=None) -> None:
    """A place freed and the first on the waitlist took it: the person is told, and their case
    worker sees it in the app."""
    now = timezone.now()
    channel = person_channel(enrolment.person)
    programme = enrolment.programme.title
    if channel:
        reminder_schedule(about=enrolment, purpose="place", channel=channel, person=enrolment.person, due_at=now,
                          template="programme_place", kind=Reminder.Kind.PROGRAMME_SESSION, by=by,
                          context={"programme": programme})
    case, worker = case_worker_of(enrolment)
    if worker is not None:
        reminder_schedule(about=enrolment, purpose="place:worker", channel=Channel.IN_APP, staff=worker, due_at=now,
                          template="programme_place_worker", kind=Reminder.Kind.PROGRAMME_SESSION, by=by,
                          context={"programme": programme, "case_number": case.number})


def absences_notify(*, enrolment, session, count: int, by=None) -> bool:
    """The case worker learns in the app that the person missed ``count`` sessions in a row."""
    case, worker = case_worker_of(enrolment)
    if worker is None:
        return False
    reminder_schedule(about=enrolment, purpose=f"absences:{session.pk}", channel=Channel.IN_APP, staff=worker,
                      due_at=timezone.now(), template="programme_absences", kind=Reminder.Kind.PROGRAMME_SESSION,
                      by=by, context={"programme": enrolment.programme.title, "case_number": case.number,
                                      "count": count})
    return True
