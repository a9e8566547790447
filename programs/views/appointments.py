"""Staff pages: book an appointment (from the person page, the case page or reception), and an
appointment's page with its actions: move, mark attended or missed, cancel, rebook."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casework.models import Case, Person
from casework.services.access import logged_read, record_read
from platform_core.forms import uuid_param
from programs import selectors
from programs.forms import AppointmentCancelForm, AppointmentForm, AppointmentMarkForm, AppointmentMoveForm, RebookForm
from programs.models import Appointment
from programs.services import appointments as services

from ._base import attempt, staff_perm


@staff_perm("programs.add_appointment")
@logged_read
def appointment_create_view(request):
    person_id, case_id = uuid_param(request, "person"), uuid_param(request, "case")
    case = Case.objects.filter(pk=case_id).select_related("person").first() if case_id else None
    person = case.person if case else Person.objects.filter(pk=person_id).first() if person_id else None
    staff = case.assigned_worker if case else request.user
    form = AppointmentForm(request.POST or None, person=person, case=case, staff=staff)
    if request.method == "POST":
        appointment = attempt(form, lambda data: services.appointment_book(by=request.user, **data))
        if appointment is not None:
            messages.success(request, _("Το ραντεβού κλείστηκε."))
            return redirect("programs:appointment-detail", pk=appointment.pk)
        status = 400
    else:
        status = 200
    if person is not None:
        record_read(request, person=person)
    return render(request, "programs/appointment_form.html", {
        "form": form, "person": person, "case": case, "title": _("Νέο ραντεβού")}, status=status)


def _detail(request, appointment, *, forms=None, status=200):
    record_read(request, person=appointment.person, obj=appointment)
    local = timezone.localtime
    forms = forms or {}
    return render(request, "programs/appointment_detail.html", {
        "appointment": appointment, "title": _("Ραντεβού"),
        "move_form": forms.get("move") or AppointmentMoveForm(initial={
            "starts_at": local(appointment.starts_at), "ends_at": local(appointment.ends_at),
            "staff": appointment.staff_id}),
        "cancel_form": forms.get("cancel") or AppointmentCancelForm(),
        "rebook_form": forms.get("rebook") or RebookForm(),
        "rebooked_as": Appointment.objects.filter(rebooked_from=appointment).first(),
    }, status=status)


def _appointment(pk) -> Appointment:
    return get_object_or_404(selectors.appointment_list(), pk=pk)


@staff_perm("programs.view_appointment")
@logged_read
def appointment_detail_view(request, pk):
    return _detail(request, _appointment(pk))


def _action(form_class, key: str, service, done: str):
    @staff_perm("programs.change_appointment")
    @require_POST
    @logged_read
    def view(request, pk):
        appointment = _appointment(pk)
        form = form_class(request.POST)
        result = attempt(form, lambda data: service(appointment=appointment, by=request.user, **data))
        if result is None:
            return _detail(request, appointment, forms={key: form}, status=400)
        messages.success(request, done)
        return redirect("programs:appointment-detail", pk=result.pk)

    return view


urlpatterns = [
    path("appointments/new/", appointment_create_view, name="appointment-new"),
    path("appointments/<uuid:pk>/", appointment_detail_view, name="appointment-detail"),
    path("appointments/<uuid:pk>/move/",
         _action(AppointmentMoveForm, "move", services.appointment_move, gettext_lazy("Το ραντεβού μετακινήθηκε.")),
         name="appointment-move"),
    path("appointments/<uuid:pk>/cancel/",
         _action(AppointmentCancelForm, "cancel", services.appointment_cancel, gettext_lazy("Το ραντεβού ακυρώθηκε.")),
         name="appointment-cancel"),
    path("appointments/<uuid:pk>/mark/", _action(AppointmentMarkForm, "mark", services.appointment_mark,
                                                 gettext_lazy("Καταγράφηκε.")),
         name="appointment-mark"),
    path("appointments/<uuid:pk>/rebook/",
         _action(RebookForm, "rebook", services.appointment_rebook, gettext_lazy("Κλείστηκε νέο ραντεβού.")),
         name="appointment-rebook"),
]
