"""Programmes' entries on the person page's timeline: appointments, enrolments and attendance
marks (the person's own; a household member's are the member's business)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.timeline import TimelineEntry, timeline_provider
from programs.models import Appointment, Attendance, Enrolment


@timeline_provider
def appointments_timeline(*, person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("programs.view_appointment"):
        return []
    return [
        TimelineEntry(at=appointment.starts_at, kind="appointment", label=_("Ραντεβού"), title=appointment.purpose,
                      detail=appointment.get_status_display(),
                      url=reverse("programs:appointment-detail", args=[appointment.pk]))
        for appointment in Appointment.objects.filter(person=person)
    ]


@timeline_provider
def enrolments_timeline(*, person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("programs.view_enrolment"):
        return []
    return [
        TimelineEntry(at=enrolment.status_changed_at, kind="enrolment", label=_("Πρόγραμμα"),
                      title=enrolment.programme.title, detail=enrolment.get_status_display(),
                      url=reverse("programs:programme-detail", args=[enrolment.programme_id]))
        for enrolment in Enrolment.objects.filter(person=person).select_related("programme")
    ]


@timeline_provider
def attendance_timeline(*, person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("programs.view_attendance"):
        return []
    marks = Attendance.objects.filter(enrolment__person=person).select_related("session__programme")
    return [
        TimelineEntry(at=mark.session.starts_at, kind="attendance", label=_("Παρουσία σε πρόγραμμα"),
                      title=mark.session.programme.title, detail=mark.get_mark_display(),
                      url=reverse("programs:session-detail", args=[mark.session_id]))
        for mark in marks
    ]
