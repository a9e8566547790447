"""The shared service directory (public schema), shaped like Open Referral HSDS 3.0: organisations,
the services they provide, where (locations, service at location), how to reach them (phones,
contacts), when (schedules), for whom (service areas) and what (a category taxonomy). Nothing here
is about a person: the directory holds public facts about organisations only.

Every id is a UUID, as HSDS asks, so an entry keeps its id when it is exported and imported.
"""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.models import TimeStampedModel, UUIDModel

# An entry nobody has confirmed for this long is flagged as possibly out of date.
FRESHNESS = datetime.timedelta(days=365)


class Taxonomy(UUIDModel):
    """A vocabulary of terms (HSDS ``taxonomy``); the platform's own is the Greek category list."""

    name = models.CharField(_("όνομα"), max_length=120, unique=True)
    description = models.TextField(_("περιγραφή"), blank=True)
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ταξινομία")
        verbose_name_plural = _("ταξινομίες")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(UUIDModel):
    """A category of the directory (HSDS ``taxonomy_term``), e.g. «Ψυχική υγεία»."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.SlugField(_("κωδικός"), max_length=40)
    name = models.CharField(_("όνομα"), max_length=120)
    description = models.TextField(_("περιγραφή"), blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("κατηγορία")
        verbose_name_plural = _("κατηγορίες")
        constraints = [models.UniqueConstraint(fields=["taxonomy", "code"], name="taxonomy_term_unique_code")]

    def __str__(self) -> str:
        return self.name


class Organization(TimeStampedModel):
    """A body people are referred to (HSDS ``organization``): ΚΕΔΑΣΥ, a mental-health centre, an NGO."""

    name = models.CharField(_("επωνυμία"), max_length=200)
    alternate_name = models.CharField(_("σύντομο όνομα"), max_length=120, blank=True)
    description = models.TextField(_("περιγραφή"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("ιστότοπος"), blank=True)
    legal_status = models.CharField(_("νομική μορφή"), max_length=120, blank=True)
    regions = models.ManyToManyField("regional.Region", blank=True, related_name="organizations",
                                     verbose_name=_("περιφέρειες"))
    is_active = models.BooleanField(_("ενεργός"), default=True)
    assured_date = models.DateField(_("τελευταία επιβεβαίωση"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("φορέας")
        verbose_name_plural = _("φορείς")
        constraints = [models.UniqueConstraint(fields=["name"], name="organization_unique_name")]

    def __str__(self) -> str:
        return self.alternate_name or self.name

    @property
    def is_stale(self) -> bool:
        return is_stale(self.assured_date)


def is_stale(assured_date: datetime.date | None) -> bool:
    """Not confirmed within ``FRESHNESS`` (or never)."""
    return assured_date is None or assured_date < timezone.localdate() - FRESHNESS


class ReferralMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Τηλέφωνο")
    PORTAL = "portal", _("Ηλεκτρονική πύλη")
    LETTER = "letter", _("Παραπεμπτικό έγγραφο")


class Service(TimeStampedModel):
    """What an organisation offers (HSDS ``service``): the thing a centre refers a person to."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Ενεργή")
        INACTIVE = "inactive", _("Ανενεργή")
        DEFUNCT = "defunct", _("Καταργήθηκε")
        TEMPORARILY_CLOSED = "temporarily closed", _("Προσωρινά κλειστή")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="services",
                                     verbose_name=_("φορέας"))
    name = models.CharField(_("όνομα"), max_length=200)
    alternate_name = models.CharField(_("εναλλακτικό όνομα"), max_length=120, blank=True)
    description = models.TextField(_("περιγραφή"), blank=True)
    url = models.URLField(_("ιστοσελίδα"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(_("κατάσταση"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    eligibility_description = models.TextField(_("προϋποθέσεις"), blank=True)
    application_process = models.TextField(_("διαδικασία αίτησης"), blank=True)
    fees_description = models.TextField(_("κόστος"), blank=True)
    languages = ArrayField(models.CharField(max_length=8), verbose_name=_("γλώσσες"), default=list, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("ελάχιστη ηλικία"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("μέγιστη ηλικία"), null=True, blank=True)
    referral_methods = ArrayField(models.CharField(max_length=8, choices=ReferralMethod.choices),
                                  verbose_name=_("τρόποι παραπομπής"), default=list, blank=True)
    categories = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="services",
                                        verbose_name=_("κατηγορίες"))
    assured_date = models.DateField(_("τελευταία επιβεβαίωση"), null=True, blank=True)
    assurer_email = models.EmailField(_("email επιβεβαίωσης"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = _("υπηρεσία")
        verbose_name_plural = _("υπηρεσίες")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="service_unique_name"),
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True) | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")), name="service_age_range"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.name}"

    @property
    def accepts_referrals(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_stale(self) -> bool:
        return is_stale(self.assured_date)


class Location(TimeStampedModel):
    """Where an organisation works (HSDS ``location`` with one postal address)."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Φυσική")
        VIRTUAL = "virtual", _("Διαδικτυακή")
        POSTAL = "postal", _("Ταχυδρομική")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="locations")
    location_type = models.CharField(max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    name = models.CharField(_("όνομα"), max_length=200, blank=True)
    description = models.TextField(_("περιγραφή"), blank=True)
    address_1 = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    city = models.CharField(_("πόλη"), max_length=80, blank=True)
    state_province = models.CharField(_("περιφερειακή ενότητα"), max_length=80, blank=True)
    postal_code = models.CharField(_("ταχυδρομικός κώδικας"), max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GR")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("τοποθεσία")
        verbose_name_plural = _("τοποθεσίες")

    def __str__(self) -> str:
        return self.name or self.address_1


class ServiceAtLocation(UUIDModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique")]

    def __str__(self) -> str:
        return f"{self.service.name} · {self.location}"


class Contact(UUIDModel):
    """A named contact point of an organisation or service (a desk or a post, public information)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="contacts")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts")
    name = models.CharField(_("όνομα"), max_length=120, blank=True)
    title = models.CharField(_("θέση"), max_length=120, blank=True)
    department = models.CharField(_("τμήμα"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)

    def __str__(self) -> str:
        return " · ".join(part for part in (self.name, self.title, self.department) if part) or self.email


class Phone(UUIDModel):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="phones")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones")
    number = models.CharField(_("αριθμός"), max_length=40)
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = models.CharField(max_length=10, blank=True, help_text="HSDS: text, voice, fax, cell, video, pager")
    description = models.CharField(_("περιγραφή"), max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.number} ({self.extension})" if self.extension else self.number


class Schedule(UUIDModel):
    """Opening hours on one weekday (HSDS ``schedule`` with ``freq=WEEKLY`` and one ``byday``)."""

    class Weekday(models.TextChoices):
        MO = "MO", _("Δευτέρα")
        TU = "TU", _("Τρίτη")
        WE = "WE", _("Τετάρτη")
        TH = "TH", _("Πέμπτη")
        FR = "FR", _("Παρασκευή")
        SA = "SA", _("Σάββατο")
        SU = "SU", _("Κυριακή")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules")
    byday = models.CharField(_("ημέρα"), max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField(_("ανοίγει"))
    closes_at = models.TimeField(_("κλείνει"))
    description = models.CharField(_("σημείωση"), max_length=200, blank=True)

    class Meta:
        ordering = ["byday", "opens_at"]
        constraints = [models.CheckConstraint(condition=models.Q(opens_at__lt=models.F("closes_at")),
                                              name="schedule_opens_before_closing")]

    def __str__(self) -> str:
        return f"{self.get_byday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


WEEKDAYS = [choice for choice, _label in Schedule.Weekday.choices]


class ServiceArea(UUIDModel):
    """Where a service takes people from: a regional unit, or one municipality of it."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    regional_unit = models.ForeignKey("regional.RegionalUnit", on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("περιφερειακή ενότητα"))
    municipality = models.ForeignKey("regional.Municipality", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("δήμος"))

    @property
    def name(self) -> str:
        return str(self.municipality) if self.municipality_id else self.regional_unit.name

    def __str__(self) -> str:
        return self.name
