"""Spreadsheet imports: each uploaded file (its checksum, the column mapping, the preview and the
outcome) and the mapping last used for each kind of file."""

import uuid

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from platform_core.labels import moment
from platform_core.models import UUIDModel


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("Ωφελούμενοι, νοικοκυριά και φάκελοι")
    CASES = "cases", _("Φάκελοι ωφελούμενων που έχουν ήδη καταχωριστεί")


def import_file_path(instance: "ImportJob", filename: str) -> str:
    """``centres/<schema>/imports/<uuid>.<ext>``: under the centre's folder, never the original
    name (it may hold a person's name), never served by URL."""
    ext = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    return f"centres/{connection.schema_name}/imports/{uuid.uuid4()}{ext}"


def import_errors_path(instance: "ImportJob", filename: str) -> str:
    return f"centres/{connection.schema_name}/imports/{uuid.uuid4()}-errors.xlsx"


class ImportJob(UUIDModel):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Αντιστοίχιση στηλών")
        PREVIEWING = "previewing", _("Προεπισκόπηση σε εξέλιξη")
        PREVIEWED = "previewed", _("Έτοιμο για επιβεβαίωση")
        QUEUED = "queued", _("Σε αναμονή")
        RUNNING = "running", _("Εισαγωγή σε εξέλιξη")
        DONE = "done", _("Ολοκληρώθηκε")
        REFUSED = "refused", _("Δεν έγινε εισαγωγή (λάθη)")
        FAILED = "failed", _("Απέτυχε")

    kind = models.CharField(_("είδος"), max_length=10, choices=ImportKind.choices)
    file = models.FileField(upload_to=import_file_path, max_length=200)
    file_name = models.CharField(_("αρχείο"), max_length=200)
    checksum = models.CharField(max_length=64, db_index=True)
    header = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    mapping = models.JSONField(default=dict, help_text="header → field")
    status = models.CharField(_("κατάσταση"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    skip_refused = models.BooleanField(_("παράλειψη γραμμών με λάθη"), default=False)
    # Row number (as text) → "same" | "new" | "skip", for the possible duplicates of the preview.
    decisions = models.JSONField(default=dict)
    # {"counts": {action: n}, "rows": [{row, action, label, errors, match, candidates}]}, rows
    # other than plain creations only.
    preview = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    message = models.TextField(blank=True)
    errors_file = models.FileField(upload_to=import_errors_path, max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("εισαγωγή αρχείου")
        verbose_name_plural = _("εισαγωγές αρχείων")
        permissions = [("import_records", _("Εισαγωγή δεδομένων από λογιστικά φύλλα"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {moment(self.created_at)}"


class ImportMapping(UUIDModel):
    """The columns of the last file of a kind, mapped to fields: offered for the next file."""

    kind = models.CharField(max_length=10, choices=ImportKind.choices, unique=True)
    columns = models.JSONField(default=dict, help_text="header → field")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.get_kind_display()
