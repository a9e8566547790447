"""Staff pages: the centre's sites (the coordinator keeps them), their rooms, closure days and
the programme settings."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.models import Site
from casework.services import sites as services
from programs.forms import ClosureDayForm, ProgrammeSettingsForm, RoomForm, SiteForm
from programs.models import ClosureDay
from programs.services import attendance as attendance_services
from programs.services import programmes as programme_services

from ._base import attempt, require, staff_perm


def _list_page(request, *, site_form=None, closure_form=None, settings_form=None, status=200):
    can_manage = request.user.has_perm("casework.add_site")
    return render(request, "programs/site_list.html", {
        "sites": Site.objects.prefetch_related("rooms").order_by("kind", "name"),
        "closures": ClosureDay.objects.select_related("site").order_by("-day")[:50],
        "site_form": site_form or (SiteForm(initial={"kind": Site.Kind.BRANCH}) if can_manage else None),
        "closure_form": closure_form or (ClosureDayForm() if request.user.has_perm("programs.add_closureday")
                                         else None),
        "settings_form": settings_form or (ProgrammeSettingsForm(initial={
            "absence_alert_after": attendance_services.programme_settings_get().absence_alert_after})
            if request.user.has_perm("programs.change_programmesettings") else None),
        "title": _("Δομές και αίθουσες"),
    }, status=status)


@staff_perm("casework.view_site")
def site_list_view(request):
    if request.method == "POST":
        require(request, "casework.add_site")
        form = SiteForm(request.POST)
        if attempt(form, lambda data: services.site_create(by=request.user, **data)) is None:
            return _list_page(request, site_form=form, status=400)
        messages.success(request, _("Η δομή προστέθηκε."))
        return redirect("programs:site-list")
    return _list_page(request)


@staff_perm("casework.change_site")
def site_edit_view(request, pk):
    site = get_object_or_404(Site, pk=pk)
    form = SiteForm(request.POST or None, initial={"name": site.name, "kind": site.kind, "address": site.address,
                                                   "is_active": site.is_active})
    room_form = RoomForm()
    if request.method == "POST" and attempt(
            form, lambda data: services.site_update(site=site, by=request.user, **data)) is not None:
        messages.success(request, _("Οι αλλαγές αποθηκεύτηκαν."))
        return redirect("programs:site-list")
    return render(request, "programs/site_form.html", {"site": site, "form": form, "room_form": room_form,
                                                       "title": site.name},
                  status=400 if request.method == "POST" else 200)


@staff_perm("casework.add_room")
@require_POST
def room_add_view(request, pk):
    site = get_object_or_404(Site, pk=pk)
    form = RoomForm(request.POST)
    if attempt(form, lambda data: services.room_add(site=site, by=request.user, **data)) is None:
        return render(request, "programs/site_form.html", {
            "site": site, "form": SiteForm(initial={"name": site.name, "kind": site.kind, "address": site.address,
                                                    "is_active": site.is_active}),
            "room_form": form, "title": site.name}, status=400)
    messages.success(request, _("Η αίθουσα προστέθηκε."))
    return redirect("programs:site-edit", pk=site.pk)


@staff_perm("programs.add_closureday")
@require_POST
def closure_add_view(request):
    form = ClosureDayForm(request.POST)
    if attempt(form, lambda data: programme_services.closure_day_add(by=request.user, **data)) is None:
        return _list_page(request, closure_form=form, status=400)
    messages.success(request, _("Η ημέρα κλεισίματος καταχωρίστηκε."))
    return redirect("programs:site-list")


@staff_perm("programs.change_programmesettings")
@require_POST
def settings_view(request):
    form = ProgrammeSettingsForm(request.POST)
    if attempt(form, lambda data: attendance_services.programme_settings_update(by=request.user, **data)) is None:
        return _list_page(request, settings_form=form, status=400)
    messages.success(request, _("Οι ρυθμίσεις αποθηκεύτηκαν."))
    return redirect("programs:site-list")


urlpatterns = [
    path("sites/", site_list_view, name="site-list"),
    path("sites/<uuid:pk>/", site_edit_view, name="site-edit"),
    path("sites/<uuid:pk>/rooms/", room_add_view, name="room-add"),
    path("closure-days/", closure_add_view, name="closure-add"),
    path("programme-settings/", settings_view, name="settings"),
]
