"""Benefit applications (ΚΕΑ/ΕΕΕ) and material aid: ΤΕΒΑ distribution rounds, Social Grocery and
Clothing bank eligibility decisions and deliveries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import day
from platform_core.models import TimeStampedModel, UUIDModel

from .assessment import MONEY, AidScheme, Assessment
from .people import Household, Person


class BenefitApplication(TimeStampedModel):
    class Kind(models.TextChoices):
        KEA = "kea", _("ΚΕΑ / Ελάχιστο Εγγυημένο Εισόδημα")
        HOUSING = "housing", _("Επίδομα στέγασης")
        CHILD = "child", _("Επίδομα παιδιού")
        OTHER = "other", _("Άλλο επίδομα")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Σε προετοιμασία")
        SUBMITTED = "submitted", _("Υποβλήθηκε")
        APPROVED = "approved", _("Εγκρίθηκε")
        REJECTED = "rejected", _("Απορρίφθηκε")
        EXPIRED = "expired", _("Έληξε")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="benefit_applications",
                               verbose_name=_("αιτών/ούσα"))
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="benefit_applications", verbose_name=_("νοικοκυριό"))
    kind = models.CharField(_("παροχή"), max_length=8, choices=Kind.choices, default=Kind.KEA)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reference_number = models.CharField(_("αριθμός αίτησης"), max_length=40, blank=True)
    submitted_on = models.DateField(_("υποβολή"), null=True, blank=True, validators=bounds.RECORD_DATE)
    decided_on = models.DateField(_("απόφαση"), null=True, blank=True, validators=bounds.RECORD_DATE)
    monthly_amount = models.DecimalField(_("μηνιαίο ποσό (€)"), null=True, blank=True, **MONEY)
    renewal_due = models.DateField(_("ανανέωση έως"), null=True, blank=True, validators=bounds.RECORD_DATE)
    assessment = models.ForeignKey(Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    notes = models.TextField(_("παρατηρήσεις"), blank=True,
                             max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("χειρίστηκε"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("αίτηση παροχής")
        verbose_name_plural = _("αιτήσεις παροχών")
        indexes = [models.Index(fields=["status", "renewal_due"], name="benefit_renewal_due")]

    def __str__(self) -> str:
        submitted = gettext("υποβολή %(date)s") % {"date": day(self.submitted_on)} if self.submitted_on else ""
        return " · ".join(part for part in (self.get_kind_display(), self.get_status_display(), submitted) if part)


class AidEligibility(TimeStampedModel):
    """The centre's decision that a household may use the Social Grocery or Clothing bank."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="aid_eligibilities",
                                  verbose_name=_("νοικοκυριό"))
    scheme = models.CharField(_("δομή"), max_length=10, choices=AidScheme.choices)
    eligible = models.BooleanField(_("επιλέξιμο"))
    decided_on = models.DateField(_("απόφαση"), validators=bounds.RECORD_DATE)
    valid_until = models.DateField(_("ισχύει έως"), null=True, blank=True, validators=bounds.RECORD_DATE)
    assessment = models.ForeignKey(Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("αιτιολογία"), blank=True, max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)

    class Meta:
        ordering = ["-decided_on"]
        verbose_name = _("απόφαση επιλεξιμότητας")
        verbose_name_plural = _("αποφάσεις επιλεξιμότητας")

    def __str__(self) -> str:
        until = gettext("έως %(date)s") % {"date": day(self.valid_until)} if self.valid_until else ""
        return " · ".join(part for part in (self.get_scheme_display(), day(self.decided_on), until) if part)


class AidRound(TimeStampedModel):
    """A distribution: a ΤΕΒΑ/FEAD round, or a Social Grocery / Clothing bank delivery day."""

    class Kind(models.TextChoices):
        TEBA = "teba", _("ΤΕΒΑ / FEAD")
        GROCERY = "grocery", _("Κοινωνικό Παντοπωλείο")
        CLOTHING = "clothing", _("Κοινωνικό Ενδυματοπωλείο")

    kind = models.CharField(_("είδος"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("τίτλος"), max_length=120)
    distributed_on = models.DateField(_("ημερομηνία διανομής"), validators=bounds.RECORD_DATE)
    items = models.TextField(_("είδη"), blank=True, help_text=_("Π.χ. τρόφιμα, είδη βασικής υλικής συνδρομής."),
                             max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    closed = models.BooleanField(_("ολοκληρώθηκε"), default=False)

    class Meta:
        ordering = ["-distributed_on"]
        verbose_name = _("διανομή")
        verbose_name_plural = _("διανομές")

    def __str__(self) -> str:
        return f"{self.title} · {day(self.distributed_on)}"


class AidReceipt(UUIDModel):
    """A household's receipt in one round: a household receives at most once per round."""

    round = models.ForeignKey(AidRound, on_delete=models.CASCADE, related_name="receipts")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="aid_receipts",
                                  verbose_name=_("νοικοκυριό"))
    received_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("παρέλαβε"))
    received_at = models.DateTimeField(_("παραλαβή"), validators=bounds.RECORD_DATE)
    items = models.TextField(_("είδη και ποσότητες"), blank=True,
                             max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    signed = models.BooleanField(_("υπογραφή παραλαβής"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["round", "household"], name="aid_receipt_once_per_round")]

    def __str__(self) -> str:
        return f"{self.round} · {self.household}"
