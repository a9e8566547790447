"""Operator console (public host): centres, onboarding and lifecycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from platform_core.confirm import confirmation_page, is_confirmed
from platform_core.forms import add_service_errors
from platform_core.permissions import operator_required
from regional.selectors import rollup_runs

from . import services
from .forms import CentreArchiveForm, CentreCreateForm
from .models import Centre
from .selectors import centre_jobs, centre_list, platform_job_runs

# Lazy: translated in the language of the request that shows them, not at import.
LIFECYCLE_DONE_MESSAGES = {
    "suspend": gettext_lazy("Το κέντρο τέθηκε σε αναστολή."),
    "reactivate": gettext_lazy("Το κέντρο ενεργοποιήθηκε ξανά."),
    "archive": gettext_lazy("Το κέντρο αρχειοθετήθηκε."),
}


@operator_required
def console(request):
    return render(request, "tenants/console.html", {"centres": centre_list(), "title": _("Διαχείριση κέντρων")})


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
    centre = get_object_or_404(centre_list(), pk=pk)
    return render(request, "tenants/centre_detail.html", {
        "subject": centre, "url": services.centre_url(centre), "title": centre.name,
    })


@operator_required
@require_POST
def centre_lifecycle_view(request, pk, action):
    centre = get_object_or_404(centre_list(), pk=pk)
    if action not in services.CENTRE_LIFECYCLE:
        return redirect("tenants:centre-detail", pk=centre.pk)
    if action == "archive" and centre.status != Centre.Status.ARCHIVED:
        form = CentreArchiveForm(request.POST if is_confirmed(request) else None, centre=centre)
        if not form.is_valid():
            return _archive_confirmation(request, centre, form)
    try:
        services.CENTRE_LIFECYCLE[action](centre=centre)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, LIFECYCLE_DONE_MESSAGES[action])
    return redirect("tenants:centre-detail", pk=centre.pk)


def _archive_confirmation(request, centre, form: CentreArchiveForm):
    return confirmation_page(request, title=_("Αρχειοθέτηση του κέντρου «%(name)s»") % {"name": centre.name},
                             consequences=[
        _("Το προσωπικό του κέντρου δεν θα μπορεί να συνδεθεί και η διεύθυνση %(url)s θα απαντά ότι το κέντρο "
          "δεν είναι διαθέσιμο.") % {"url": services.centre_url(centre)},
        _("Οι υπενθυμίσεις, οι μηνιαίες αναφορές και οι δείκτες του κέντρου σταματούν."),
        _("Τα δεδομένα του μένουν στη βάση, αλλά η αρχειοθέτηση δεν αναιρείται από την κονσόλα."),
    ], submit=_("Αρχειοθέτηση"), cancel_url=reverse("tenants:centre-detail", kwargs={"pk": centre.pk}), form=form,
        status=400 if form.is_bound else 200)
