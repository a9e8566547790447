"""Regions, regional units and municipalities (public schema): where centres belong, and the
scope of a region user's aggregated view."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        ordering = ["name"]
        verbose_name = _("δήμος")
        verbose_name_plural = _("δήμοι")

    def __str__(self) -> str:
        return _("Δήμος %(name)s") % {"name": self.name}

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
