"""Private downloads (a person's export or document, a centre's report): attachments that no
cache keeps and no browser sniffs, served only by views that checked permission first."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse


def private(response: HttpResponse, filename: str) -> HttpResponse:
    """Marks ``response`` as the attachment ``filename`` (ids, never names, in file names)."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def private_file(field: FieldFile, *, filename: str, content_type: str | None = None) -> FileResponse:
    """The stored file as a private attachment; 404 if it is missing from storage (e.g. a
    database restored without its media folder), so nothing was read."""
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return private(FileResponse(handle, content_type=content_type), filename)
