"""Consent to share a person's data, referrals out (to a directory service or another centre) with
their history, and referrals in (from a school, a health centre, a partner or another centre).

Every row lives in the centre's own schema. A recipient is a row of the shared directory
(``partners.Organization`` / ``partners.Service``) or a centre (``tenants.Centre``), both in public:
those foreign keys point from the centre to public facts, never the other way. They are
``DO_NOTHING`` on the Python side because Django's delete collector, run in public (deleting a
centre or an organisation), would look for these rows in tables that exist only in centre
schemas; the database's foreign-key constraint still refuses to delete a row still referred to.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import day, moment
from platform_core.models import TimeStampedModel, UUIDModel

from .cases import Case
from .people import Person
from .records import Document


class DataCategory(models.TextChoices):
    """What may be shared about a person (DESIGN.md's names)."""

    IDENTITY = "identity", _("Ταυτότητα και στοιχεία επικοινωνίας")
    HOUSEHOLD = "household", _("Νοικοκυριό")
    ASSESSMENT = "assessment", _("Κοινωνικοοικονομική αξιολόγηση")
    CASE_SUMMARY = "case_summary", _("Σύνοψη φακέλου")
    HEALTH = "health", _("Υγεία")
    MENTAL_HEALTH = "mental_health", _("Ψυχική υγεία")


def centre_label(centre) -> str:
    """How a centre is named to another centre: by its municipality (its own name may carry
    internal wording; its id is not for other centres' pages)."""
    if centre is None:
        return ""
    if centre.municipality_id:
        return centre.municipality.centre_name()
    return str(_("Κέντρο Κοινότητας Δήμου %(place)s") % {"place": centre.slug})


def category_labels(categories) -> str:
    labels = dict(DataCategory.choices)
    return ", ".join(str(labels.get(category, category)) for category in categories)


class Consent(TimeStampedModel):
    """A person's consent to share the listed categories with one recipient, for a purpose,
    from ``given_on`` until ``expires_on`` (open-ended if empty) or until revoked."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents",
                               verbose_name=_("ωφελούμενος/η"))
    organization = models.ForeignKey("partners.Organization", on_delete=models.DO_NOTHING, null=True, blank=True,
                                     related_name="+", verbose_name=_("φορέας"))
    centre = models.ForeignKey("tenants.Centre", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+",
                               verbose_name=_("κέντρο κοινότητας"))
    purpose = models.CharField(_("σκοπός"), max_length=300)
    categories = ArrayField(models.CharField(max_length=16, choices=DataCategory.choices),
                            verbose_name=_("κατηγορίες δεδομένων"))
    given_on = models.DateField(_("ημερομηνία συγκατάθεσης"), validators=bounds.RECORD_DATE)
    expires_on = models.DateField(_("λήξη"), null=True, blank=True, validators=bounds.RECORD_DATE)
    revoked_on = models.DateField(_("ανάκληση"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("καταχωρίστηκε από"))
    signed_form = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("υπογεγραμμένο έντυπο"))

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("συγκατάθεση")
        verbose_name_plural = _("συγκαταθέσεις")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organization__isnull=False, centre__isnull=True)
                           | models.Q(organization__isnull=True, centre__isnull=False)),
                name="consent_one_recipient"),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_name} · {day(self.given_on)}"

    @property
    def recipient_name(self) -> str:
        return str(self.organization) if self.organization_id else centre_label(self.centre)

    @property
    def categories_display(self) -> str:
        return category_labels(self.categories)

    def is_valid_on(self, day) -> bool:
        return (self.revoked_on is None and self.given_on <= day
                and (self.expires_on is None or day <= self.expires_on))

    @property
    def is_valid(self) -> bool:
        return self.is_valid_on(timezone.localdate())


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Κανονική")
    URGENT = "urgent", _("Επείγουσα")


class Referral(TimeStampedModel):
    """A referral out (παραπομπή): a person, optionally their case, to a directory service or to
    another centre, sharing only categories the person consented to. Its state machine is in
    ``casework.services.referrals``; every change is a ``ReferralEvent``."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Πρόχειρη")
        SENT = "sent", _("Εστάλη")
        ACCEPTED = "accepted", _("Έγινε δεκτή")
        DECLINED = "declined", _("Απορρίφθηκε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")
        COMPLETED = "completed", _("Ολοκληρώθηκε")

    class Delivery(models.TextChoices):
        LETTER = "letter", _("Παραπεμπτικό έγγραφο")
        LOGGED = "logged", _("Καταγραφή (τηλεφωνικά / προφορικά)")
        CENTRE = "centre", _("Ηλεκτρονικά σε άλλο κέντρο")

    class Outcome(models.TextChoices):
        SUCCESSFUL = "successful", _("Επιτυχής")
        UNSUCCESSFUL = "unsuccessful", _("Ανεπιτυχής")

    class OutcomeReason(models.TextChoices):
        REFUSED_SERVICES = "refused_services", _("Ο/η ωφελούμενος/η αρνήθηκε τις υπηρεσίες")
        NO_CAPACITY = "no_capacity", _("Δεν υπήρχε διαθεσιμότητα")
        NO_LONGER_NEEDED = "no_longer_needed", _("Δεν χρειάζεται πλέον")
        UNREACHABLE_PERSON = "unreachable_person", _("Ο/η ωφελούμενος/η δεν ήταν εφικτό να εντοπιστεί")
        UNREACHABLE_SERVICE = "unreachable_service", _("Η υπηρεσία δεν ανταποκρίθηκε")
        OTHER = "other", _("Άλλος λόγος")

    OPEN_STATES = (Status.SENT, Status.ACCEPTED)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="referrals",
                               verbose_name=_("ωφελούμενος/η"))
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals",
                             verbose_name=_("φάκελος"))
    service = models.ForeignKey("partners.Service", on_delete=models.DO_NOTHING, null=True, blank=True,
                                related_name="+", verbose_name=_("υπηρεσία"))
    centre = models.ForeignKey("tenants.Centre", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+",
                               verbose_name=_("κέντρο κοινότητας"))
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals",
                                verbose_name=_("συγκατάθεση"))
    reason = models.TextField(_("λόγος παραπομπής"), max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    urgency = models.CharField(_("προτεραιότητα"), max_length=8, choices=Urgency.choices, default=Urgency.ROUTINE)
    categories = ArrayField(models.CharField(max_length=16, choices=DataCategory.choices), blank=True, default=list,
                            verbose_name=_("κοινοποιούμενα δεδομένα"))
    due_on = models.DateField(_("απάντηση έως"), validators=bounds.RECORD_DATE)
    delivery = models.CharField(_("τρόπος αποστολής"), max_length=8, choices=Delivery.choices,
                                default=Delivery.LETTER)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("αποστολή"), null=True, blank=True)
    answered_on = models.DateField(_("απάντηση"), null=True, blank=True)
    completed_on = models.DateField(_("ολοκλήρωση"), null=True, blank=True)
    decline_reason = models.TextField(_("λόγος απόρριψης"), blank=True,
                                      max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    outcome = models.CharField(_("έκβαση"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_reason = models.CharField(_("αιτία"), max_length=20, choices=OutcomeReason.choices, blank=True)
    outcome_note = models.TextField(_("σημείωση έκβασης"), blank=True,
                                    max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("υπεύθυνος/η"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("παραπομπή")
        verbose_name_plural = _("παραπομπές")
        constraints = [models.CheckConstraint(
            condition=(models.Q(service__isnull=False, centre__isnull=True)
                       | models.Q(service__isnull=True, centre__isnull=False)),
            name="referral_one_recipient")]
        indexes = [models.Index(fields=["status", "due_on"], name="referral_status_due")]

    def __str__(self) -> str:
        return f"{self.recipient_name} · {self.person}"

    @property
    def recipient_name(self) -> str:
        return str(self.service) if self.service_id else centre_label(self.centre)

    @property
    def categories_display(self) -> str:
        return category_labels(self.categories)

    @property
    def recipient_organization_id(self):
        return self.service.organization_id if self.service_id else None

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.SENT and self.due_on < timezone.localdate()


class ReferralEvent(UUIDModel):
    """One state change of a referral. ``by`` is empty for a change the receiving centre made."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+")
    from_status = models.CharField(max_length=10, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Referral.Status.choices)
    note = models.TextField(blank=True, max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{moment(self.at)} · {self.get_to_status_display()}"


class IncomingReferral(TimeStampedModel):
    """A referral to this centre: from a school, a health centre or a partner (recorded by staff),
    or from another centre (written by ``casework.services.transfer``, holding only the consented
    categories in ``shared_data`` until this centre accepts or declines it)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Σε αναμονή")
        ACCEPTED = "accepted", _("Έγινε δεκτή")
        DECLINED = "declined", _("Απορρίφθηκε")
        WITHDRAWN = "withdrawn", _("Ανακλήθηκε από τον αποστολέα")

    source_organization = models.ForeignKey("partners.Organization", on_delete=models.DO_NOTHING, null=True,
                                            blank=True, related_name="+", verbose_name=_("φορέας προέλευσης"))
    source_centre = models.ForeignKey("tenants.Centre", on_delete=models.DO_NOTHING, null=True, blank=True,
                                      related_name="+", verbose_name=_("κέντρο προέλευσης"))
    source_name = models.CharField(_("προέλευση (αν δεν είναι στον κατάλογο)"), max_length=200, blank=True)
    source_referral_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    referrer_name = models.CharField(_("ποιος/α παρέπεμψε"), max_length=160, blank=True)
    reason = models.TextField(_("λόγος παραπομπής"), max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    urgency = models.CharField(_("προτεραιότητα"), max_length=8, choices=Urgency.choices, default=Urgency.ROUTINE)
    received_on = models.DateField(_("παραλαβή"), validators=bounds.RECORD_DATE)
    categories = ArrayField(models.CharField(max_length=16, choices=DataCategory.choices), blank=True, default=list,
                            verbose_name=_("κοινοποιούμενα δεδομένα"))
    shared_data = models.JSONField(default=dict, blank=True, editable=False)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.TextField(_("λόγος απόρριψης"), blank=True,
                                      max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="incoming_referrals", verbose_name=_("ωφελούμενος/η"))
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("φάκελος"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        verbose_name = _("εισερχόμενη παραπομπή")
        verbose_name_plural = _("εισερχόμενες παραπομπές")
        permissions = [("decide_incomingreferral", _("Αποδοχή ή απόρριψη εισερχόμενης παραπομπής"))]

    def __str__(self) -> str:
        return self.source_label

    @property
    def source_label(self) -> str:
        if self.source_organization_id:
            return str(self.source_organization)
        return centre_label(self.source_centre) if self.source_centre_id else (self.source_name or "—")

    @property
    def display_name(self) -> str:
        """Whom it is about: the person, or the shared identity while it waits."""
        if self.person_id:
            return self.person.full_name
        identity = self.shared_data.get("identity", {})
        return f"{identity.get('first_name', '')} {identity.get('last_name', '')}".strip() or "—"
