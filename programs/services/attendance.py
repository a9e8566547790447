"""Attendance registers: marks per session (present, absent, excused; "all present" then the
exceptions), the signed sign-in sheet's scan, and the case worker's alert after N absences in a row."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.services.records import upload_check
from programs.models import Attendance, Enrolment, ProgrammeSettings, Session
from programs.reminders import absences_notify

# Who is on a session's register: the people enrolled, and those who completed the programme.
ON_REGISTER = (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED)


def programme_settings_get() -> ProgrammeSettings:
    return ProgrammeSettings.objects.order_by("pk").first() or ProgrammeSettings.objects.create()


@transaction.atomic
def programme_settings_update(*, by, absence_alert_after: int) -> ProgrammeSettings:
    row = programme_settings_get()
    if not absence_alert_after or absence_alert_after < 1:
        raise ValidationError({"absence_alert_after": _("Ορίστε τουλάχιστον μία απουσία.")})
    row.absence_alert_after = absence_alert_after
    row.save()
    return row


def register_enrolments(session: Session):
    """The enrolments on the session's register (and anyone already marked in it)."""
    from django.db.models import Q

    return (Enrolment.objects.filter(Q(status__in=ON_REGISTER) | Q(attendance__session=session),
                                     programme_id=session.programme_id)
            .select_related("person").distinct().order_by("person__last_name", "person__first_name"))


@transaction.atomic
def attendance_record(*, session: Session, by, marks: dict, all_present: bool = False) -> list[Attendance]:
    """Marks the register: ``marks`` maps a person's id to ``present``/``absent``/``excused``;
    with ``all_present`` everyone not in ``marks`` is marked present. A person not enrolled is
    refused and nothing is written. Returns the session's marks."""
    session = Session.objects.select_for_update().select_related("programme").get(pk=session.pk)
    if session.status != Session.Status.SCHEDULED:
        raise ValidationError({"session": _("Η συνάντηση έχει ακυρωθεί.")})
    if timezone.localtime(session.starts_at).date() > timezone.localdate():
        raise ValidationError({"session": _("Οι παρουσίες σημειώνονται από την ημέρα της συνάντησης.")})
    enrolments = {str(enrolment.person_id): enrolment for enrolment in register_enrolments(session)}
    wanted: dict[str, str] = {person_id: Attendance.Mark.PRESENT for person_id in enrolments} if all_present else {}
    errors = []
    for person_id, mark in marks.items():
        person_id = str(person_id)
        if person_id not in enrolments:
            errors.append(_("Το πρόσωπο %(id)s δεν είναι εγγεγραμμένο στο πρόγραμμα.") % {"id": person_id})
        elif mark not in Attendance.Mark.values:
            errors.append(_("Άγνωστη σήμανση «%(mark)s».") % {"mark": mark})
        else:
            wanted[person_id] = mark
    if errors:
        raise ValidationError({"marks": errors})
    existing = {str(row.enrolment.person_id): row for row in session.attendance.select_related("enrolment")}
    changed_to_absent = []
    for person_id, mark in wanted.items():
        row = existing.get(person_id)
        if row is None:
            row = Attendance.objects.create(session=session, enrolment=enrolments[person_id], mark=mark, marked_by=by)
            existing[person_id] = row
        elif row.mark != mark:
            row.mark, row.marked_by = mark, by
            row.save(update_fields=["mark", "marked_by", "marked_at"])
        else:
            continue
        if mark == Attendance.Mark.ABSENT:
            changed_to_absent.append(enrolments[person_id])
    threshold = programme_settings_get().absence_alert_after
    for enrolment in changed_to_absent:
        run = consecutive_absences(enrolment=enrolment)
        if run == threshold:
            absences_notify(enrolment=enrolment, session=session, count=run, by=by)
    return list(existing.values())


def consecutive_absences(*, enrolment: Enrolment) -> int:
    """How many of the person's latest marked sessions in a row they were absent from (excused
    absences break no run and count in none)."""
    run = 0
    marks = (Attendance.objects.filter(enrolment=enrolment).exclude(mark=Attendance.Mark.EXCUSED)
             .order_by("-session__starts_at").values_list("mark", flat=True))
    for mark in marks:
        if mark != Attendance.Mark.ABSENT:
            break
        run += 1
    return run


@transaction.atomic
def signed_sheet_upload(*, session: Session, upload: UploadedFile | None, by) -> Session:
    """Stores the scan of the signed sign-in sheet (PDF, JPEG or PNG by content, up to
    ``DOCUMENT_MAX_BYTES``) under the centre's folder; a new scan replaces the old one."""
    content_type, extension = upload_check(upload)
    session = Session.objects.select_for_update().get(pk=session.pk)
    previous = session.signed_sheet.name if session.signed_sheet else ""
    session.signed_sheet = File(upload, name=f"sheet{extension}")
    session.signed_sheet_type, session.signed_sheet_uploaded_at = content_type, timezone.now()
    try:
        with transaction.atomic():
            session.save(update_fields=["signed_sheet", "signed_sheet_type", "signed_sheet_uploaded_at",
                                        "updated_at"])
    except Exception:
        if session.signed_sheet.name and session.signed_sheet.storage.exists(session.signed_sheet.name):
            session.signed_sheet.storage.delete(session.signed_sheet.name)
        raise
    if previous and previous != session.signed_sheet.name:
        transaction.on_commit(lambda: session.signed_sheet.storage.delete(previous))
    return session
