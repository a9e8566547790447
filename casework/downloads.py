"""The private downloads of casework (a person's export, a scanned document), shared by the staff
pages and the API: attachments named by id only, never cached, never sniffed, and only after the
read is logged (the caller logs it, in the same transaction, before calling these)."""

import json
import os

from django.http import FileResponse, HttpResponse

from casework.export import export_json, export_pdf
from casework.models import Document, Person
from platform_core.downloads import private, private_file


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
    extension = os.path.splitext(document.file.name)[1]
    return private_file(document.file, filename=f"document-{document.pk}{extension}",
                        content_type=document.content_type)


def referral_letter_response(referral) -> HttpResponse:
    from casework.letters import referral_letter_pdf

    return private(HttpResponse(referral_letter_pdf(referral), content_type="application/pdf"),
                   f"referral-{referral.pk}.pdf")


def import_errors_response(job) -> FileResponse:
    """An import's refused rows as XLSX; 404 when it has none."""
    from django.http import Http404

    from platform_core.spreadsheets import XLSX_CONTENT_TYPE

    if not job.errors_file:
        raise Http404
    return private_file(job.errors_file, filename=f"import-{job.pk}-errors.xlsx", content_type=XLSX_CONTENT_TYPE)


def import_template_response(kind: str) -> HttpResponse:
    """The blank template of an import kind; 404 for an unknown kind."""
    from django.http import Http404

    from casework.imports.workbooks import template_xlsx
    from casework.models import ImportKind
    from platform_core.spreadsheets import XLSX_CONTENT_TYPE

    if kind not in ImportKind.values:
        raise Http404
    return private(HttpResponse(template_xlsx(kind), content_type=XLSX_CONTENT_TYPE), f"template-{kind}.xlsx")
