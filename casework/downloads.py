"""The private downloads of casework (a person's export, a scanned document), shared by the staff
pages and the API: attachments named by id only, never cached, never sniffed, and only after the
read is logged (the caller logs it, in the same transaction, before calling these)."""

import json
import os

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

from casework.export import export_json, export_pdf
from casework.models import Document, Person


def private(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_json_response(*, person: Person, user) -> HttpResponse:
    body = json.dumps(export_json(person=person, user=user), ensure_ascii=False, indent=2)
    return private(HttpResponse(body, content_type="application/json; charset=utf-8"), f"person-{person.pk}.json")


def export_pdf_response(*, person: Person, user) -> HttpResponse:
    return private(HttpResponse(export_pdf(person=person, user=user), content_type="application/pdf"),
                   f"person-{person.pk}.pdf")


def export_response(*, person: Person, user, file_format: str) -> HttpResponse:
    return {"json": export_json_response, "pdf": export_pdf_response}[file_format](person=person, user=user)


def document_response(document: Document) -> FileResponse:
    """The stored file; 404 if it is missing from storage (then nothing was read)."""
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Το αρχείο δεν βρέθηκε.")) from exc
    extension = os.path.splitext(document.file.name)[1]
    response = FileResponse(handle, content_type=document.content_type)
    return private(response, f"document-{document.pk}{extension}")
