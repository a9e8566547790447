"""Programme models (centre schema): programmes (workshops, tutoring, courses, talks), their
sessions (one-off or from a recurrence rule), enrolments with capacity and waitlist, attendance
registers, individual appointments, closure days and the centre's programme settings."""

import os
import uuid

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import day, moment
from platform_core.models import TimeStampedModel, UUIDModel


class Programme(TimeStampedModel):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Βιωματικό εργαστήριο")
        TUTORING = "tutoring", _("Κοινωνικό φροντιστήριο")
        COURSE = "course", _("Μαθήματα")
        TALK = "talk", _("Ομιλία / ενημέρωση")
        GROUP_COUNSELLING = "group_counselling", _("Ομαδική συμβουλευτική")
        OTHER = "other", _("Άλλο")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Πρόχειρο")
        OPEN = "open", _("Ανοιχτές εγγραφές")
        RUNNING = "running", _("Σε εξέλιξη")
        FINISHED = "finished", _("Ολοκληρώθηκε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

    class Access(models.TextChoices):
        PUBLIC = "public", _("Ανοιχτό στο κοινό")
        REFERRAL = "referral", _("Μόνο με παραπομπή (φάκελο)")

    kind = models.CharField(_("είδος"), max_length=18, choices=Kind.choices)
    title = models.CharField(_("τίτλος"), max_length=160)
    description = models.TextField(_("περιγραφή"), blank=True,
                                   max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="programmes",
                                          verbose_name=_("εμψυχωτές/τριες"))
    partner = models.ForeignKey("partners.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                db_constraint=False, related_name="+", verbose_name=_("συνεργαζόμενος φορέας"))
    site = models.ForeignKey("casework.Site", on_delete=models.PROTECT, related_name="programmes",
                             verbose_name=_("δομή"))
    room = models.ForeignKey("casework.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("αίθουσα"))
    target_group = models.CharField(_("ομάδα στόχος"), max_length=200, blank=True)
    age_min = models.PositiveSmallIntegerField(_("ηλικία από"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("ηλικία έως"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("θέσεις"))
    starts_on = models.DateField(_("έναρξη"), validators=bounds.RECORD_DATE)
    ends_on = models.DateField(_("λήξη"), validators=bounds.RECORD_DATE)
    access = models.CharField(_("πρόσβαση"), max_length=8, choices=Access.choices, default=Access.PUBLIC)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    ENROLLING = (Status.OPEN, Status.RUNNING)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("πρόγραμμα")
        verbose_name_plural = _("προγράμματα")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="programme_dates_in_order"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="programme_has_places"),
        ]

    def __str__(self) -> str:
        return self.title


class SessionSeries(UUIDModel):
    """The recurrence rule a programme's sessions were made from (RFC 5545 RRULE)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="series")
    rule = models.CharField(_("κανόνας επανάληψης"), max_length=300)
    first_starts_at = models.DateTimeField(_("πρώτη έναρξη"), validators=bounds.RECORD_DATE)
    duration_minutes = models.PositiveSmallIntegerField(_("διάρκεια (λεπτά)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.programme} · {self.rule}"


def scan_path(instance: "Session", filename: str) -> str:
    """``centres/<schema>/attendance/<uuid><ext>``: the centre's own folder, a random name."""
    ext = os.path.splitext(filename)[1].lower()[:8]
    return f"centres/{connection.schema_name}/attendance/{uuid.uuid4()}{ext}"


class Session(TimeStampedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Προγραμματισμένη")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions",
                                  verbose_name=_("πρόγραμμα"))
    series = models.ForeignKey(SessionSeries, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="sessions")
    starts_at = models.DateTimeField(_("έναρξη"), validators=bounds.RECORD_DATE)
    ends_at = models.DateTimeField(_("λήξη"), validators=bounds.RECORD_DATE)
    site = models.ForeignKey("casework.Site", on_delete=models.PROTECT, related_name="sessions",
                             verbose_name=_("δομή"))
    room = models.ForeignKey("casework.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("αίθουσα"))
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="programme_sessions", verbose_name=_("εμψυχωτής/τρια"))
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    topic = models.CharField(_("θέμα"), max_length=200, blank=True)
    signed_sheet = models.FileField(_("υπογεγραμμένο παρουσιολόγιο"), upload_to=scan_path, max_length=200,
                                    blank=True)
    signed_sheet_type = models.CharField(max_length=100, blank=True, editable=False)
    signed_sheet_uploaded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("συνάντηση")
        verbose_name_plural = _("συναντήσεις")
        indexes = [
            models.Index(fields=["starts_at"], name="session_starts"),
            models.Index(fields=["facilitator", "starts_at"], name="session_facilitator_starts"),
            models.Index(fields=["site", "starts_at"], name="session_site_starts"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.title} · {moment(self.starts_at)}"


class Enrolment(TimeStampedModel):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Εγγεγραμμένος/η")
        WAITLISTED = "waitlisted", _("Σε λίστα αναμονής")
        WITHDRAWN = "withdrawn", _("Αποσύρθηκε")
        COMPLETED = "completed", _("Ολοκλήρωσε")
        DROPPED_OUT = "dropped_out", _("Διέκοψε")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments",
                                  verbose_name=_("πρόγραμμα"))
    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="enrolments",
                               verbose_name=_("ωφελούμενος/η"))
    guardian = models.ForeignKey("casework.Person", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("κηδεμόνας"))
    case = models.ForeignKey("casework.Case", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="enrolments", verbose_name=_("φάκελος"))
    status = models.CharField(_("κατάσταση"), max_length=12, choices=Status.choices)
    # The waitlist's order: when the person joined it (kept when they are enrolled from it).
    queued_at = models.DateTimeField(_("σειρά αναμονής"), null=True, blank=True)
    reason = models.CharField(_("λόγος"), max_length=300, blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    ACTIVE = (Status.ENROLLED, Status.WAITLISTED)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("εγγραφή")
        verbose_name_plural = _("εγγραφές")
        constraints = [
            # Equalities, not ``status__in``: PostgreSQL prints an IN-list back in a form that
            # re-parses differently, and the centre template replays printed index definitions.
            models.UniqueConstraint(fields=["programme", "person"],
                                    condition=Q(status="enrolled") | Q(status="waitlisted"),
                                    name="enrolment_one_active_per_person"),
        ]
        indexes = [models.Index(fields=["programme", "status", "queued_at"], name="enrolment_queue")]

    def __str__(self) -> str:
        return f"{self.person} · {self.programme} ({self.get_status_display()})"


class Attendance(UUIDModel):
    class Mark(models.TextChoices):
        PRESENT = "present", _("Παρών/ούσα")
        ABSENT = "absent", _("Απών/ούσα")
        EXCUSED = "excused", _("Δικαιολογημένη απουσία")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    mark = models.CharField(_("παρουσία"), max_length=8, choices=Mark.choices)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("παρουσία")
        verbose_name_plural = _("παρουσίες")
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once_per_session")]

    def __str__(self) -> str:
        return f"{self.enrolment.person} · {self.session} · {self.get_mark_display()}"


class Appointment(TimeStampedModel):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Προγραμματισμένο")
        ATTENDED = "attended", _("Πραγματοποιήθηκε")
        MISSED = "missed", _("Δεν προσήλθε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

    class CancelledBy(models.TextChoices):
        PERSON = "person", _("Από τον/την ωφελούμενο/η")
        CENTRE = "centre", _("Από το κέντρο")

    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="appointments",
                               verbose_name=_("ωφελούμενος/η"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments",
                              verbose_name=_("μέλος προσωπικού"))
    site = models.ForeignKey("casework.Site", on_delete=models.PROTECT, related_name="appointments",
                             verbose_name=_("δομή"))
    room = models.ForeignKey("casework.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("αίθουσα"))
    case = models.ForeignKey("casework.Case", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="appointments", verbose_name=_("φάκελος"))
    starts_at = models.DateTimeField(_("έναρξη"), validators=bounds.RECORD_DATE)
    ends_at = models.DateTimeField(_("λήξη"), validators=bounds.RECORD_DATE)
    purpose = models.CharField(_("σκοπός"), max_length=200)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    cancelled_by = models.CharField(_("ακυρώθηκε"), max_length=8, choices=CancelledBy.choices, blank=True)
    cancelled_by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                          blank=True, related_name="+")
    rebooked_from = models.OneToOneField("self", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="rebooked_as", verbose_name=_("νέο ραντεβού του"))
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("ραντεβού")
        verbose_name_plural = _("ραντεβού")
        indexes = [
            models.Index(fields=["starts_at"], name="appointment_starts"),
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_starts"),
            models.Index(fields=["site", "starts_at"], name="appointment_site_starts"),
            models.Index(fields=["person", "starts_at"], name="appointment_person_starts"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="appointment_ends_after_start"),
            models.CheckConstraint(condition=Q(status="cancelled") | Q(cancelled_by=""),
                                   name="appointment_cancelled_says_by_whom"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} · {moment(self.starts_at)}"


class ClosureDay(UUIDModel):
    """A day the centre (or one site) is closed: no session is scheduled on it."""

    day = models.DateField(_("ημερομηνία"), validators=bounds.RECORD_DATE)
    site = models.ForeignKey("casework.Site", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("δομή"), help_text=_("Κενό: κλειστό όλο το κέντρο."))
    reason = models.CharField(_("λόγος"), max_length=120, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("ημέρα κλεισίματος")
        verbose_name_plural = _("ημέρες κλεισίματος")
        constraints = [models.UniqueConstraint(fields=["day", "site"], name="closure_once_per_day_and_site")]

    def __str__(self) -> str:
        where = self.site.name if self.site_id else _("όλο το κέντρο")
        return f"{day(self.day)} · {where}" + (f" · {self.reason}" if self.reason else "")


class ProgrammeSettings(UUIDModel):
    """The centre's programme rules (one row per centre)."""

    absence_alert_after = models.PositiveSmallIntegerField(
        _("ειδοποίηση μετά από συνεχόμενες απουσίες"), default=3,
        help_text=_("Ο/Η υπεύθυνος/η του φακέλου ειδοποιείται όταν ο/η συμμετέχων/ουσα λείψει τόσες "
                    "συνεχόμενες συναντήσεις."))

    class Meta:
        verbose_name = _("ρυθμίσεις προγραμμάτων")
        verbose_name_plural = _("ρυθμίσεις προγραμμάτων")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
