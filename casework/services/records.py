"""Casework services: a person's scanned documents (upload, with type and size limits)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from casework.models import Document, Person
from platform_core.accounts.models import User

# Accepted types, recognised by the file's first bytes (its "magic"), whatever its name or
# declared type says: (content type, extension, signature).
ACCEPTED_TYPES = (
    ("application/pdf", ".pdf", b"%PDF-"),
    ("image/jpeg", ".jpg", b"\xff\xd8\xff"),
    ("image/png", ".png", b"\x89PNG\r\n\x1a\n"),
)


def sniff_type(upload: UploadedFile) -> tuple[str, str] | None:
    """(content type, extension) of an accepted file, by its content; None for anything else."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, extension, signature in ACCEPTED_TYPES:
        if head.startswith(signature):
            return content_type, extension
    return None


def upload_check(upload: UploadedFile | None, *, field: str = "file") -> tuple[str, str]:
    """(content type, extension) of an acceptable scan: PDF, JPEG or PNG by content, not empty,
    up to ``DOCUMENT_MAX_BYTES``; otherwise a ``ValidationError`` on ``field``. Every upload of a
    scan (documents, signed attendance sheets) passes here."""
    if upload is None:
        raise ValidationError({field: _("Επιλέξτε ένα αρχείο.")})
    if upload.size == 0:
        raise ValidationError({field: _("Το αρχείο είναι κενό.")})
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError({field: _("Το αρχείο είναι μεγαλύτερο από %(max)s.")
                               % {"max": filesizeformat(settings.DOCUMENT_MAX_BYTES)}})
    sniffed = sniff_type(upload)
    if sniffed is None:
        raise ValidationError({field: _("Επιτρέπονται μόνο αρχεία PDF, JPEG και PNG.")})
    return sniffed


def document_upload(*, person: Person, upload: UploadedFile | None, kind: str, title: str = "", by: User) -> Document:
    """Stores a scanned document of ``person`` under the centre's own folder
    (``centres/<schema>/documents/``) with a random name; PDF, JPEG or PNG up to
    ``DOCUMENT_MAX_BYTES``."""
    content_type, extension = upload_check(upload)
    document = Document(
        person=person, kind=kind, title=title, uploaded_by=by, content_type=content_type, size=upload.size,
        original_name=(getattr(upload, "name", "") or "")[-200:],
        # The stored name comes from the content's type, never from what the sender called it.
        file=File(upload, name=f"document{extension}"),
    )
    document.full_clean()
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        # The file is written before its row: a row that fails leaves no file behind.
        if document.file.name and document.file.storage.exists(document.file.name):
            document.file.storage.delete(document.file.name)
        raise
    return document
