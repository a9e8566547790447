"""Staff pages of a spreadsheet import (the coordinator's): upload, map the columns, the dry-run
preview, confirm, the progress bar (htmx polls a small partial), the errors file and the blank
templates. The work is done by ``casework.services.imports`` and its tasks."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import downloads
from casework.imports.kinds import DUPLICATE, NEW, SAME, SKIP, columns_of
from casework.models import ImportJob, ImportKind
from casework.selectors.imports import import_jobs_recent
from casework.services import imports as services
from platform_core.forms import add_service_errors

PERMISSION = "casework.import_records"
PREVIEW_ROWS_SHOWN = 300
Status = ImportJob.Status


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Τι περιέχει το αρχείο"), choices=ImportKind.choices)
    file = forms.FileField(label=gettext_lazy("Αρχείο (XLSX ή CSV)"), allow_empty_file=True,
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}))


class MappingForm(forms.Form):
    """One choice per column of the file: the field it holds, or nothing."""

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— να μη γίνει εισαγωγή —")), *((c.field, str(c.label) + (" *" if c.required else ""))
                                                         for c in columns_of(job.kind))]
        self.columns = []
        for index, name in enumerate(job.header):
            if not name:
                continue
            key = f"column_{index}"
            self.fields[key] = forms.ChoiceField(label=name, choices=choices, required=False,
                                                 initial=job.mapping.get(name, ""))
            self.columns.append((key, name))

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data[key] for key, name in self.columns if self.cleaned_data.get(key)}


class ConfirmForm(forms.Form):
    skip_refused = forms.BooleanField(label=gettext_lazy("Παράλειψη των γραμμών με λάθη (θα δοθούν σε αρχείο λαθών)"),
                                      required=False)

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        answers = [(SKIP, _("Παράλειψη")), (SAME, _("Το ίδιο πρόσωπο: ενημέρωση")),
                   (NEW, _("Άλλο πρόσωπο: νέα εγγραφή"))]
        self.duplicates = []
        for row in job.preview.get("rows", []):
            if row["action"] == DUPLICATE:
                key = f"row_{row['row']}"
                self.fields[key] = forms.ChoiceField(label=_("Γραμμή %(row)s · %(name)s") % {
                    "row": row["row"], "name": row["label"]}, choices=answers, initial=SKIP)
                self.duplicates.append((key, row))

    def decisions(self) -> dict[str, str]:
        return {str(row["row"]): self.cleaned_data[key] for key, row in self.duplicates}


def _job(pk) -> ImportJob:
    return get_object_or_404(ImportJob, pk=pk)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_list(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_upload(by=request.user, kind=form.cleaned_data["kind"],
                                         upload=form.cleaned_data["file"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("casework:import-detail", job.pk)
    return render(request, "casework/import_list.html", {
        "form": form, "jobs": import_jobs_recent(), "kinds": ImportKind.choices,
        "title": _("Εισαγωγή από λογιστικό φύλλο"),
    }, status=400 if form.errors else 200)


def _detail(request, job: ImportJob, *, mapping_form=None, confirm_form=None, status: int = 200):
    rows = job.preview.get("rows", [])
    return render(request, "casework/import_detail.html", {
        "job": job, "title": _("Εισαγωγή · %(kind)s") % {"kind": job.get_kind_display()},
        "mapping_form": mapping_form or (MappingForm(job=job) if job.status in (
            Status.UPLOADED, Status.PREVIEWED, Status.REFUSED, Status.FAILED) else None),
        "confirm_form": confirm_form or (ConfirmForm(job=job) if job.status == Status.PREVIEWED else None),
        "counts": job.preview.get("counts", {}), "rows": rows[:PREVIEW_ROWS_SHOWN],
        "rows_hidden": max(0, len(rows) - PREVIEW_ROWS_SHOWN), "progress": services.import_progress(job=job),
        "working": job.status in (Status.PREVIEWING, Status.QUEUED, Status.RUNNING),
    }, status=status)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_detail(request, pk):
    return _detail(request, _job(pk))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def import_map(request, pk):
    job = _job(pk)
    form = MappingForm(request.POST, job=job)
    if form.is_valid():
        try:
            services.import_map(job=job, by=request.user, mapping=form.mapping())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("casework:import-detail", job.pk)
    return _detail(request, job, mapping_form=form, status=400)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_POST
def import_confirm(request, pk):
    job = _job(pk)
    form = ConfirmForm(request.POST, job=job)
    if form.is_valid():
        try:
            services.import_confirm(job=job, by=request.user, skip_refused=form.cleaned_data["skip_refused"],
                                    decisions=form.decisions())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η εισαγωγή ξεκίνησε."))
            return redirect("casework:import-detail", job.pk)
    return _detail(request, job, confirm_form=form, status=400)


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_progress(request, pk):
    """The progress bar alone (htmx polls it); once the job is done the page reloads."""
    job = _job(pk)
    progress = services.import_progress(job=job)
    response = render(request, "casework/_import_progress.html", {"job": job, "progress": progress})
    if progress["finished"] and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_errors(request, pk):
    return downloads.import_errors_response(_job(pk))


@login_required
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def import_template(request, kind):
    return downloads.import_template_response(kind)


urlpatterns = [
    path("imports/", import_list, name="import-list"),
    path("imports/templates/<str:kind>.xlsx", import_template, name="import-template"),
    path("imports/<uuid:pk>/", import_detail, name="import-detail"),
    path("imports/<uuid:pk>/mapping/", import_map, name="import-map"),
    path("imports/<uuid:pk>/confirm/", import_confirm, name="import-confirm"),
    path("imports/<uuid:pk>/progress/", import_progress, name="import-progress"),
    path("imports/<uuid:pk>/errors.xlsx", import_errors, name="import-errors"),
]
