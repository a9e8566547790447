"""Staff pages of reports: the list with the on-demand form, and the two downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from platform_core.downloads import private_file
from platform_core.forms import add_service_errors

from . import services
from .forms import ReportPeriodForm
from .selectors import report_file, report_list


@login_required
@permission_required("notifications.view_report", raise_exception=True)
def report_list_view(request):
    form = ReportPeriodForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("notifications.add_report"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.report_generate(**form.cleaned_data, by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Η αναφορά δημιουργήθηκε."))
                return redirect("notifications:report-list")
    return render(request, "notifications/report_list.html", {
        "reports": report_list(), "form": form, "title": _("Αναφορές"),
    })


def file_response(report, extension: str) -> FileResponse:
    """The report's file as an attachment that no cache keeps (authorised downloads only)."""
    field = report_file(report=report, extension=extension)
    if field is None:
        raise Http404
    return private_file(field, filename=report.file_name(extension))


@never_cache
@login_required
@permission_required("notifications.view_report", raise_exception=True)
def report_download_view(request, pk, extension: str):
    return file_response(get_object_or_404(report_list(), pk=pk), extension)


urlpatterns = [
    path("reports/", report_list_view, name="report-list"),
    path("reports/<uuid:pk>/xlsx/", report_download_view, {"extension": "xlsx"}, name="report-xlsx"),
    path("reports/<uuid:pk>/pdf/", report_download_view, {"extension": "pdf"}, name="report-pdf"),
]
