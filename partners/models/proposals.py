"""Proposals from centre staff: a new directory entry or a correction, approved or rejected by an
editor (operator or region user). A proposal row lives in the public schema, so it holds only
directory facts and who proposed it by centre slug, staff id and display name, never anything
about a person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from platform_core.models import TimeStampedModel

from .directory import Organization, Service


class DirectoryProposal(TimeStampedModel):
    class Kind(models.TextChoices):
        NEW = "new", _("Νέα καταχώριση")
        CORRECTION = "correction", _("Διόρθωση")

    class Status(models.TextChoices):
        PENDING = "pending", _("Σε εκκρεμότητα")
        APPROVED = "approved", _("Εγκρίθηκε")
        REJECTED = "rejected", _("Απορρίφθηκε")

    # The facts a proposal may carry, and the directory field each one sets.
    ORGANIZATION_FIELDS = ("organization_name", "organization_description", "website", "email", "phone")
    SERVICE_FIELDS = ("service_name", "service_description", "eligibility_description", "application_process")

    kind = models.CharField(_("είδος"), max_length=10, choices=Kind.choices)
    organization = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="proposals", verbose_name=_("φορέας"))
    service = models.ForeignKey(Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals",
                                verbose_name=_("υπηρεσία"))
    facts = models.JSONField(_("στοιχεία"), default=dict)
    note = models.TextField(_("σχόλιο"), blank=True)
    proposer_centre = models.CharField(max_length=41, db_index=True)
    proposer_staff_id = models.UUIDField()
    proposer_name = models.CharField(max_length=160)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("αιτιολογία"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("πρόταση καταχώρισης")
        verbose_name_plural = _("προτάσεις καταχώρισης")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.get_status_display()})"

    @property
    def title(self) -> str:
        return (self.facts.get("organization_name") or self.facts.get("service_name")
                or (str(self.organization) if self.organization_id else "") or str(self.get_kind_display()))
