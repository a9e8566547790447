"""Staff pages: benefit applications (ΚΕΑ/ΕΕΕ and others), distribution rounds with per-household
receipts, and Social Grocery / Clothing bank eligibility decisions."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from casework.models import AidRound, AidScheme, Assessment, BenefitApplication, Household, Person
from casework.receipts import aid_receipt_pdf
from casework.selectors.aid import (
    aid_households_due,
    aid_receipt_list,
    aidround_list,
    benefit_list,
    renewal_soon,
    renewal_warning,
)
from casework.selectors.assessments import url_or_blank
from casework.services import aid as services
from casework.views.assessments import outcome_for_display
from platform_core.confirm import confirmation_page, is_confirmed
from platform_core.downloads import private
from platform_core.forms import add_service_errors, uuid_param

PAGE_SIZE = 50
DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class BenefitCreateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Παροχή"), choices=BenefitApplication.Kind.choices)
    reference_number = forms.CharField(label=gettext_lazy("Αριθμός αίτησης"), max_length=40, required=False)
    assessment = forms.ModelChoiceField(label=gettext_lazy("Αξιολόγηση"), queryset=Assessment.objects.none(),
                                        required=False)
    notes = forms.CharField(label=gettext_lazy("Παρατηρήσεις"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = person.assessments.select_related("assessed_by")


class BenefitTransitionForm(forms.Form):
    """One form for every step; the service says which fields a step needs."""

    on = forms.DateField(label=gettext_lazy("Ημερομηνία"), **DATE)
    reference_number = forms.CharField(label=gettext_lazy("Αριθμός αίτησης"), max_length=40, required=False)
    monthly_amount = forms.DecimalField(label=gettext_lazy("Μηνιαίο ποσό (€)"), min_value=0, max_digits=10,
                                        decimal_places=2, required=False)
    notes = forms.CharField(label=gettext_lazy("Αιτιολογία / παρατηρήσεις"), required=False)

    FIELDS_OF = {"submit": {"on", "reference_number"}, "approve": {"on", "monthly_amount", "notes"},
                 "reject": {"on", "notes"}, "renew": {"on"}}

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, prefix=action, **kwargs)
        for name in set(self.fields) - self.FIELDS_OF[action]:
            del self.fields[name]


class AidRoundForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Είδος"), choices=AidRound.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Τίτλος"), max_length=120)
    distributed_on = forms.DateField(label=gettext_lazy("Ημερομηνία διανομής"), **DATE)
    items = forms.CharField(label=gettext_lazy("Είδη"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AidReceiptForm(forms.Form):
    household = forms.ModelChoiceField(label=gettext_lazy("Νοικοκυριό"), queryset=Household.objects.all())
    items = forms.CharField(label=gettext_lazy("Είδη και ποσότητες"), widget=forms.Textarea(attrs={"rows": 2}),
                            required=False, help_text=gettext_lazy("Κενό: τα είδη της διανομής."))
    signed = forms.BooleanField(label=gettext_lazy("Υπέγραψε την παραλαβή"), required=False)


class BulkReceiptForm(forms.Form):
    """The households ticked in the page's list of those due (the service refuses any that may
    not receive, by name, so the field takes any household of the centre)."""

    households = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Νοικοκυριά"), queryset=Household.objects.all(), widget=forms.MultipleHiddenInput,
        error_messages={"required": gettext_lazy("Επιλέξτε τουλάχιστον ένα νοικοκυριό.")})
    signed = forms.BooleanField(label=gettext_lazy("Υπέγραψαν την παραλαβή"), required=False)


class AidEligibilityForm(forms.Form):
    FROM_ASSESSMENT = ""
    scheme = forms.ChoiceField(label=gettext_lazy("Δομή"), choices=AidScheme.choices)
    decision = forms.ChoiceField(label=gettext_lazy("Απόφαση"), required=False, choices=[
        ("", gettext_lazy("Σύμφωνα με την τελευταία αξιολόγηση")), ("yes", gettext_lazy("Επιλέξιμο")),
        ("no", gettext_lazy("Μη επιλέξιμο"))])
    valid_until = forms.DateField(label=gettext_lazy("Ισχύει έως"), required=False,
                                  help_text=gettext_lazy("Κενό: όπως προκύπτει από την αξιολόγηση."), **DATE)
    notes = forms.CharField(label=gettext_lazy("Αιτιολογία"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)
    assessment = forms.ModelChoiceField(label=gettext_lazy("Αξιολόγηση"), queryset=Assessment.objects.none(),
                                        required=False, widget=forms.HiddenInput)

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = Assessment.objects.filter(household=household)

    @classmethod
    def initial_from(cls, assessment: Assessment | None, scheme: str) -> dict:
        """The decision an assessment's result for ``scheme`` suggests, ready to confirm."""
        if assessment is None or scheme not in AidScheme.values:
            return {}
        computed = outcome_for_display(assessment.outcome).get("schemes", {}).get(scheme, {})
        return {"scheme": scheme, "assessment": assessment.pk, "decision": "yes" if computed.get("eligible") else "no",
                "valid_until": computed.get("valid_until") if computed.get("eligible") else None}


@login_required
def benefit_list_view(request):
    """«Παροχές & ΤΕΒΑ»: benefit applications (with renewals due soon marked) and the aid rounds."""
    can_benefits = request.user.has_perm("casework.view_benefitapplication")
    can_rounds = request.user.has_perm("casework.view_aidround")
    if not (can_benefits or can_rounds):
        raise PermissionDenied
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    status = status if status in BenefitApplication.Status.values else ""
    kind = kind if kind in BenefitApplication.Kind.values else ""
    applications, page = [], None
    if can_benefits:
        today = timezone.localdate()
        page = Paginator(benefit_list(status=status, kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
        applications = [{"application": application, "renewal_soon": renewal_soon(application, today=today),
                         "renewal_warning": renewal_warning(application, today=today)} for application in page]
    return render(request, "casework/benefit_list.html", {
        "applications": applications, "page": page, "filter_query": urlencode({"status": status, "kind": kind}),
        "can_benefits": can_benefits, "can_rounds": can_rounds,
        "rounds": aidround_list()[:10] if can_rounds else [], "status": status, "kind": kind,
        "statuses": BenefitApplication.Status.choices, "kinds": BenefitApplication.Kind.choices,
        "title": _("Παροχές & ΤΕΒΑ"),
    })


@login_required
@permission_required("casework.add_benefitapplication", raise_exception=True)
def benefit_create_view(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk)
    form = BenefitCreateForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.benefit_create(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η αίτηση δημιουργήθηκε."))
            return redirect("casework:benefit-detail", pk=application.pk)
    return render(request, "casework/benefit_form.html", {"form": form, "person": person,
                                                          "title": _("Νέα αίτηση παροχής")})


def _transition_forms(application: BenefitApplication) -> list[dict]:
    """The steps open to the application now, each with its form (an approval starts from the
    benefit its assessment computed)."""
    initial = {"on": timezone.localdate()}
    computed = application.assessment.outcome.get("kea", {}) if application.assessment else {}
    return [{"action": action, "label": services.BENEFIT_ACTIONS[action],
             "form": BenefitTransitionForm(initial=initial | ({"monthly_amount": computed.get("monthly_benefit")}
                                                              if action == "approve" else {}), action=action)}
            for action in services.benefit_actions_open(application)]


@login_required
@permission_required("casework.view_benefitapplication", raise_exception=True)
def benefit_detail_view(request, pk):
    application = get_object_or_404(benefit_list(), pk=pk)
    return render(request, "casework/benefit_detail.html", {
        "application": application, "renewal_warning": renewal_warning(application),
        "transitions": _transition_forms(application) if request.user.has_perm(
            "casework.change_benefitapplication") else [],
        "title": _("Αίτηση: %(kind)s") % {"kind": application.get_kind_display()},
    })


@login_required
@permission_required("casework.change_benefitapplication", raise_exception=True)
@require_POST
def benefit_transition_view(request, pk):
    application = get_object_or_404(benefit_list(), pk=pk)
    action = request.POST.get("action", "")
    if action not in services.BENEFIT_ACTIONS:
        messages.error(request, _("Άγνωστη ενέργεια."))
        return redirect("casework:benefit-detail", pk=application.pk)
    form = BenefitTransitionForm(request.POST, action=action)
    if not form.is_valid():
        messages.error(request, " ".join(f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errs)}"
                                         for name, errs in form.errors.items()))
        return redirect("casework:benefit-detail", pk=application.pk)
    try:
        result = services.benefit_transition(application=application, by=request.user, action=action,
                                             **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("casework:benefit-detail", pk=application.pk)
    messages.success(request, _("Η αίτηση ενημερώθηκε: %(status)s.") % {"status": result.get_status_display()})
    return redirect("casework:benefit-detail", pk=result.pk)


@login_required
@permission_required("casework.view_aidround", raise_exception=True)
def aidround_list_view(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in AidRound.Kind.values else ""
    page = Paginator(aidround_list(kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/aidround_list.html", {
        "rounds": page, "page": page, "filter_query": urlencode({"kind": kind}), "kind": kind,
        "kinds": AidRound.Kind.choices,
        "title": _("Διανομές"),
    })


@login_required
@permission_required("casework.add_aidround", raise_exception=True)
def aidround_create_view(request):
    form = AidRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            aid_round = services.aidround_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η διανομή δημιουργήθηκε."))
            return redirect("casework:aidround-detail", pk=aid_round.pk)
    return render(request, "casework/simple_form.html", {"form": form, "title": _("Νέα διανομή"),
                                                         "submit": _("Δημιουργία")})


def _eligibility_refusals(request, exc: ValidationError, aid_round: AidRound) -> list[dict]:
    """The refusals of ``exc`` for want of an eligibility decision, each with where to make it: the
    decision form for those who may decide, the household's page for the others."""
    may_decide = request.user.has_perm("casework.add_aideligibility")
    refused = []
    for error in (error for errors in getattr(exc, "error_dict", {}).values() for error in errors):
        if error.code != services.NO_ELIGIBILITY:
            continue
        household_id = (error.params or {}).get("household_id") or request.POST.get("household")
        url = (url_or_blank("casework:aid-eligibility-create", household_pk=household_id)
               + "?" + urlencode({"scheme": aid_round.kind}) if may_decide
               else url_or_blank("casework:household-detail", pk=household_id))
        refused.append({"message": " ".join(error.messages), "url": url, "may_decide": may_decide})
    return refused


def _round_page(request, aid_round: AidRound, *, form=None, bulk_form=None, refused=(), status: int = 200):
    """The round page: its receipts, and the forms the user may use (bound ones, with their
    errors, replace the empty ones)."""
    can_record = request.user.has_perm("casework.add_aidreceipt") and not aid_round.closed
    return render(request, "casework/aidround_detail.html", {
        "round": aid_round, "receipts": aid_receipt_list(round_id=aid_round.pk),
        "form": (form or AidReceiptForm()) if can_record else None,
        "bulk_form": (bulk_form or BulkReceiptForm()) if can_record else None,
        "due": aid_households_due(aid_round=aid_round) if can_record else [],
        "ticked": set(bulk_form.data.getlist("households")) if bulk_form is not None else set(),
        "refused": refused, "title": aid_round.title,
    }, status=status)


@login_required
@permission_required("casework.view_aidround", raise_exception=True)
def aidround_detail_view(request, pk):
    aid_round = get_object_or_404(AidRound, pk=pk)
    if request.method != "POST":
        return _round_page(request, aid_round)
    if not request.user.has_perm("casework.add_aidreceipt"):
        raise PermissionDenied
    form = AidReceiptForm(request.POST)
    if form.is_valid():
        try:
            services.aid_receipt_record(round=aid_round, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return _round_page(request, aid_round, form=form, refused=_eligibility_refusals(request, exc, aid_round))
        messages.success(request, _("Η παραλαβή καταχωρίστηκε."))
        return redirect("casework:aidround-detail", pk=aid_round.pk)
    return _round_page(request, aid_round, form=form)


@login_required
@permission_required("casework.add_aidreceipt", raise_exception=True)
@require_POST
def aid_receipts_bulk_view(request, pk):
    """The households ticked in the list of those due, recorded with one save (all or none)."""
    aid_round = get_object_or_404(AidRound, pk=pk)
    form = BulkReceiptForm(request.POST)
    if form.is_valid():
        try:
            receipts = services.aid_receipts_record_many(round=aid_round, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return _round_page(request, aid_round, bulk_form=form, status=400,
                               refused=_eligibility_refusals(request, exc, aid_round))
        messages.success(request, ngettext("Καταχωρίστηκε %(n)d παραλαβή.", "Καταχωρίστηκαν %(n)d παραλαβές.",
                                           len(receipts)) % {"n": len(receipts)})
        return redirect("casework:aidround-detail", pk=aid_round.pk)
    return _round_page(request, aid_round, bulk_form=form, status=400)


@login_required
@permission_required("casework.view_aidreceipt", raise_exception=True)
@require_GET
def aid_receipt_pdf_view(request, pk):
    receipt = get_object_or_404(aid_receipt_list(), pk=pk)
    return private(HttpResponse(aid_receipt_pdf(receipt=receipt), content_type="application/pdf"),
                   f"receipt-{receipt.pk}.pdf")


@login_required
@permission_required("casework.change_aidround", raise_exception=True)
@require_POST
def aidround_close_view(request, pk):
    aid_round = get_object_or_404(AidRound, pk=pk)
    if not aid_round.closed and not is_confirmed(request):
        received, waiting = aid_round.receipts.count(), aid_households_due(aid_round=aid_round).count()
        return confirmation_page(request, title=_("Ολοκλήρωση διανομής «%(title)s»") % {"title": aid_round.title},
                                 consequences=[
            _("Δεν θα καταχωρίζονται άλλες παραλαβές σε αυτή τη διανομή· η ολοκλήρωση δεν αναιρείται."),
            ngettext("Έχει παραλάβει %(n)d νοικοκυριό.", "Έχουν παραλάβει %(n)d νοικοκυριά.", received) % {
                "n": received},
            ngettext("%(n)d νοικοκυριό που μπορεί να παραλάβει δεν έχει παραλάβει.",
                     "%(n)d νοικοκυριά που μπορούν να παραλάβουν δεν έχουν παραλάβει.", waiting) % {"n": waiting},
        ], submit=_("Ολοκλήρωση διανομής"), cancel_url=url_or_blank("casework:aidround-detail", pk=aid_round.pk))
    try:
        services.aidround_close(round=aid_round, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Η διανομή ολοκληρώθηκε."))
    return redirect("casework:aidround-detail", pk=aid_round.pk)


@login_required
@permission_required("casework.add_aideligibility", raise_exception=True)
def aid_eligibility_create_view(request, household_pk):
    household = get_object_or_404(Household, pk=household_pk)
    # From an assessment's result (?assessment=&scheme=): the decision it suggests, to confirm.
    suggested_by = Assessment.objects.filter(household=household, pk=uuid_param(request, "assessment")).first()
    form = AidEligibilityForm(request.POST or None, household=household, initial=AidEligibilityForm.initial_from(
        suggested_by, request.GET.get("scheme", "")))
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.aid_eligibility_decide(
                household=household, scheme=form.cleaned_data["scheme"], by=request.user,
                assessment=form.cleaned_data["assessment"],
                eligible=None if decision == AidEligibilityForm.FROM_ASSESSMENT else decision == "yes",
                valid_until=form.cleaned_data["valid_until"], notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η απόφαση καταχωρίστηκε."))
            return redirect(url_or_blank("casework:household-detail", pk=household.pk)
                            or url_or_blank("casework:aid-eligibility-create", household_pk=household.pk))
    latest = suggested_by or Assessment.objects.filter(household=household).order_by("-assessed_on",
                                                                                      "-created_at").first()
    suggestions = [{"label": label, **outcome_for_display(latest.outcome).get("schemes", {}).get(scheme, {})}
                   for scheme, label in AidScheme.choices] if latest else []
    return render(request, "casework/aid_eligibility_form.html", {
        "form": form, "household": household, "latest": latest, "suggestions": suggestions,
        "from_assessment": suggested_by is not None,
        "decisions": household.aid_eligibilities.select_related("decided_by")[:20],
        "title": _("Απόφαση επιλεξιμότητας: Κοινωνικό Παντοπωλείο / Ενδυματοπωλείο"),
    })


urlpatterns = [
    path("benefits/", benefit_list_view, name="benefit-list"),
    path("people/<uuid:person_pk>/benefits/new/", benefit_create_view, name="benefit-create"),
    path("benefits/<uuid:pk>/", benefit_detail_view, name="benefit-detail"),
    path("benefits/<uuid:pk>/transition/", benefit_transition_view, name="benefit-transition"),
    path("aid/rounds/", aidround_list_view, name="aidround-list"),
    path("aid/rounds/new/", aidround_create_view, name="aidround-create"),
    path("aid/rounds/<uuid:pk>/", aidround_detail_view, name="aidround-detail"),
    path("aid/rounds/<uuid:pk>/close/", aidround_close_view, name="aidround-close"),
    path("aid/rounds/<uuid:pk>/receipts/", aid_receipts_bulk_view, name="aid-receipts-bulk"),
    path("aid/receipts/<uuid:pk>/receipt.pdf", aid_receipt_pdf_view, name="aid-receipt-pdf"),
    path("households/<uuid:household_pk>/aid-eligibility/new/", aid_eligibility_create_view,
         name="aid-eligibility-create"),
]
