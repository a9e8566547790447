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
    # Set when an archived centre is deleted (``centre_delete``): its schema, domain and media are
    # gone; the row stays, still archived, because other centres' consents and referrals and the
    # region's published history point at it.
    deleted_at = models.DateTimeField(_("διαγραφή"), null=True, blank=True)

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


def export_file_path(export: "CentreExport") -> str:
    """Relative to ``CENTRE_EXPORT_ROOT``: one folder per centre schema, the export's id as name."""
    return f"{export.centre_schema}/{export.pk}.tar.gz"


class CentreExport(models.Model):
    """One archive of one centre (``tenants.archive``): its schema's dump, its media and a manifest.
    The row outlives the centre (``centre`` null once the row is gone; slug and schema kept), so
    a deleted centre's last export can still be restored."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Σε αναμονή")
        READY = "ready", _("Έτοιμο")
        FAILED = "failed", _("Απέτυχε")

    class Requester(models.TextChoices):
        OPERATOR = "operator", _("Διαχειριστής πλατφόρμας")
        COORDINATOR = "coordinator", _("Συντονιστής/τρια του κέντρου")
        COMMAND = "command", _("Εντολή διαχείρισης")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    centre = models.ForeignKey(Centre, on_delete=models.SET_NULL, null=True, related_name="exports",
                               verbose_name=_("κέντρο"))
    centre_slug = models.CharField(_("αναγνωριστικό κέντρου"), max_length=41)
    centre_schema = models.CharField(_("σχήμα"), max_length=63)
    requested_by = models.CharField(_("αίτημα από"), max_length=12, choices=Requester.choices)
    # The requesting account's id (an operator's in public, a coordinator's in the centre): never a name.
    requested_by_id = models.CharField(_("λογαριασμός"), max_length=64, blank=True)
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("αίτημα"), auto_now_add=True)
    finished_at = models.DateTimeField(_("ολοκλήρωση"), null=True, blank=True)
    size_bytes = models.BigIntegerField(_("μέγεθος"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # Counts only: tables, rows, files, the code version it was made with.
    summary = models.JSONField(_("περιεχόμενο"), default=dict, blank=True)
    error_class = models.CharField(_("σφάλμα"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("εξαγωγή κέντρου")
        verbose_name_plural = _("εξαγωγές κέντρων")
        indexes = [models.Index(fields=["centre", "-created_at"], name="centre_export_latest")]

    def __str__(self) -> str:
        from platform_core.labels import moment

        return f"{self.centre_slug} {moment(self.created_at)}"

    @property
    def relative_path(self) -> str:
        return export_file_path(self)

    def file_name(self) -> str:
        """The download's name: the slug is the centre's public sub-domain, the rest ids and a date."""
        return f"{self.centre_slug}-{self.created_at:%Y%m%d}-{str(self.pk)[:8]}.tar.gz"


class CentreHealth(models.Model):
    """The operator's health snapshot of one centre (``tenants.health``), recomputed by the
    ``centre-health`` job: counts and sizes only, read in the centre's schema, so that the console
    lists hundreds of centres without entering any schema."""

    centre = models.OneToOneField(Centre, on_delete=models.CASCADE, primary_key=True, related_name="health")
    computed_at = models.DateTimeField(_("υπολογισμός"))
    figures = models.JSONField(_("μεγέθη"), default=dict)
    last_staff_login = models.DateTimeField(_("τελευταία σύνδεση προσωπικού"), null=True, blank=True)
    schema_bytes = models.BigIntegerField(_("μέγεθος σχήματος"), default=0)
    media_bytes = models.BigIntegerField(_("μέγεθος αρχείων"), default=0)

    class Meta:
        verbose_name = _("κατάσταση κέντρου")
        verbose_name_plural = _("καταστάσεις κέντρων")

    def __str__(self) -> str:
        return f"{self.centre_id}"


class CentreEvent(models.Model):
    """The public log of what was done to a centre as a whole: lifecycle changes, exports,
    restores, deletion. Ids and slugs only; it outlives the centre."""

    at = models.DateTimeField(_("χρόνος"), auto_now_add=True, db_index=True)
    centre_id_value = models.UUIDField(_("κέντρο (id)"), null=True)
    centre_slug = models.CharField(_("αναγνωριστικό κέντρου"), max_length=41)
    action = models.CharField(_("ενέργεια"), max_length=20)
    by_id = models.CharField(_("λογαριασμός"), max_length=64, blank=True)
    details = models.JSONField(_("λεπτομέρειες"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("συμβάν κέντρου")
        verbose_name_plural = _("συμβάντα κέντρων")

    def __str__(self) -> str:
        return f"{self.centre_slug}: {self.action}"
