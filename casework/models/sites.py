"""The places a centre works from: the main office, branches (a Roma branch, a ΚΕΜ), mobile units,
and their rooms. Cases, reception contacts, appointments, programmes and sessions carry a site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_core.models import TimeStampedModel, UUIDModel


class Site(TimeStampedModel):
    class Kind(models.TextChoices):
        MAIN_OFFICE = "main_office", _("Κεντρικό γραφείο")
        BRANCH = "branch", _("Παράρτημα")
        MOBILE_UNIT = "mobile_unit", _("Κινητή μονάδα")

    name = models.CharField(_("ονομασία"), max_length=120)
    kind = models.CharField(_("είδος"), max_length=12, choices=Kind.choices, default=Kind.BRANCH)
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    is_active = models.BooleanField(_("σε λειτουργία"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("δομή")
        verbose_name_plural = _("δομές")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="site_unique_name"),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="main_office"),
                                    name="site_one_main_office"),
        ]

    def __str__(self) -> str:
        return self.name


class Room(UUIDModel):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("δομή"))
    name = models.CharField(_("αίθουσα"), max_length=80)
    capacity = models.PositiveSmallIntegerField(_("θέσεις"), null=True, blank=True)

    class Meta:
        ordering = ["site", "name"]
        verbose_name = _("αίθουσα")
        verbose_name_plural = _("αίθουσες")
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="room_unique_name_per_site")]

    def __str__(self) -> str:
        return f"{self.site.name} · {self.name}"
