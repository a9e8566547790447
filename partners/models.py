"""The shared partner directory (public schema): organisations every centre refers people to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_core.models import TimeStampedModel


class Partner(TimeStampedModel):
    class Kind(models.TextChoices):
        MENTAL_HEALTH = "mental_health", _("Ψυχική υγεία")
        HEALTH = "health", _("Υγεία")
        EDUCATION = "education", _("Εκπαίδευση")
        CHILD_PROTECTION = "child_protection", _("Προστασία παιδιού")
        ADDICTION = "addiction", _("Εξαρτήσεις")
        HOME_CARE = "home_care", _("Κατ' οίκον φροντίδα")
        SOCIAL_SERVICE = "social_service", _("Κοινωνική υπηρεσία")
        EMPLOYMENT = "employment", _("Απασχόληση")
        NGO = "ngo", _("Μη κυβερνητική οργάνωση")
        OTHER = "other", _("Άλλο")

    name = models.CharField(_("επωνυμία"), max_length=200)
    short_name = models.CharField(_("σύντομο όνομα"), max_length=60, blank=True)
    kind = models.CharField(_("είδος"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("περιγραφή"), blank=True)
    regions = models.ManyToManyField("regional.Region", blank=True, related_name="partners",
                                     verbose_name=_("περιφέρειες"))
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    phone = models.CharField(_("τηλέφωνο"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("ιστότοπος"), blank=True)
    is_active = models.BooleanField(_("ενεργός"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("φορέας")
        verbose_name_plural = _("φορείς")
        constraints = [models.UniqueConstraint(fields=["name"], name="partner_unique_name")]

    def __str__(self) -> str:
        return self.short_name or self.name
