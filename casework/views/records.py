"""Staff pages: a person's documents (list, upload, download), data export (JSON, PDF), access
history, and the centre's access log (the coordinator's audit view). Every page that reads a
person's data logs the read in the same transaction."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import downloads
from casework.models import AccessLog, Document, Person
from casework.selectors.records import (
    AccessLogFilter,
    access_log_list,
    access_log_of,
    document_list,
    documents_of,
    object_label,
)
from casework.services.access import logged_read, record_read
from casework.services.records import document_upload
from platform_core.forms import add_service_errors

ACCESS_LOG_PAGE_SIZE = 50


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Είδος"), choices=Document.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Τίτλος"), max_length=120, required=False)
    file = forms.FileField(label=gettext_lazy("Αρχείο (PDF, JPEG ή PNG)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))


def _read_person(request, pk, action: str = AccessLog.Action.VIEW) -> Person:
    """The person of the URL (404 if not in this centre), with the read logged."""
    person = get_object_or_404(Person, pk=pk)
    record_read(request, person=person, action=action)
    return person


def _document_page(request, person: Person, form: DocumentUploadForm | None, status: int = 200):
    return render(request, "casework/document_list.html", {
        "person": person, "documents": documents_of(person=person), "form": form,
        "max_bytes": settings.DOCUMENT_MAX_BYTES,
        "title": _("Έγγραφα · %(name)s") % {"name": person.full_name},
    }, status=status)


@login_required
@permission_required("casework.view_document", raise_exception=True)
@require_GET
@logged_read
def document_list_view(request, person_pk):
    person = _read_person(request, person_pk)
    form = DocumentUploadForm() if request.user.has_perm("casework.add_document") else None
    return _document_page(request, person, form)


@login_required
@permission_required("casework.add_document", raise_exception=True)
@require_POST
@logged_read
def document_upload_view(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document_upload(person=person, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"],
                            title=form.cleaned_data["title"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Το έγγραφο αποθηκεύτηκε."))
            return redirect("casework:document-list", person_pk=person.pk)
    record_read(request, person=person)  # the page shows the person's documents again
    return _document_page(request, person, form, status=400)


@login_required
@permission_required("casework.view_document", raise_exception=True)
@require_GET
@logged_read
def document_download_view(request, pk):
    document = get_object_or_404(document_list(), pk=pk)
    record_read(request, person=document.person_id, obj=document, action=AccessLog.Action.DOWNLOAD)
    return downloads.document_response(document)


@login_required
@permission_required("casework.export_person", raise_exception=True)
@require_GET
@logged_read
def person_export_view(request, pk, file_format: str):
    person = _read_person(request, pk, action=AccessLog.Action.EXPORT)
    return downloads.export_response(person=person, user=request.user, file_format=file_format)


@login_required
@permission_required("casework.view_access_log", raise_exception=True)
@require_GET
@logged_read
def person_access_log_view(request, pk):
    person = _read_person(request, pk)
    page = Paginator(access_log_of(person=person), ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.object_label = object_label(entry.object_type)
    return render(request, "casework/person_access_log.html", {
        "person": person, "page": page, "title": _("Ιστορικό πρόσβασης · %(name)s") % {"name": person.full_name},
    })


def _filter_query(filterset: AccessLogFilter) -> str:
    """The chosen filters as a query string: ids, dates and codes only (never what was typed in
    the person picker)."""
    values = {name: filterset.form.cleaned_data.get(name) for name in filterset.filters}
    return urlencode({name: getattr(value, "pk", value) for name, value in values.items() if value})


def _only_searching(form) -> bool:
    """The no-JavaScript picker's search button was pressed: the page offers its results."""
    return form.errors.keys() == {"person"} and form.has_error("person", code="searching")


@login_required
@permission_required("casework.view_access_log", raise_exception=True)
@require_http_methods(["GET", "POST"])
def access_log_view(request):
    """Who read what about whom across the centre, newest first, filtered by staff member,
    person, dates and action.

    The filter form is posted, then redirected to a GET of the chosen ids and dates: the person
    picker's typed name travels in the POST body only, never in a URL, while the result stays
    a link a coordinator can keep or page through. Reading this page writes no access-log rows:
    it shows only the names of whose records were read (as the person search does), no record
    itself, and logging every listed person would bury the real reads under the audit's own.
    Opening a person from a row is a read of their record and is logged there."""
    filterset = AccessLogFilter(request.POST if request.method == "POST" else request.GET,
                                queryset=access_log_list())
    valid = filterset.is_valid()
    if request.method == "POST" and valid:
        query = _filter_query(filterset)
        return redirect(reverse("casework:access-log") + (f"?{query}" if query else ""))
    rows = filterset.qs if valid else access_log_list().none()
    page = Paginator(rows, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.object_label = object_label(entry.object_type)
    return render(request, "casework/access_log.html", {
        "filter_form": filterset.form, "page": page, "filter_query": _filter_query(filterset) if valid else "",
        "title": _("Ιστορικό πρόσβασης του κέντρου"),
    }, status=200 if valid or _only_searching(filterset.form) else 400)


urlpatterns = [
    path("access-log/", access_log_view, name="access-log"),
    path("people/<uuid:person_pk>/documents/", document_list_view, name="document-list"),
    path("people/<uuid:person_pk>/documents/upload/", document_upload_view, name="document-upload"),
    path("documents/<uuid:pk>/download/", document_download_view, name="document-download"),
    path("people/<uuid:pk>/export.json", person_export_view, {"file_format": "json"}, name="person-export-json"),
    path("people/<uuid:pk>/export.pdf", person_export_view, {"file_format": "pdf"}, name="person-export-pdf"),
    path("people/<uuid:pk>/access-log/", person_access_log_view, name="person-access-log"),
]
