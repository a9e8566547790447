"""Directory pages (both hosts): search, an organisation, a service; proposals from centre staff
(centre host) and their review by editors, operators and region users (public host)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from platform_core.forms import add_service_errors
from platform_core.permissions import is_operator, on_public_host, region_of
from regional.models import Municipality, RegionalUnit

from . import services
from .models import DirectoryProposal, Organization, ReferralMethod, Service
from .selectors import (
    categories,
    opening_hours,
    organization_list,
    proposals_of_centre,
    proposals_pending,
    service_get,
    service_search,
)

PAGE_SIZE = 25


def _needs_login(request) -> bool:
    return not on_public_host() and not request.user.is_authenticated


def is_editor(user) -> bool:
    """Operators and region users curate the directory (on the public host)."""
    return on_public_host() and (is_operator(user) or region_of(user) is not None)


def may_edit(user, organization: Organization) -> bool:
    """Operators edit any entry; a region user the organisations that serve their region."""
    if not on_public_host():
        return False
    if is_operator(user):
        return True
    region = region_of(user)
    return region is not None and organization.regions.filter(pk=region.pk).exists()


def partner_list_view(request):
    if _needs_login(request):
        return redirect_to_login(request.get_full_path())
    query = {"search": request.GET.get("q", "").strip(), "category": request.GET.get("category", ""),
             "area": request.GET.get("area", ""), "open_now": request.GET.get("open_now") == "1"}
    page = Paginator(service_search(**query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/list.html", {
        "page": page, "services": page.object_list, **query, "categories": categories(),
        "units": RegionalUnit.objects.order_by("name"),
        "municipalities": Municipality.objects.select_related("regional_unit").order_by("name"),
        "can_propose": not on_public_host(), "is_editor": is_editor(request.user),
        "title": _("Φορείς και υπηρεσίες"),
    })


def partner_detail_view(request, pk):
    """An organisation with its services (its id is the old partner id of the flat directory)."""
    if _needs_login(request):
        return redirect_to_login(request.get_full_path())
    organization = get_object_or_404(organization_list(), pk=pk)
    return render(request, "partners/detail.html", {
        "organization": organization, "services": organization.services.all(), "title": organization.name,
        "can_propose": not on_public_host(), "is_editor": is_editor(request.user),
        "can_edit": may_edit(request.user, organization),
    })


def service_detail_view(request, pk):
    if _needs_login(request):
        return redirect_to_login(request.get_full_path())
    service = service_get(pk=pk)
    if service is None or not service.organization.is_active:
        raise Http404
    return render(request, "partners/service_detail.html", {
        "service": service, "hours": opening_hours(service), "title": service.name,
        "can_propose": not on_public_host(), "can_edit": may_edit(request.user, service.organization),
        "can_refer": not on_public_host() and request.user.has_perm("casework.add_referral"),
    })


# --- proposals ---------------------------------------------------------------------------------

class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Είδος"), choices=DirectoryProposal.Kind.choices)
    organization_name = forms.CharField(label=gettext_lazy("Επωνυμία φορέα"), max_length=200, required=False)
    organization_description = forms.CharField(label=gettext_lazy("Περιγραφή φορέα"), widget=forms.Textarea(
        attrs={"rows": 3}), required=False)
    website = forms.URLField(label=gettext_lazy("Ιστότοπος"), required=False, assume_scheme="https")
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    phone = forms.CharField(label=gettext_lazy("Τηλέφωνο"), max_length=40, required=False)
    service_name = forms.CharField(label=gettext_lazy("Όνομα υπηρεσίας"), max_length=200, required=False)
    service_description = forms.CharField(label=gettext_lazy("Περιγραφή υπηρεσίας"), widget=forms.Textarea(
        attrs={"rows": 3}), required=False)
    eligibility_description = forms.CharField(label=gettext_lazy("Προϋποθέσεις"), required=False)
    application_process = forms.CharField(label=gettext_lazy("Διαδικασία αίτησης"), required=False)
    note = forms.CharField(label=gettext_lazy("Σχόλιο προς τον/την επιμελητή/τρια"), widget=forms.Textarea(
        attrs={"rows": 3}), required=False)


def _staff_on_centre_host(request):
    if on_public_host():
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def proposal_create_view(request):
    """Centre staff propose a new entry, or a correction of ``?organization=`` / ``?service=``."""
    refusal = _staff_on_centre_host(request)
    if refusal:
        return refusal
    organization = service = None
    if request.GET.get("service"):
        service = service_get(pk=request.GET["service"])
        organization = service.organization if service else None
    elif request.GET.get("organization"):
        organization = organization_list().filter(pk=request.GET["organization"]).first()
    initial = {"kind": DirectoryProposal.Kind.CORRECTION if organization else DirectoryProposal.Kind.NEW}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kind, note = data.pop("kind"), data.pop("note")
        try:
            services.proposal_create(kind=kind, facts=data, note=note, organization=organization, service=service,
                                     centre_slug=connection.tenant.slug, staff=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η πρόταση στάλθηκε στους επιμελητές του καταλόγου."))
            return redirect("partners:proposal-list")
    return render(request, "partners/proposal_form.html", {
        "form": form, "organization": organization, "service": service,
        "title": _("Πρόταση για τον κατάλογο φορέων"),
    }, status=400 if form.is_bound else 200)


def proposal_list_view(request):
    """Editors: proposals waiting for a decision. Centre staff: their centre's proposals and outcome."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if on_public_host():
        if not is_editor(request.user):
            raise PermissionDenied
        proposals = proposals_pending()
    else:
        proposals = proposals_of_centre(centre_slug=connection.tenant.slug)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/proposal_list.html", {
        "page": page, "proposals": page.object_list, "is_editor": is_editor(request.user),
        "title": _("Προτάσεις για τον κατάλογο"),
    })


def _proposal_for(request, pk) -> DirectoryProposal:
    if on_public_host():
        if not is_editor(request.user):
            raise PermissionDenied
        return get_object_or_404(DirectoryProposal, pk=pk)
    return get_object_or_404(proposals_of_centre(centre_slug=connection.tenant.slug), pk=pk)


def proposal_detail_view(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    proposal = _proposal_for(request, pk)
    return render(request, "partners/proposal_detail.html", {
        "proposal": proposal, "facts": [(ProposalForm.base_fields[key].label, value)
                                        for key, value in proposal.facts.items() if key in ProposalForm.base_fields],
        "is_editor": is_editor(request.user), "title": proposal.title,
    })


@require_POST
def proposal_decide_view(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_editor(request.user):
        raise PermissionDenied
    proposal = get_object_or_404(DirectoryProposal, pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            services.proposal_approve(proposal=proposal, by=request.user)
            messages.success(request, _("Η πρόταση εγκρίθηκε και ο κατάλογος ενημερώθηκε."))
        else:
            services.proposal_reject(proposal=proposal, by=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Η πρόταση απορρίφθηκε."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("partners:proposal-detail", pk=proposal.pk)
    return redirect("partners:proposal-list")


@require_POST
def organization_assure_view(request, pk):
    """An editor confirms an entry is up to date (its freshness date becomes today)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_editor(request.user):
        raise PermissionDenied
    organization = get_object_or_404(Organization, pk=pk)
    services.entry_assure(organization=organization, by=request.user)
    messages.success(request, _("Η καταχώριση επιβεβαιώθηκε σήμερα."))
    return redirect("partners:detail", pk=organization.pk)


# --- editors' forms (public host) --------------------------------------------------------------

class _EditorForm(forms.ModelForm):
    """Parses input only: the editing services check names and age ranges with field errors."""

    def _post_clean(self):
        # Only parse: the instance is not saved from here, and model validation (with its
        # constraints, which would surface as unattributed errors) runs in the editing service.
        pass


class OrganizationEditForm(_EditorForm):
    class Meta:
        model = Organization
        fields = list(services.ORGANIZATION_EDIT_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ServiceEditForm(_EditorForm):
    referral_methods = forms.MultipleChoiceField(label=gettext_lazy("Τρόποι παραπομπής"), required=False,
                                                 choices=ReferralMethod.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Service
        fields = [*services.SERVICE_EDIT_FIELDS, "categories"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in (
            "description", "eligibility_description", "application_process", "fees_description")}
        widgets["categories"] = forms.CheckboxSelectMultiple


def _edit_page(request, *, organization: Organization, form, save, back: str, title: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_edit(request.user, organization):
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Οι αλλαγές αποθηκεύτηκαν και η καταχώριση επιβεβαιώθηκε σήμερα."))
            return redirect(back)
    return render(request, "partners/edit_form.html", {"form": form, "title": title, "back": back})


def organization_edit_view(request, pk):
    organization = get_object_or_404(Organization, pk=pk)
    # The form edits a copy: a refused change leaves the entry shown elsewhere on the page intact.
    form = OrganizationEditForm(request.POST or None, instance=Organization.objects.get(pk=pk))
    return _edit_page(request, organization=organization, form=form,
                      back=reverse("partners:detail", args=[organization.pk]),
                      title=_("Επεξεργασία: %(name)s") % {"name": organization.name},
                      save=lambda data: services.organization_edit(organization=organization, by=request.user,
                                                                   **data))


def service_edit_view(request, pk):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    form = ServiceEditForm(request.POST or None, instance=Service.objects.get(pk=pk))

    def save(data):
        data = dict(data)
        categories = data.pop("categories")
        return services.service_edit(service=service, by=request.user, categories=categories, **data)

    return _edit_page(request, organization=service.organization, form=form, save=save,
                      back=reverse("partners:service", args=[service.pk]),
                      title=_("Επεξεργασία: %(name)s") % {"name": service.name})


urlpatterns = [
    path("", partner_list_view, name="list"),
    path("<uuid:pk>/edit/", organization_edit_view, name="edit"),
    path("services/<uuid:pk>/edit/", service_edit_view, name="service-edit"),
    path("<uuid:pk>/", partner_detail_view, name="detail"),
    path("<uuid:pk>/assure/", organization_assure_view, name="assure"),
    path("services/<uuid:pk>/", service_detail_view, name="service"),
    path("propose/", proposal_create_view, name="propose"),
    path("proposals/", proposal_list_view, name="proposal-list"),
    path("proposals/<uuid:pk>/", proposal_detail_view, name="proposal-detail"),
    path("proposals/<uuid:pk>/decide/", proposal_decide_view, name="proposal-decide"),
]
