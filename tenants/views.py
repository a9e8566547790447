"""Operator console (public host): the centres' health, onboarding, lifecycle, exports and restores."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from platform_core.confirm import confirmation_page, is_confirmed
from platform_core.downloads import private
from platform_core.forms import add_service_errors
from platform_core.permissions import operator_required
from regional.selectors import rollup_runs

from . import archive, health, services
from .forms import CentreArchiveForm, CentreCreateForm, CentreDeleteForm, CentreRestoreForm
from .models import Centre, CentreExport
from .selectors import centre_exports, centre_jobs, centre_list, platform_job_runs

# Lazy: translated in the language of the request that shows them, not at import.
LIFECYCLE_DONE_MESSAGES = {
    "suspend": gettext_lazy("Το κέντρο τέθηκε σε αναστολή."),
    "reactivate": gettext_lazy("Το κέντρο ενεργοποιήθηκε ξανά."),
    "archive": gettext_lazy("Το κέντρο αρχειοθετήθηκε."),
    "delete": gettext_lazy("Τα δεδομένα του κέντρου διαγράφηκαν· οι εξαγωγές του διατηρούνται."),
}
# The verbs that ask for the centre's slug to be typed first.
TYPED_CONFIRMATION = {"archive": CentreArchiveForm, "delete": CentreDeleteForm}


@operator_required
def console(request):
    """The health view: every centre's figures from the last snapshot (``tenants.health``), sortable."""
    sort = request.GET.get("sort", "name")
    rows = health.centre_health_rows(sort=sort)
    return render(request, "tenants/console.html", {
        "rows": rows, "figures": health.health_figures(), "sort": sort, "title": _("Διαχείριση κέντρων"),
        "snapshot_at": min((row.health.computed_at for row in rows if row.health), default=None),
        # Their rows stay, and their last export can be restored from their page.
        "deleted": centre_list(include_deleted=True).filter(deleted_at__isnull=False),
    })


@operator_required
def jobs_view(request):
    return render(request, "tenants/jobs.html", {
        "platform_runs": platform_job_runs(), "centres": centre_jobs(), "title": _("Προγραμματισμένες εργασίες"),
        "rollup_runs": rollup_runs(),
    })


@operator_required
def centre_create_view(request):
    form = CentreCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onboarded = services.centre_create(**form.service_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Το κέντρο δημιουργήθηκε: %(url)s") % {"url": onboarded.url})
            return redirect("tenants:centre-detail", pk=onboarded.centre.pk)
    return render(request, "tenants/centre_form.html", {"form": form, "title": _("Νέο κέντρο κοινότητας")})


@operator_required
def centre_detail_view(request, pk):
    centre = get_object_or_404(centre_list(include_deleted=True), pk=pk)
    return render(request, "tenants/centre_detail.html", {
        "subject": centre, "url": services.centre_url(centre), "title": centre.name,
        "health": None if centre.deleted_at else health.centre_health_read(centre=centre),
        "figures": health.health_figures(), "exports": centre_exports(centre=centre)[:10],
        "restore_form": CentreRestoreForm(),
    })


@operator_required
@require_POST
def centre_export_view(request, pk):
    centre = get_object_or_404(centre_list(), pk=pk)
    try:
        archive.centre_export_request(centre=centre, requested_by=CentreExport.Requester.OPERATOR,
                                      requested_by_id=str(request.user.pk))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Η εξαγωγή ξεκίνησε· θα εμφανιστεί εδώ μόλις ετοιμαστεί."))
    return redirect("tenants:centre-detail", pk=centre.pk)


@operator_required
def export_download_view(request, pk):
    export = get_object_or_404(CentreExport, pk=pk, status=CentreExport.Status.READY)
    path = archive.export_file(export)
    if not path.is_file():
        raise Http404
    archive.export_download_record(export=export, by_id=str(request.user.pk))
    return private(FileResponse(path.open("rb"), content_type="application/gzip"), export.file_name())


@operator_required
@require_POST
def export_restore_view(request, pk):
    """Restores a ready export as a new centre, in the background (the slug is checked first)."""
    export = get_object_or_404(CentreExport, pk=pk, status=CentreExport.Status.READY)
    form = CentreRestoreForm(request.POST)
    back = redirect("tenants:centre-detail", pk=export.centre_id) if export.centre_id else redirect("tenants:console")
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return back
    try:
        archive.centre_restore_queue(export=export, slug=form.cleaned_data["slug"], by_id=str(request.user.pk))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back
    messages.success(request, _("Η επαναφορά ξεκίνησε ως «%(slug)s»· το νέο κέντρο θα εμφανιστεί στη λίστα μόλις "
                                "ολοκληρωθεί.") % {"slug": form.cleaned_data["slug"]})
    return back


@operator_required
@require_POST
def centre_lifecycle_view(request, pk, action):
    centre = get_object_or_404(centre_list(include_deleted=True), pk=pk)
    if action not in services.CENTRE_LIFECYCLE:
        return redirect("tenants:centre-detail", pk=centre.pk)
    confirmation = ""
    # Typed only where the verb would act: archiving again, or deleting what is not archived (or is
    # gone already), just explains why nothing changes.
    archived = centre.status == Centre.Status.ARCHIVED
    needs_typing = (action == "archive" and not archived) or (action == "delete" and archived
                                                              and centre.deleted_at is None)
    form_class = TYPED_CONFIRMATION.get(action) if needs_typing else None
    if form_class is not None:
        form = form_class(request.POST if is_confirmed(request) else None, centre=centre)
        if not form.is_valid():
            return _typed_confirmation(request, centre, form, action)
        confirmation = form.cleaned_data["slug"]
    try:
        services.CENTRE_LIFECYCLE[action](centre=centre, by_id=str(request.user.pk), confirmation=confirmation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, LIFECYCLE_DONE_MESSAGES[action])
    return redirect("tenants:centre-detail", pk=centre.pk)


def _typed_confirmation(request, centre, form, action: str):
    cancel_url = reverse("tenants:centre-detail", kwargs={"pk": centre.pk})
    if action == "delete":
        title = _("Διαγραφή των δεδομένων του κέντρου «%(name)s»") % {"name": centre.name}
        return confirmation_page(request, title=title, consequences=[
            _("Το σχήμα της βάσης του κέντρου, η διεύθυνσή του και τα αρχεία του διαγράφονται οριστικά."),
            _("Μένουν οι εξαγωγές του: από την πιο πρόσφατη μπορεί να επαναφερθεί ως νέο κέντρο."),
            _("Η διαγραφή καταγράφεται και δεν αναιρείται."),
        ], submit=_("Οριστική διαγραφή"), cancel_url=cancel_url, form=form, status=400 if form.is_bound else 200)
    return confirmation_page(request, title=_("Αρχειοθέτηση του κέντρου «%(name)s»") % {"name": centre.name},
                             consequences=[
        _("Το προσωπικό του κέντρου δεν θα μπορεί να συνδεθεί και η διεύθυνση %(url)s θα απαντά ότι το κέντρο "
          "δεν είναι διαθέσιμο.") % {"url": services.centre_url(centre)},
        _("Οι υπενθυμίσεις, οι μηνιαίες αναφορές και οι δείκτες του κέντρου σταματούν."),
        _("Τα δεδομένα του μένουν στη βάση, αλλά η αρχειοθέτηση δεν αναιρείται από την κονσόλα."),
    ], submit=_("Αρχειοθέτηση"), cancel_url=cancel_url, form=form, status=400 if form.is_bound else 200)
