"""Socioeconomic assessment and the rule tables it is judged by: the ΚΕΑ/ΕΕΕ amounts (national,
by decision, with effective dates) and the centre's Social Grocery / Clothing bank thresholds."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from platform_core import bounds
from platform_core.labels import day, money, person_name
from platform_core.models import TimeStampedModel, UUIDModel

from .cases import Case
from .people import Household, Housing, Person

MONEY = {"max_digits": 10, "decimal_places": 2,
         "validators": [MinValueValidator(Decimal("0")), *bounds.AMOUNT]}


class KeaRule(UUIDModel):
    """ΚΕΑ/ΕΕΕ amounts in force from a date (OPEKA decisions); the latest rule whose
    ``effective_from`` is on or before the application date applies."""

    effective_from = models.DateField(_("ισχύει από"), unique=True)
    first_adult = models.DecimalField(_("πρώτο ενήλικο μέλος (€/μήνα)"), **MONEY)
    extra_adult = models.DecimalField(_("κάθε επιπλέον ενήλικας (€/μήνα)"), **MONEY)
    minor = models.DecimalField(_("κάθε ανήλικος (€/μήνα)"), **MONEY)
    income_months = models.PositiveSmallIntegerField(_("μήνες εισοδήματος που εξετάζονται"), default=6)
    real_estate_base = models.DecimalField(_("ακίνητα: όριο για ένα άτομο (€)"), **MONEY)
    real_estate_per_member = models.DecimalField(_("ακίνητα: προσαύξηση ανά μέλος (€)"), **MONEY)
    real_estate_cap = models.DecimalField(_("ακίνητα: ανώτατο όριο (€)"), **MONEY)
    vehicle_cap = models.DecimalField(_("οχήματα: ανώτατη αξία (€)"), **MONEY)
    source = models.CharField(_("πηγή (απόφαση)"), max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("κανόνας ΚΕΑ/ΕΕΕ")
        verbose_name_plural = _("κανόνες ΚΕΑ/ΕΕΕ")

    def __str__(self) -> str:
        return gettext("Κανόνας ΚΕΑ/ΕΕΕ από %(date)s") % {"date": day(self.effective_from)}


class AidScheme(models.TextChoices):
    GROCERY = "grocery", _("Κοινωνικό Παντοπωλείο")
    CLOTHING = "clothing", _("Κοινωνικό Ενδυματοπωλείο")


class AidThreshold(UUIDModel):
    """The centre's income ceiling for a scheme and household size, in force from a date; the
    largest size listed applies to larger households too."""

    scheme = models.CharField(_("δομή"), max_length=10, choices=AidScheme.choices)
    effective_from = models.DateField(_("ισχύει από"))
    household_size = models.PositiveSmallIntegerField(_("μέλη νοικοκυριού"), validators=[MinValueValidator(1)])
    max_monthly_income = models.DecimalField(_("ανώτατο μηνιαίο εισόδημα (€)"), **MONEY)
    validity_months = models.PositiveSmallIntegerField(_("διάρκεια έγκρισης (μήνες)"), default=6,
                                                       validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["scheme", "-effective_from", "household_size"]
        verbose_name = _("όριο επιλεξιμότητας")
        verbose_name_plural = _("όρια επιλεξιμότητας")
        constraints = [models.UniqueConstraint(fields=["scheme", "effective_from", "household_size"],
                                               name="aid_threshold_unique")]

    def __str__(self) -> str:
        return gettext("%(scheme)s · %(size)s μέλη · από %(date)s") % {
            "scheme": self.get_scheme_display(), "size": self.household_size, "date": day(self.effective_from)}


class Assessment(TimeStampedModel):
    """A socioeconomic assessment of a person's household at a date. The eligibility it computed
    is kept with the rules it used (``outcome``), so the result stays explainable later."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments",
                               verbose_name=_("ωφελούμενος/η"))
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="assessments", verbose_name=_("νοικοκυριό"))
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments",
                             verbose_name=_("φάκελος"))
    assessed_on = models.DateField(_("ημερομηνία αξιολόγησης"), validators=bounds.RECORD_DATE)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("αξιολογητής/τρια"))
    adults = models.PositiveSmallIntegerField(_("ενήλικα μέλη"), default=1, validators=[MinValueValidator(1)])
    minors = models.PositiveSmallIntegerField(_("ανήλικα μέλη"), default=0)
    single_parent = models.BooleanField(_("μονογονεϊκό νοικοκυριό"), default=False)
    housing = models.CharField(_("στέγαση"), max_length=10, choices=Housing.choices, default=Housing.DECLINED)
    monthly_rent = models.DecimalField(_("μηνιαίο ενοίκιο (€)"), default=Decimal("0"), **MONEY)
    debts = models.DecimalField(_("οφειλές (€)"), default=Decimal("0"), **MONEY)
    real_estate_value = models.DecimalField(_("αξία ακίνητης περιουσίας (€)"), default=Decimal("0"), **MONEY)
    vehicle_value = models.DecimalField(_("αξία οχημάτων (€)"), default=Decimal("0"), **MONEY)
    health_notes = models.TextField(_("υγεία"), blank=True,
                                    max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    notes = models.TextField(_("παρατηρήσεις"), blank=True,
                             max_length=bounds.LONG_TEXT_MAX, validators=bounds.LONG_TEXT)
    outcome = models.JSONField(_("αποτέλεσμα"), default=dict, editable=False)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        verbose_name = _("κοινωνικοοικονομική αξιολόγηση")
        verbose_name_plural = _("κοινωνικοοικονομικές αξιολογήσεις")

    def __str__(self) -> str:
        """Its date, assessor and ΚΕΑ/ΕΕΕ verdict, e.g. in the benefit application's choice."""
        eligible = self.outcome.get("kea", {}).get("eligible") if self.outcome else None
        verdict = {True: gettext("ΚΕΑ/ΕΕΕ: επιλέξιμο"), False: gettext("ΚΕΑ/ΕΕΕ: μη επιλέξιμο")}.get(eligible, "")
        return " · ".join(part for part in (day(self.assessed_on), person_name(self.assessed_by), verdict) if part)

    @property
    def household_size(self) -> int:
        return self.adults + self.minors


class AssessmentIncome(UUIDModel):
    class Source(models.TextChoices):
        WAGES = "wages", _("Μισθωτές υπηρεσίες")
        SELF_EMPLOYMENT = "self_employment", _("Ελεύθερο επάγγελμα / αγροτικά")
        PENSION = "pension", _("Συντάξεις")
        BENEFITS = "benefits", _("Επιδόματα")
        RENT = "rent", _("Ενοίκια")
        SUPPORT = "support", _("Διατροφή / βοήθεια συγγενών")
        OTHER = "other", _("Άλλο")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="incomes")
    source = models.CharField(_("πηγή"), max_length=16, choices=Source.choices)
    monthly_amount = models.DecimalField(_("μηνιαίο ποσό (€)"), **MONEY)

    class Meta:
        ordering = ["source"]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {money(self.monthly_amount)}"
