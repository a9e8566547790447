"""Centres (django-tenants tenants, one PostgreSQL schema each) and their host names."""

import uuid

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import get_public_schema_name


class Centre(TenantMixin):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Ενεργό")
        SUSPENDED = "suspended", _("Σε αναστολή")
        ARCHIVED = "archived", _("Αρχειοθετημένο")

    # The schema is created by `centre_create` inside its transaction, never as a side effect
    # of save(): a failed onboarding must leave nothing behind.
    auto_create_schema = False
    auto_drop_schema = False

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.CharField(_("αναγνωριστικό"), max_length=41, unique=True)
    name = models.CharField(_("επίσημη ονομασία"), max_length=200)
    municipality = models.ForeignKey(
        "regional.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="centres",
        verbose_name=_("δήμος"),
    )
    region = models.ForeignKey(
        "regional.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="centres",
        verbose_name=_("περιφέρεια"),
    )
    espa_mis_code = models.CharField(_("κωδικός MIS (ΕΣΠΑ)"), max_length=20, blank=True)
    status = models.CharField(_("κατάσταση"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_changed_at = models.DateTimeField(_("αλλαγή κατάστασης"), null=True, blank=True)
    created_at = models.DateTimeField(_("δημιουργία"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("κέντρο κοινότητας")
        verbose_name_plural = _("κέντρα κοινότητας")
        permissions = [("operate_centres", _("Δημιουργία, αναστολή και αρχειοθέτηση κέντρων"))]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The centre's name in the reader's language: the official (Greek) name in Greek; in
        English its municipality's centre ("Community Centre of the Municipality of Apokoronas")
        when the municipality has an English name, else the official name whole, never mixed."""
        if (get_language() or "el").startswith("el") or self.municipality is None or not self.municipality.name_en:
            return self.name
        return self.municipality.centre_name()

    @property
    def is_public(self) -> bool:
        return self.schema_name == get_public_schema_name()

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def primary_domain_name(self) -> str:
        domain = self.get_primary_domain()
        return domain.domain if domain else ""

    def unavailable_message(self) -> str:
        if self.status == self.Status.SUSPENDED:
            return gettext("Η πρόσβαση στο %(name)s έχει ανασταλεί. Τα δεδομένα του διατηρούνται ανέπαφα. "
                          "Επικοινωνήστε με τον διαχειριστή της πλατφόρμας.") % {"name": self.name}
        return gettext("Το %(name)s έχει αρχειοθετηθεί και δεν δέχεται πλέον συνδέσεις.") % {"name": self.name}


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("όνομα τομέα")
        verbose_name_plural = _("ονόματα τομέα")


class JobRun(models.Model):
    """The last run of one scheduled job, for the platform (``centre_schema`` empty: a fan-out
    task) or for one centre: what the operator console shows, so a failing job is not silent.
    One row per job and centre, updated by every run (``tenants.jobs.job_run_recorded``)."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Επιτυχία")
        FAILED = "failed", _("Αποτυχία")

    job = models.CharField(_("εργασία"), max_length=100)
    centre_schema = models.CharField(_("κέντρο (σχήμα)"), max_length=63, blank=True)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices)
    started_at = models.DateTimeField(_("έναρξη"))
    finished_at = models.DateTimeField(_("λήξη"))
    # The exception's class only: its message may quote data of the centre.
    error_class = models.CharField(_("σφάλμα"), max_length=200, blank=True)
    summary = models.JSONField(_("αποτέλεσμα"), default=dict, blank=True)
    last_success_at = models.DateTimeField(_("τελευταία επιτυχία"), null=True, blank=True)
    failures_in_a_row = models.PositiveIntegerField(_("συνεχόμενες αποτυχίες"), default=0)

    class Meta:
        ordering = ["job", "centre_schema"]
        verbose_name = _("εκτέλεση εργασίας")
        verbose_name_plural = _("εκτελέσεις εργασιών")
        constraints = [models.UniqueConstraint(fields=["job", "centre_schema"], name="jobrun_one_per_job_centre")]

    def __str__(self) -> str:
        return f"{self.job} {self.centre_schema or 'public'}: {self.status}"


class ReferenceState(models.Model):
    """Which version of the reference data (role groups, …) a schema was last loaded with
    (``platform_core.reference.reference_data_version``). ``schema_oid`` is the schema's
    ``pg_namespace`` oid: a schema dropped and created again under the same name gets a new
    one, so an old row never vouches for a new schema."""

    schema_name = models.CharField(_("σχήμα"), max_length=63, primary_key=True)
    schema_oid = models.BigIntegerField(_("oid σχήματος"))
    version = models.CharField(_("έκδοση"), max_length=64)
    loaded_at = models.DateTimeField(_("φόρτωση"), auto_now=True)

    class Meta:
        verbose_name = _("κατάσταση δεδομένων αναφοράς")
        verbose_name_plural = _("καταστάσεις δεδομένων αναφοράς")

    def __str__(self) -> str:
        return f"{self.schema_name}: {self.version}"
