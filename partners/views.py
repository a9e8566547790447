"""Partner directory pages (both hosts)."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from platform_core.permissions import on_public_host

from .models import Partner
from .selectors import partner_list


def _needs_login(request) -> bool:
    return not on_public_host() and not request.user.is_authenticated


def partner_list_view(request):
    if _needs_login(request):
        return redirect_to_login(request.get_full_path())
    search, kind = request.GET.get("q", "").strip(), request.GET.get("kind", "")
    return render(request, "partners/list.html", {
        "partners": partner_list(search=search, kind=kind), "search": search, "kind": kind,
        "kinds": Partner.Kind.choices, "title": _("Φορείς και υπηρεσίες"),
    })


def partner_detail_view(request, pk):
    if _needs_login(request):
        return redirect_to_login(request.get_full_path())
    partner = get_object_or_404(partner_list(), pk=pk)
    return render(request, "partners/detail.html", {"partner": partner, "title": partner.name})
