"""Staff pages: people (ωφελούμενοι) and households (νοικοκυριά)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casework.forms.people import (
    PERSON_FORM_FIELDS,
    HouseholdCreateForm,
    HouseholdForm,
    MemberAddForm,
    MemberRemoveForm,
    MergeSearchForm,
    PersonCreateForm,
    PersonExitForm,
    PersonForm,
    PersonMergeForm,
)
from casework.merge import merge_preview, merge_refusal
from casework.models import AccessLog, Household, HouseholdMember, Person, Vulnerability
from casework.selectors import people as selectors
from casework.selectors.referrals import consents_of
from casework.services import access_record
from casework.services import people as services
from casework.services.access import logged_read, record_read
from casework.services.merge import person_merge
from casework.summary import person_actions, person_summary
from casework.timeline import person_timeline
from notifications.selectors import person_channels
from platform_core.confirm import confirmation_page, is_confirmed
from platform_core.forms import add_service_errors
from platform_core.labels import day, language_names

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _duplicate_links(exc: ValidationError) -> dict:
    """What the form shows beside a service's duplicate errors: the existing records' pages
    (ΑΜΚΑ/ΑΦΜ already registered) and the possible duplicates to confirm against."""
    found: dict = {"existing": [], "candidates": []}
    if not hasattr(exc, "error_dict"):
        return found
    for field, errors in exc.error_dict.items():
        for error in errors:
            params = error.params or {}
            if error.code == services.DUPLICATE:
                found["existing"].append({"label": params["label"], "url": params["url"]})
            elif error.code == services.POSSIBLE_DUPLICATE and field == NON_FIELD_ERRORS:
                found["candidates"] = list(Person.objects.filter(pk__in=params["candidates"]))
    return found


def _form_errors(exc: ValidationError) -> ValidationError:
    """The service's errors as the form shows them: a duplicate's field error without the page
    address the API gives (the notice above the form links to it)."""
    if not hasattr(exc, "error_dict"):
        return exc
    shown = {}
    for field, errors in exc.error_dict.items():
        shown[field] = [ValidationError(_("Υπάρχει ήδη ωφελούμενος/η με αυτόν τον %(label)s.") % {
            "label": error.params["label"]}, code=error.code) if error.code == services.DUPLICATE else error
            for error in errors]
    return ValidationError(shown)


# --- people -----------------------------------------------------------------------------------

@login_required
@permission_required("casework.view_person", raise_exception=True)
def person_list_view(request):
    query = request.GET.get("q", "").strip()
    return render(request, "casework/person_list.html", {
        "title": _("Ωφελούμενοι"), "query": query, "page": _page(request, selectors.person_list(query=query)),
    })


@login_required
@permission_required("casework.add_person", raise_exception=True)
def person_create_view(request):
    form = PersonCreateForm(request.POST or None)
    may_record_consent = request.user.has_perm("casework.add_consent")
    if not may_record_consent:
        del form.fields["record_consent"]
    duplicates: dict = {}
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PERSON_FORM_FIELDS}
        try:
            person = services.person_create(
                by=request.user, confirm_duplicate=form.cleaned_data["confirm_duplicate"], **fields)
        except ValidationError as exc:
            add_service_errors(form, _form_errors(exc))
            duplicates = _duplicate_links(exc)
        else:
            messages.success(request, _("Ο/Η ωφελούμενος/η καταχωρίστηκε."))
            if may_record_consent and form.cleaned_data["record_consent"]:
                return redirect("casework:person-consents", pk=person.pk)
            return redirect("casework:person-detail", pk=person.pk)
    return render(request, "casework/person_form.html", {
        "form": form, "duplicates": duplicates, "title": _("Νέος/α ωφελούμενος/η"), "creating": True,
    })


# The person page's actions by what they are about; (label, URL name, permission, query string).
# Editing and the ESF exit record are not among them: the page puts them beside what they change.
@login_required
@permission_required("casework.view_person", raise_exception=True)
@transaction.atomic
def person_detail_view(request, pk):
    try:
        person = selectors.person_detail_get(pk=pk)
    except Person.DoesNotExist:
        merge = selectors.person_merged_into(pk=pk)
        if merge is None:
            raise Http404 from None
        messages.info(request, _("Η εγγραφή «%(name)s» συγχωνεύθηκε σε αυτήν στις %(date)s.") % {
            "name": merge.merged_label, "date": day(timezone.localtime(merge.at))})
        return redirect("casework:person-detail", pk=merge.survivor_id)
    access_record(user=request.user, person=person, channel=AccessLog.Channel.UI)
    household = person.household
    members = selectors.household_members_loaded(household=household) if household else []
    return render(request, "casework/person_detail.html", {
        "person": person, "title": str(person), "household": household,
        "summary": person_summary(person=person, user=request.user, household=household),
        "action_groups": person_actions(user=request.user, person=person),
        "language_labels": language_names(person.languages),
        "members": members,
        "participant_records": person.participant_records.all(),
        "vulnerability_labels": [dict(Vulnerability.choices).get(value, value) for value in person.vulnerabilities],
        "timeline": person_timeline(person=person, user=request.user, household=household),
        "channels": person_channels(person=person) if request.user.has_perm("notifications.view_channeloptout") else [],
        "consents": list(consents_of(person=person)) if request.user.has_perm("casework.view_consent") else None,
        "merges": selectors.merges_into(person=person),
    })


@login_required
@permission_required("casework.change_person", raise_exception=True)
@transaction.atomic
def person_edit_view(request, pk):
    person = get_object_or_404(Person, pk=pk)
    # The form shows the whole record: a read, logged like the person page.
    access_record(user=request.user, person=person, channel=AccessLog.Channel.UI)
    form = PersonForm(request.POST or None, initial=model_to_dict(person, fields=PERSON_FORM_FIELDS))
    duplicates: dict = {}
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, by=request.user,
                                   **{name: form.cleaned_data[name] for name in form.changed_data})
        except ValidationError as exc:
            add_service_errors(form, _form_errors(exc))
            duplicates = _duplicate_links(exc)
        else:
            messages.success(request, _("Οι αλλαγές αποθηκεύτηκαν."))
            return redirect("casework:person-detail", pk=person.pk)
    return render(request, "casework/person_form.html", {
        "form": form, "duplicates": duplicates, "person": person, "title": _("Επεξεργασία: %(name)s") % {
            "name": person}})


@login_required
@permission_required("casework.change_person", raise_exception=True)
def person_exit_view(request, pk):
    person = get_object_or_404(Person, pk=pk)
    form = PersonExitForm(request.POST or None, initial={
        **model_to_dict(person), "recorded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "recorded_on"}
        try:
            services.person_record_exit(person=person, by=request.user, on=form.cleaned_data["recorded_on"],
                                        **changes)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η έξοδος καταγράφηκε."))
            return redirect("casework:person-detail", pk=person.pk)
    return render(request, "casework/person_exit.html", {
        "form": form, "person": person, "title": _("Καταγραφή εξόδου: %(name)s") % {"name": person}})


@login_required
@permission_required("casework.merge_person", raise_exception=True)
@logged_read
def person_merge_view(request, pk):
    """Three steps on one page, all POST after the first (names stay out of URLs): a search for
    the other record, a preview of what will move from it to this one, and the confirmation."""
    survivor = get_object_or_404(Person, pk=pk)
    record_read(request, person=survivor)
    context = {"person": survivor, "search_form": MergeSearchForm(), "results": None, "merged": None,
               "title": _("Συγχώνευση διπλοεγγραφής: %(name)s") % {"name": survivor}}
    if request.method == "POST" and "merged" not in request.POST:
        search_form = MergeSearchForm(request.POST)
        results = selectors.person_list(query=search_form.cleaned_data["q"]).exclude(pk=survivor.pk)[:20] \
            if search_form.is_valid() else []
        return render(request, "casework/person_merge.html", {**context, "search_form": search_form,
                                                              "results": results})
    if request.method != "POST":
        return render(request, "casework/person_merge.html", context)
    form = PersonMergeForm(request.POST)
    if not form.is_valid():
        raise Http404
    merged = get_object_or_404(Person, pk=form.cleaned_data["merged"])
    record_read(request, person=merged)
    try:
        if form.cleaned_data["confirm"]:
            person_merge(survivor=survivor, merged=merged, by=request.user)
            messages.success(request, _("Οι δύο εγγραφές συγχωνεύθηκαν."))
            return redirect("casework:person-detail", pk=survivor.pk)
        merge_refusal(survivor=survivor, merged=merged)
    except ValidationError as exc:
        add_service_errors(form, exc)
    return render(request, "casework/person_merge.html", {
        **context, "form": form, "merged": merged, "preview": merge_preview(survivor=survivor, merged=merged),
    }, status=400 if form.errors else 200)


def _member_or_404(request, household: Household) -> HouseholdMember:
    form = MemberRemoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    return get_object_or_404(HouseholdMember.objects.select_related("person"), household=household,
                             person_id=form.cleaned_data["person"])


def _uuid_or_none(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# --- households -------------------------------------------------------------------------------

@login_required
@permission_required("casework.view_household", raise_exception=True)
def household_list_view(request):
    return render(request, "casework/household_list.html", {
        "title": _("Οικογένειες / νοικοκυριά"), "page": _page(request, selectors.household_list())})


@login_required
@permission_required("casework.add_household", raise_exception=True)
def household_create_view(request):
    head_id = _uuid_or_none(request.POST.get("head") or request.GET.get("head"))
    head = Person.objects.filter(pk=head_id).first() if head_id else None
    form = HouseholdCreateForm(request.POST or None, initial={"head": head.pk if head else None})
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "head"}
        try:
            household = services.household_create(by=request.user, head=head, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Το νοικοκυριό δημιουργήθηκε."))
            return redirect("casework:household-detail", pk=household.pk)
    return render(request, "casework/household_form.html", {
        "form": form, "head": head, "title": _("Νέο νοικοκυριό")})


@login_required
@permission_required("casework.view_household", raise_exception=True)
def household_detail_view(request, pk):
    household = get_object_or_404(Household, pk=pk)
    return render(request, "casework/household_detail.html", {
        "household": household, "title": household.name or _("Νοικοκυριό"),
        "members": selectors.household_members(household=household), "add_form": MemberAddForm(),
    })


@login_required
@permission_required("casework.change_household", raise_exception=True)
def household_edit_view(request, pk):
    household = get_object_or_404(Household, pk=pk)
    form = HouseholdForm(request.POST or None, initial=model_to_dict(household))
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(household=household, by=request.user,
                                      **{name: form.cleaned_data[name] for name in form.changed_data})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Οι αλλαγές αποθηκεύτηκαν."))
            return redirect("casework:household-detail", pk=household.pk)
    return render(request, "casework/household_form.html", {
        "form": form, "household": household, "title": _("Επεξεργασία νοικοκυριού")})


@login_required
@permission_required("casework.add_householdmember", raise_exception=True)
@require_POST
def household_member_add_view(request, pk):
    """The member found with the person picker, added with their relation; without JavaScript
    the picker's search (a POST: names stay out of URLs) comes back to this page's form."""
    household = get_object_or_404(Household, pk=pk)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        try:
            services.household_add_member(household=household, person=form.cleaned_data["person"],
                                          relation=form.cleaned_data["relation"],
                                          is_dependant=form.cleaned_data["is_dependant"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Το μέλος προστέθηκε."))
            return redirect("casework:household-detail", pk=household.pk)
    return render(request, "casework/household_member_add.html", {
        "household": household, "add_form": form, "title": _("Προσθήκη μέλους")})


def _member_action(service, done: str, confirm=None):
    """A POST on one member of a household (its ``person`` in the form): runs ``service`` and goes
    back to the household with ``done`` or the service's refusal. With ``confirm`` (household,
    member → the confirmation page's title, consequences and button) it asks first."""

    @login_required
    @permission_required("casework.change_household", raise_exception=True)
    @require_POST
    def view(request, pk):
        household = get_object_or_404(Household, pk=pk)
        member = _member_or_404(request, household)
        if confirm is not None and not is_confirmed(request):
            title, consequences, submit = confirm(household, member)
            return confirmation_page(request, title=title, consequences=consequences, submit=submit,
                                     cancel_url=reverse("casework:household-detail", kwargs={"pk": household.pk}))
        try:
            service(household=household, person=member.person)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect("casework:household-detail", pk=household.pk)

    return view


def _removal_consequences(household: Household, member: HouseholdMember) -> tuple[str, list[str], str]:
    names = {"person": member.person, "household": household}
    return _("Αφαίρεση μέλους από το νοικοκυριό"), [
        _("Ο/Η %(person)s παύει να είναι μέλος του νοικοκυριού «%(household)s».") % names,
        _("Η καρτέλα του/της, οι φάκελοι και οι σημειώσεις του/της μένουν· οι παροχές και οι αποφάσεις "
          "επιλεξιμότητας του νοικοκυριού δεν τον/την αφορούν πια."),
        _("Μπορεί να προστεθεί ξανά αργότερα από την «Προσθήκη μέλους»."),
    ], _("Αφαίρεση μέλους")


household_member_remove_view = _member_action(
    services.household_remove_member, gettext_lazy("Το μέλος αφαιρέθηκε από το νοικοκυριό."),
    confirm=_removal_consequences)
household_set_head_view = _member_action(
    services.household_set_head, gettext_lazy("Ορίστηκε νέος/α υπεύθυνος/η νοικοκυριού."))


urlpatterns = [
    path("people/", person_list_view, name="person-list"),
    path("people/new/", person_create_view, name="person-create"),
    path("people/<uuid:pk>/", person_detail_view, name="person-detail"),
    path("people/<uuid:pk>/edit/", person_edit_view, name="person-edit"),
    path("people/<uuid:pk>/exit/", person_exit_view, name="person-exit"),
    path("people/<uuid:pk>/merge/", person_merge_view, name="person-merge"),
    path("households/", household_list_view, name="household-list"),
    path("households/new/", household_create_view, name="household-create"),
    path("households/<uuid:pk>/", household_detail_view, name="household-detail"),
    path("households/<uuid:pk>/edit/", household_edit_view, name="household-edit"),
    path("households/<uuid:pk>/members/add/", household_member_add_view, name="household-member-add"),
    path("households/<uuid:pk>/members/remove/", household_member_remove_view, name="household-member-remove"),
    path("households/<uuid:pk>/members/head/", household_set_head_view, name="household-set-head"),
]
