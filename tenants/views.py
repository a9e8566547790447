"""Operator console (public host): centres, onboarding and lifecycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from platform_core.forms import add_service_errors
from platform_core.permissions import operator_required
from regional.selectors import rollup_runs

from . import services
from .forms import CentreCreateForm
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
    try:
        services.CENTRE_LIFECYCLE[action](centre=centre)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, LIFECYCLE_DONE_MESSAGES[action])
    return redirect("tenants:centre-detail", pk=centre.pk)
