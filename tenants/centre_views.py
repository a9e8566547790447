"""A centre's host: its coordinator asks for the archive of the whole centre (the same archive the
operator exports) and downloads it through the private download, every person's record logged as
exported in the same transaction as the download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.downloads import private

from . import archive
from .models import Centre, CentreExport
from .selectors import centre_exports


def current_centre() -> Centre:
    return Centre.objects.get(schema_name=connection.schema_name)


@login_required
@permission_required("accounts.export_centre", raise_exception=True)
def export_list_view(request):
    centre = current_centre()
    return render(request, "tenants/centre_exports.html", {
        "exports": centre_exports(centre=centre)[:20], "title": _("Εξαγωγή όλων των δεδομένων του κέντρου"),
    })


@login_required
@permission_required("accounts.export_centre", raise_exception=True)
@require_POST
def export_request_view(request):
    archive.centre_export_request(centre=current_centre(), requested_by=CentreExport.Requester.COORDINATOR,
                                  requested_by_id=str(request.user.pk))
    messages.success(request, _("Η εξαγωγή ξεκίνησε· το αρχείο θα είναι διαθέσιμο εδώ μόλις ετοιμαστεί."))
    return redirect("centre-export:list")


def export_download(request, export_id, *, channel: str):
    """The ready archive of the current centre, as a private attachment; every person's record is
    logged as exported by ``request.user`` before the file is served."""
    from casework.models import AccessLog, Person
    from casework.services.access import access_record_ids

    export = get_object_or_404(centre_exports(centre=current_centre()).filter(status=CentreExport.Status.READY),
                               pk=export_id)
    path = archive.export_file(export)
    if not path.is_file():
        raise Http404
    with transaction.atomic():
        access_record_ids(user=request.user, object_type="centreexport", action=AccessLog.Action.EXPORT,
                          channel=channel,
                          reads=[(person_id, export.pk) for person_id in Person.objects.values_list("pk", flat=True)])
    return private(FileResponse(path.open("rb"), content_type="application/gzip"), export.file_name())


@login_required
@permission_required("accounts.export_centre", raise_exception=True)
def export_download_view(request, pk):
    from casework.models import AccessLog

    return export_download(request, pk, channel=AccessLog.Channel.UI)
