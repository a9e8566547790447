"""Programmes' sections of a person's data export (GDPR access request): enrolments (with the
attendance marks) and appointments."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.export import Record, export_section, field, model_fields
from platform_core import labels
from programs.models import Appointment, Attendance, Enrolment


@export_section("enrolments", title=gettext_lazy("Εγγραφές σε προγράμματα και παρουσίες"),
                permission="programs.view_enrolment")
def enrolments_section(*, person, household, user) -> list[Record]:
    records = []
    enrolments = (Enrolment.objects.filter(person=person).select_related("programme", "guardian", "case")
                  .order_by("created_at"))
    for enrolment in enrolments:
        marks = (Attendance.objects.filter(enrolment=enrolment).select_related("session")
                 .order_by("session__starts_at"))
        records.append([
            field("programme", _("Πρόγραμμα"), enrolment.programme.title),
            field("kind", _("Είδος"), enrolment.programme.kind, enrolment.programme.get_kind_display()),
            *model_fields(enrolment, ["status", "reason", "created_at", "status_changed_at"]),
            field("guardian", _("Κηδεμόνας"), enrolment.guardian.full_name if enrolment.guardian else None),
            field("attendance", _("Παρουσίες"),
                  [{"session": mark.session.starts_at.isoformat(), "mark": mark.mark} for mark in marks],
                  "\n".join(f"{labels.moment(mark.session.starts_at)}: {mark.get_mark_display()}" for mark in marks)
                  or "—"),
        ])
    return records


@export_section("appointments", title=gettext_lazy("Ραντεβού"), permission="programs.view_appointment")
def appointments_section(*, person, household, user) -> list[Record]:
    appointments = Appointment.objects.filter(person=person).select_related("staff", "site").order_by("starts_at")
    return [model_fields(appointment, ["starts_at", "ends_at", "purpose", "status", "cancelled_by", "staff", "site"])
            for appointment in appointments]
