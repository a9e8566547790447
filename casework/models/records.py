"""A person's scanned documents and the access log of everything read about people."""

import os
import uuid

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from platform_core.labels import moment
from platform_core.models import UUIDModel

from .people import Person


def document_path(instance: "Document", filename: str) -> str:
    """``centres/<schema>/documents/<uuid><ext>``: each centre's files under its own folder, and
    no personal data (the original name) in the path."""
    ext = os.path.splitext(filename)[1].lower()[:8]
    return f"centres/{connection.schema_name}/documents/{uuid.uuid4()}{ext}"


class Document(UUIDModel):
    class Kind(models.TextChoices):
        IDENTITY = "identity", _("Ταυτότητα / διαβατήριο / άδεια διαμονής")
        TAX = "tax", _("Εκκαθαριστικό / Ε1")
        MEDICAL = "medical", _("Ιατρική γνωμάτευση")
        DISABILITY = "disability", _("Γνωμάτευση ΚΕΠΑ")
        UNEMPLOYMENT = "unemployment", _("Κάρτα ανεργίας")
        CONSENT = "consent", _("Υπογεγραμμένη συγκατάθεση")
        DECISION = "decision", _("Απόφαση παροχής")
        OTHER = "other", _("Άλλο")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents",
                               verbose_name=_("ωφελούμενος/η"))
    kind = models.CharField(_("είδος"), max_length=14, choices=Kind.choices)
    title = models.CharField(_("τίτλος"), max_length=120, blank=True)
    file = models.FileField(_("αρχείο"), upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("έγγραφο")
        verbose_name_plural = _("έγγραφα")

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class AccessLog(UUIDModel):
    """Who read what about a person, when and through which door; written in the same transaction
    as the read (``casework.services.access_record``)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Προβολή")
        EXPORT = "export", _("Εξαγωγή")
        DOWNLOAD = "download", _("Λήψη εγγράφου")

    class Channel(models.TextChoices):
        UI = "ui", _("Εφαρμογή")
        API = "api", _("API")
        ADMIN = "admin", _("Διαχείριση")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_log")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.VIEW)
    object_type = models.CharField(max_length=40)
    object_id = models.UUIDField()
    channel = models.CharField(max_length=5, choices=Channel.choices)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at"], name="access_log_person")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {moment(self.at)}"
