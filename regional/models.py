"""Regions, regional units and municipalities (public schema): where centres belong, and the
scope of a region user's aggregated view."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from platform_core.labels import moment
from platform_core.models import UUIDModel


class Region(UUIDModel):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("όνομα"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("περιφέρεια")
        verbose_name_plural = _("περιφέρειες")

    def __str__(self) -> str:
        return self.name


class RegionalUnit(UUIDModel):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units")
    slug = models.SlugField(unique=True)
    name = models.CharField(_("όνομα"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("περιφερειακή ενότητα")
        verbose_name_plural = _("περιφερειακές ενότητες")

    def __str__(self) -> str:
        return self.name


class Municipality(UUIDModel):
    regional_unit = models.ForeignKey(RegionalUnit, on_delete=models.PROTECT, related_name="municipalities")
    slug = models.SlugField(unique=True)
    name = models.CharField(_("όνομα"), max_length=120, help_text=_("Στη γενική, π.χ. «Αποκορώνου»."))
    name_en = models.CharField(_("όνομα στα αγγλικά"), max_length=120, blank=True,
                               help_text=_("Όπως στο «Municipality of Apokoronas», π.χ. «Apokoronas»."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("δήμος")
        verbose_name_plural = _("δήμοι")

    def __str__(self) -> str:
        return self.label(self.name, self.name_en)

    @staticmethod
    def label(name: str, name_en: str = "") -> str:
        """«Δήμος Αποκορώνου» (``name`` in the genitive) in Greek, "Municipality of Apokoronas" in
        English; never half of each: without an English name, the Greek one whole."""
        if name_en and not (get_language() or "el").startswith("el"):
            return gettext("Δήμος %(name)s") % {"name": name_en}
        return f"Δήμος {name}"

    def centre_name(self) -> str:
        """The name of this municipality's Community Centre, in the reader's language as
        ``label`` is: «Κέντρο Κοινότητας Δήμου Αποκορώνου», "Community Centre of the Municipality
        of Apokoronas"."""
        if self.name_en and not (get_language() or "el").startswith("el"):
            return gettext("Κέντρο Κοινότητας Δήμου %(place)s") % {"place": self.name_en}
        return f"Κέντρο Κοινότητας Δήμου {self.name}"

    @property
    def region(self) -> Region:
        return self.regional_unit.region


class RegionMembership(UUIDModel):
    """A public-schema account that sees its region's aggregated indicators, never a person."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_membership")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        verbose_name = _("χρήστης περιφέρειας")
        verbose_name_plural = _("χρήστες περιφέρειας")

    def __str__(self) -> str:
        return f"{self.user} → {self.region}"


class RollupRun(UUIDModel):
    """One run of the regional rollup over the active centres: its progress while it runs
    (centres done and failed out of the total, then tables published) and when it ended, for the
    operator console."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Σε εξέλιξη")
        SUCCEEDED = "succeeded", _("Ολοκληρώθηκε")
        FAILED = "failed", _("Ολοκληρώθηκε με αποτυχίες")

    class Trigger(models.TextChoices):
        NIGHTLY = "nightly", _("Νυχτερινή")
        OPERATOR = "operator", _("Από τον διαχειριστή")
        COMMAND = "command", _("Από τη γραμμή εντολών")

    trigger = models.CharField(_("αφορμή"), max_length=10, choices=Trigger.choices)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    periods = models.JSONField(_("περίοδοι"), default=list)
    started_at = models.DateTimeField(_("έναρξη"), auto_now_add=True)
    finished_at = models.DateTimeField(_("λήξη"), null=True, blank=True)
    centres_total = models.PositiveIntegerField(default=0)
    centres_done = models.PositiveIntegerField(default=0)
    centres_failed = models.PositiveIntegerField(default=0)
    failed_centres = models.JSONField(default=list, blank=True)
    # The publication runs as one task per (region, period) once the last centre is done.
    publications_total = models.PositiveIntegerField(default=0)
    publications_done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("εκτέλεση συγκέντρωσης δεικτών")
        verbose_name_plural = _("εκτελέσεις συγκέντρωσης δεικτών")

    def __str__(self) -> str:
        return f"{moment(self.started_at)} {self.status}"

    @property
    def finished_centres(self) -> int:
        return self.centres_done + self.centres_failed


class CentreIndicatorValue(models.Model):
    """One centre's count of one indicator (and breakdown) in one period, as computed in its
    schema: unsuppressed, never shown to a region (``PublishedIndicatorValue`` is). Zero cells
    are not stored.

    Derived rows that a centre's rollup replaces whole (about 3,000 a night per centre), so the
    table carries only what that costs least to keep: no database constraint on the centre (its
    deferred check ran for every row at each commit; deleting a centre cascades in Django), one
    index on (centre, period) that the replacement and every reader use instead of a unique one
    on all four keys (the rollup replaces a centre's periods under a lock of that centre, so two
    runs never write the same cells twice), and the codes compared bytewise (``C``: they are
    ASCII, so the order is the same and the comparisons cheaper)."""

    centre = models.ForeignKey("tenants.Centre", on_delete=models.CASCADE, related_name="+", db_index=False,
                               db_constraint=False)
    period = models.CharField(max_length=7, db_collation="C")
    indicator = models.CharField(max_length=60, db_collation="C")
    breakdown = models.CharField(max_length=80, blank=True, db_collation="C")
    value = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["centre", "period"], name="centre_indicator_values")]

    def __str__(self) -> str:
        return f"{self.period} {self.indicator} {self.breakdown or 'total'}: {self.value}"


class PublishedIndicatorValue(models.Model):
    """What the region console and API read: one cell of a region's table after suppression.
    ``centre`` is empty on the totals of a regional unit, both on the region's."""

    class Level(models.TextChoices):
        CENTRE = "centre", _("Κέντρο")
        UNIT = "unit", _("Περιφερειακή ενότητα")
        REGION = "region", _("Περιφέρεια")

    # Derived rows, replaced whole by every publication: no database constraints on their keys,
    # whose deferred checks cost more than writing the rows (deletions cascade in Django); and no
    # index per key: the two below serve every reader, and each index costs the COPY of every
    # publication (1.7 million rows at 300 centres).
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+", db_constraint=False,
                               db_index=False)
    level = models.CharField(max_length=6, choices=Level.choices, db_collation="C")
    regional_unit = models.ForeignKey(RegionalUnit, on_delete=models.CASCADE, null=True, related_name="+",
                                      db_constraint=False, db_index=False)
    centre = models.ForeignKey("tenants.Centre", on_delete=models.CASCADE, null=True, related_name="+",
                               db_constraint=False, db_index=False)
    # Codes compared bytewise (ASCII: the same order, cheaper comparisons in the indexes).
    period = models.CharField(max_length=7, db_collation="C")
    indicator = models.CharField(max_length=60, db_collation="C")
    breakdown = models.CharField(max_length=80, blank=True, db_collation="C")
    value = models.PositiveIntegerField(null=True)
    suppressed = models.BooleanField(default=False)
    # When the centre's figures were computed; older than the run for a suspended centre.
    computed_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["region", "indicator", "period"], name="published_lookup"),
                   models.Index(fields=["region", "period", "level"], name="published_overview")]

    def __str__(self) -> str:
        shown = "suppressed" if self.suppressed else self.value
        return f"{self.level} {self.period} {self.indicator} {self.breakdown or 'total'}: {shown}"


class PublishedPeriod(models.Model):
    """That a region's tables of one period were published, from which input: a digest of the
    centres' counts it read, the region's centres and their units and status, the registry's
    indicators and the suppression threshold. A publication whose input has the same digest
    would write the same rows (the suppression is deterministic), so it writes nothing: most of
    a night's twenty periods lie in months nobody has touched since."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=7)
    digest = models.CharField(max_length=64)
    published_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "period"], name="published_period_once")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.period}"
