"""Reminder and report models (centre schema). Built by the Notifications issue."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import moment
from platform_core.models import TimeStampedModel, UUIDModel

# --- Reminders, delivery log, opt-outs, quiet hours, staff in-app notifications -----------------


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    IN_APP = "in_app", _("Ειδοποίηση στην εφαρμογή")


def default_quiet_start() -> datetime.time:
    return datetime.time(21, 0)


def default_quiet_end() -> datetime.time:
    return datetime.time(8, 0)


# The quiet hours' defaults are functions: Django's check fields.W161 ("fixed default value")
# takes a fixed time default for a mistaken "now" whenever the clock is near it.
class NotificationSettings(UUIDModel):
    """The centre's sending rules and the details its messages sign with (one row per centre)."""

    quiet_start = models.TimeField(_("ώρες κοινής ησυχίας από"), default=default_quiet_start)
    quiet_end = models.TimeField(_("ώρες κοινής ησυχίας έως"), default=default_quiet_end)
    contact_phone = models.CharField(_("τηλέφωνο επικοινωνίας"), max_length=20, blank=True)
    contact_email = models.EmailField(_("email επικοινωνίας"), blank=True)
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the coordinator last saved the settings (none while the defaults were never confirmed).
    saved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ρυθμίσεις ειδοποιήσεων")
        verbose_name_plural = _("ρυθμίσεις ειδοποιήσεων")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def in_quiet_hours(self, local_time: datetime.time) -> bool:
        """Whether ``local_time`` (the centre's wall clock, Europe/Athens) is in quiet hours,
        which may span midnight (21:00–08:00)."""
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= local_time < self.quiet_end
        return local_time >= self.quiet_start or local_time < self.quiet_end


class Reminder(TimeStampedModel):
    """A message due at a time, to a person or a staff member, about one object of the centre.

    The row is the truth: Celery only tells a worker to look for due rows. ``idempotency_key``
    is derived from what the reminder is about (object, purpose, channel), so scheduling the same
    reminder again updates the row, and it travels with the message to the provider.
    """

    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Ραντεβού")
        PATHWAY_STEP = "pathway_step", _("Βήμα εξατομικευμένου σχεδίου")
        BENEFIT_RENEWAL = "benefit_renewal", _("Ανανέωση παροχής")
        PROGRAMME_SESSION = "programme_session", _("Συνάντηση προγράμματος")
        REFERRAL_FOLLOW_UP = "referral_follow_up", _("Παρακολούθηση παραπομπής")
        CUSTOM = "custom", _("Άλλη υπενθύμιση")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Προγραμματισμένη")
        SENDING = "sending", _("Σε αποστολή")
        SENT = "sent", _("Εστάλη")
        FAILED = "failed", _("Απέτυχε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

    class FailureReason(models.TextChoices):
        NO_ADDRESS = "no_address", _("Δεν υπάρχει διεύθυνση email ή τηλέφωνο για το κανάλι.")
        INVALID_PHONE = "invalid_phone", _("Το τηλέφωνο δεν είναι έγκυρο κινητό για SMS.")
        OPTED_OUT = "opted_out", _("Ο/Η παραλήπτης/τρια έχει ζητήσει να μη λαμβάνει μηνύματα από αυτό το κανάλι.")
        REJECTED = "rejected", _("Ο πάροχος απέρριψε το μήνυμα.")
        GAVE_UP = "gave_up", _("Ο πάροχος δεν ήταν διαθέσιμος μετά από επανειλημμένες προσπάθειες.")

    kind = models.CharField(_("είδος"), max_length=20, choices=Kind.choices)
    about_type = models.CharField(_("αφορά (τύπος)"), max_length=60, blank=True)
    about_id = models.UUIDField(_("αφορά (αναγνωριστικό)"), null=True, blank=True)
    purpose = models.CharField(_("σκοπός"), max_length=60, default="due")
    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="reminders", verbose_name=_("ωφελούμενος/η"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="reminders", verbose_name=_("μέλος προσωπικού"))
    channel = models.CharField(_("κανάλι"), max_length=8, choices=Channel.choices)
    due_at = models.DateTimeField(_("προθεσμία αποστολής"), validators=bounds.RECORD_DATE)
    template = models.CharField(_("πρότυπο"), max_length=40)
    # Ids and safe values only; the text is rendered at send time.
    context = models.JSONField(_("στοιχεία προτύπου"), default=dict, blank=True)
    state = models.CharField(_("κατάσταση"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    attempts = models.PositiveSmallIntegerField(_("προσπάθειες"), default=0)
    next_attempt_at = models.DateTimeField(_("επόμενη προσπάθεια"))
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    failure_reason = models.CharField(_("αιτία αποτυχίας"), max_length=14, choices=FailureReason.choices, blank=True)
    last_error = models.CharField(_("τελευταίο σφάλμα"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("εστάλη στις"), null=True, blank=True)
    provider_id = models.CharField(_("αναγνωριστικό παρόχου"), max_length=120, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("δημιουργήθηκε από"))

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("υπενθύμιση")
        verbose_name_plural = _("υπενθυμίσεις")
        permissions = [("view_all_reminders", _("Προβολή όλων των υπενθυμίσεων του κέντρου"))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, staff__isnull=True) | Q(person__isnull=True, staff__isnull=False)),
                name="reminder_one_recipient",
            ),
            models.CheckConstraint(condition=~Q(channel="in_app") | Q(staff__isnull=False),
                                   name="reminder_in_app_for_staff"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="reminder_due"),
            models.Index(fields=["about_type", "about_id"], name="reminder_about"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {moment(self.due_at)}"

    @property
    def recipient(self):
        return self.person or self.staff


class DeliveryAttempt(UUIDModel):
    """One try at sending a reminder: the delivery log. At most one successful attempt per
    reminder (a constraint): the sent record and the reminder's state commit together."""

    class Outcome(models.TextChoices):
        SENT = "sent", _("Εστάλη")
        TEMPORARY_FAILURE = "temporary", _("Προσωρινή αποτυχία")
        PERMANENT_FAILURE = "permanent", _("Οριστική αποτυχία")

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="attempts_log")
    number = models.PositiveSmallIntegerField(_("α/α"))
    at = models.DateTimeField(_("χρόνος"))
    channel = models.CharField(_("κανάλι"), max_length=8, choices=Channel.choices)
    outcome = models.CharField(_("αποτέλεσμα"), max_length=10, choices=Outcome.choices)
    provider_id = models.CharField(_("αναγνωριστικό παρόχου"), max_length=120, blank=True)
    error = models.CharField(_("σφάλμα"), max_length=300, blank=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("προσπάθεια αποστολής")
        verbose_name_plural = _("προσπάθειες αποστολής")
        constraints = [
            models.UniqueConstraint(fields=["reminder"], condition=Q(outcome="sent"), name="delivery_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.get_outcome_display()} · {moment(self.at)}"


class ChannelOptOut(UUIDModel):
    """A person asked not to be contacted through a channel."""

    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="channel_opt_outs",
                               verbose_name=_("ωφελούμενος/η"))
    channel = models.CharField(_("κανάλι"), max_length=8, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("άρνηση καναλιού")
        verbose_name_plural = _("αρνήσεις καναλιών")
        constraints = [models.UniqueConstraint(fields=["person", "channel"], name="opt_out_once_per_channel")]

    def __str__(self) -> str:
        return self.get_channel_display()


class StaffNotification(UUIDModel):
    """An in-app notification for a staff member (the in_app channel)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="staff_notification")
    subject = models.CharField(_("θέμα"), max_length=200)
    text = models.TextField(_("κείμενο"), max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("διαβάστηκε"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ειδοποίηση")
        verbose_name_plural = _("ειδοποιήσεις")
        indexes = [models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread")]

    def __str__(self) -> str:
        return self.subject


# --- end of reminders block ----------------------------------------------------------------------


# --- Scheduled reports: the model lives with its code in notifications/reports/ -----------------
from .reports.models import Report  # noqa: E402,F401
