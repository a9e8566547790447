"""Staff pages: a person's consents, referrals out (list with the loop-closure figures, form,
page with its actions and history, letter) and referrals in. Pages that show a person's data log
the read in the same transaction."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework import downloads
from casework.forms.referrals import (
    AcceptIncomingForm,
    CompleteForm,
    ConsentForm,
    DeclineForm,
    IncomingForm,
    NoteForm,
    ReferralForm,
)
from casework.models import AccessLog, IncomingReferral, Person, Referral
from casework.selectors import referrals as selectors
from casework.services import referrals as services
from casework.services.access import logged_read, record_read
from partners.selectors import service_get
from platform_core.forms import add_service_errors

from .cases import staff_perm

PAGE_SIZE = 50


# --- consents -----------------------------------------------------------------------------------

@staff_perm("casework.view_consent")
@logged_read
def person_consents_view(request, pk):
    """The person's consents, and (with the permission) the form to record one."""
    person = get_object_or_404(Person, pk=pk)
    record_read(request, person=person)
    can_add = request.user.has_perm("casework.add_consent")
    form = ConsentForm(request.POST or None, person=person, current_centre=connection.tenant) if can_add else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.consent_record(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η συγκατάθεση καταχωρίστηκε."))
            return redirect("casework:person-consents", pk=person.pk)
    return render(request, "casework/consent_list.html", {
        "person": person, "consents": selectors.consents_of(person=person), "form": form,
        "can_revoke": request.user.has_perm("casework.change_consent"),
        "title": _("Συγκαταθέσεις · %(name)s") % {"name": person.full_name},
    }, status=400 if form is not None and form.is_bound else 200)


@staff_perm("casework.change_consent")
@require_POST
def consent_revoke_view(request, pk):
    consent = get_object_or_404(selectors.consent_list(), pk=pk)
    try:
        services.consent_revoke(consent=consent, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Η συγκατάθεση ανακλήθηκε· δεν κοινοποιείται πλέον τίποτα βάσει αυτής."))
    return redirect("casework:person-consents", pk=consent.person_id)


# --- referrals out ------------------------------------------------------------------------------

@staff_perm("casework.view_referral")
def referral_list_view(request):
    status = request.GET.get("status", "")
    referrals = selectors.referral_list()
    if status == "overdue":
        referrals = selectors.referrals_overdue()
    elif status in Referral.Status.values:
        referrals = referrals.filter(status=status)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    by = "category" if request.GET.get("by") == "category" else "organization"
    return render(request, "casework/referral_list.html", {
        "page": page, "referrals": page.object_list, "status": status, "statuses": Referral.Status.choices,
        "figures": [row.as_row() for row in selectors.referral_loop_figures(by=by)],
        "figure_header": selectors.figure_header(), "by": by,
        "pending_incoming": selectors.incoming_list().filter(status=IncomingReferral.Status.PENDING).count()
        if request.user.has_perm("casework.view_incomingreferral") else None,
        "title": _("Παραπομπές"),
    })


def _with_consent(request, data: dict) -> None:
    """The consent the person gives at the desk with the referral, recorded first."""
    service = data.get("service")
    services.consent_record(
        person=data["person"], by=request.user, purpose=data.get("consent_purpose") or data["reason"][:300],
        categories=data["categories"], given_on=timezone.localdate(), expires_on=data.get("consent_expires_on"),
        organization=service.organization if service else None, centre=data.get("centre"))


@staff_perm("casework.add_referral")
def referral_create_view(request):
    person_id = request.GET.get("person")
    person = Person.objects.filter(pk=person_id).first() if _is_uuid(person_id) else None
    initial = {}
    if _is_uuid(request.GET.get("service")) and service_get(pk=request.GET["service"]):
        initial["service"] = request.GET["service"]
    form = ReferralForm(request.POST or None, person=person, current_centre=connection.tenant, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            with transaction.atomic():
                if data.pop("record_consent"):
                    _with_consent(request, data)
                send = data.pop("send")
                for key in ("consent_purpose", "consent_expires_on"):
                    data.pop(key)
                if data.get("centre"):
                    data.pop("delivery")
                referral = services.referral_create(by=request.user, **data)
                if send:
                    referral = services.referral_send(referral=referral, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η παραπομπή καταχωρίστηκε."))
            return redirect("casework:referral-detail", pk=referral.pk)
    return render(request, "casework/referral_form.html", {
        "form": form, "person": person, "title": _("Νέα παραπομπή"),
    }, status=400 if form.is_bound else 200)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


@staff_perm("casework.view_referral")
@logged_read
def referral_detail_view(request, pk):
    referral = get_object_or_404(selectors.referral_list(), pk=pk)
    record_read(request, person=referral.person, obj=referral)
    can_change = request.user.has_perm("casework.change_referral")
    return render(request, "casework/referral_detail.html", {
        "referral": referral, "events": selectors.referral_events(referral=referral), "can_change": can_change,
        "decline_form": DeclineForm(), "complete_form": CompleteForm(), "note_form": NoteForm(),
        "title": _("Παραπομπή · %(name)s") % {"name": referral.person.full_name},
    })


ACTIONS = {
    "send": (None, lambda referral, by, data: services.referral_send(referral=referral, by=by)),
    "accept": (NoteForm, lambda referral, by, data: services.referral_accept(referral=referral, by=by, **data)),
    "decline": (DeclineForm, lambda referral, by, data: services.referral_decline(referral=referral, by=by,
                                                                                   reason=data["reason"])),
    "cancel": (NoteForm, lambda referral, by, data: services.referral_cancel(referral=referral, by=by, **data)),
    "complete": (CompleteForm, lambda referral, by, data: services.referral_complete(referral=referral, by=by,
                                                                                      **data)),
}


@staff_perm("casework.change_referral")
@require_POST
def referral_action_view(request, pk, action):
    referral = get_object_or_404(selectors.referral_list(), pk=pk)
    if action not in ACTIONS:
        return redirect("casework:referral-detail", pk=referral.pk)
    form_class, call = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("casework:referral-detail", pk=referral.pk)
    try:
        call(referral, request.user, form.cleaned_data if form else {})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Η παραπομπή ενημερώθηκε."))
    return redirect("casework:referral-detail", pk=referral.pk)


@staff_perm("casework.view_referral")
@logged_read
def referral_letter_view(request, pk):
    referral = get_object_or_404(selectors.referral_list(), pk=pk)
    record_read(request, person=referral.person, obj=referral, action=AccessLog.Action.DOWNLOAD)
    return downloads.referral_letter_response(referral)


# --- referrals in -------------------------------------------------------------------------------

@staff_perm("casework.view_incomingreferral")
def incoming_list_view(request):
    page = Paginator(selectors.incoming_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/incoming_list.html", {
        "page": page, "incoming": page.object_list, "title": _("Εισερχόμενες παραπομπές"),
        "can_add": request.user.has_perm("casework.add_incomingreferral"),
    })


@staff_perm("casework.add_incomingreferral")
def incoming_create_view(request):
    form = IncomingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incoming = services.incoming_referral_record(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η εισερχόμενη παραπομπή καταχωρίστηκε."))
            return redirect("casework:incoming-detail", pk=incoming.pk)
    return render(request, "casework/simple_form.html", {
        "form": form, "title": _("Καταγραφή εισερχόμενης παραπομπής"), "submit": _("Καταχώριση"),
    }, status=400 if form.is_bound else 200)


@staff_perm("casework.view_incomingreferral")
@logged_read
def incoming_detail_view(request, pk):
    incoming = get_object_or_404(selectors.incoming_list(), pk=pk)
    if incoming.person_id:
        record_read(request, person=incoming.person, obj=incoming)
    return render(request, "casework/incoming_detail.html", {
        "incoming": incoming, "can_decide": request.user.has_perm("casework.decide_incomingreferral"),
        "accept_form": AcceptIncomingForm(), "decline_form": DeclineForm(),
        "shared": incoming.shared_data, "title": _("Εισερχόμενη παραπομπή"),
    })


@staff_perm("casework.decide_incomingreferral")
@require_POST
def incoming_decide_view(request, pk, decision):
    incoming = get_object_or_404(selectors.incoming_list(), pk=pk)
    form = AcceptIncomingForm(request.POST) if decision == "accept" else DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        if decision == "accept":
            incoming = services.incoming_referral_accept(incoming=incoming, by=request.user, **form.cleaned_data)
            messages.success(request, _("Η παραπομπή έγινε δεκτή."))
            if incoming.person_id:
                return redirect("casework:person-detail", pk=incoming.person_id)
        else:
            services.incoming_referral_decline(incoming=incoming, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Η παραπομπή απορρίφθηκε."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("casework:incoming-detail", pk=incoming.pk)


urlpatterns = [
    path("people/<uuid:pk>/consents/", person_consents_view, name="person-consents"),
    path("consents/<uuid:pk>/revoke/", consent_revoke_view, name="consent-revoke"),
    path("referrals/", referral_list_view, name="referral-list"),
    path("referrals/new/", referral_create_view, name="referral-create"),
    path("referrals/<uuid:pk>/", referral_detail_view, name="referral-detail"),
    path("referrals/<uuid:pk>/letter/", referral_letter_view, name="referral-letter"),
    path("referrals/<uuid:pk>/<slug:action>/", referral_action_view, name="referral-action"),
    path("incoming-referrals/", incoming_list_view, name="incoming-list"),
    path("incoming-referrals/new/", incoming_create_view, name="incoming-create"),
    path("incoming-referrals/<uuid:pk>/", incoming_detail_view, name="incoming-detail"),
    path("incoming-referrals/<uuid:pk>/<slug:decision>/", incoming_decide_view, name="incoming-decide"),
]
