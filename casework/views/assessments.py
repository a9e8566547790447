"""Staff pages: socioeconomic assessments (with the computation and rules shown) and the
coordinator's Social Grocery / Clothing bank thresholds."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import AidScheme, Assessment, AssessmentIncome, Person
from casework.selectors.aid import aid_eligibility_list
from casework.selectors.assessments import (
    aid_thresholds_in_force,
    assessment_health_notes_for,
    assessment_list,
    household_composition,
    kea_rule_list,
)
from casework.services.access import access_record
from casework.services.assessments import aid_threshold_set, assessment_record
from platform_core.forms import add_service_errors

THRESHOLD_SIZES = range(1, 7)  # the last one covers larger households too


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["assessed_on", "case", "adults", "minors", "single_parent", "housing", "monthly_rent", "debts",
                  "real_estate_value", "vehicle_value", "health_notes", "notes"]
        widgets = {"assessed_on": forms.DateInput(attrs={"type": "date"}),
                   "health_notes": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = person.cases.all()
        self.fields["assessed_on"].initial = timezone.localdate()
        self.fields["housing"].initial = person.housing
        household = person.household
        if household is not None:
            # Start from the registered members (18+ adults); the worker corrects what changed.
            adults, minors = household_composition(household=household, on=timezone.localdate())
            self.fields["adults"].initial, self.fields["minors"].initial = max(adults, 1), minors

    def _post_clean(self):
        # The service validates the whole assessment (with the person and assessor it sets).
        pass


class IncomeForm(forms.Form):
    source = forms.ChoiceField(label=gettext_lazy("Πηγή"), choices=AssessmentIncome.Source.choices)
    monthly_amount = forms.DecimalField(label=gettext_lazy("Μηνιαίο ποσό (€)"), min_value=0, max_digits=10,
                                        decimal_places=2)

    def has_changed(self):
        # The select always posts a source: a line counts once it has an amount, so lines left
        # blank are skipped, as the page's help text promises.
        return "monthly_amount" in self.changed_data


IncomeFormSet = forms.formset_factory(IncomeForm, extra=4)


class ThresholdSetForm(forms.Form):
    scheme = forms.ChoiceField(label=gettext_lazy("Δομή"), choices=AidScheme.choices)
    effective_from = forms.DateField(label=gettext_lazy("Ισχύει από"), widget=forms.DateInput(attrs={"type": "date"}))
    validity_months = forms.IntegerField(label=gettext_lazy("Διάρκεια έγκρισης (μήνες)"), min_value=1, max_value=36,
                                         initial=6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for size in THRESHOLD_SIZES:
            label = (_("Ανώτατο μηνιαίο εισόδημα, %(n)d μέλη (€)") % {"n": size} if size < THRESHOLD_SIZES[-1]
                     else _("Ανώτατο μηνιαίο εισόδημα, %(n)d ή περισσότερα μέλη (€)") % {"n": size})
            self.fields[f"limit_{size}"] = forms.DecimalField(label=label, min_value=0, max_digits=10,
                                                              decimal_places=2)

    def limits(self) -> dict[int, Decimal]:
        return {size: self.cleaned_data[f"limit_{size}"] for size in THRESHOLD_SIZES}


_DATES = {"valid_until", "effective_from"}
_AMOUNTS = {"monthly_income", "guaranteed_amount", "monthly_benefit", "period_income", "period_limit",
            "real_estate_limit", "max_monthly_income"}


def outcome_for_display(value):
    """The stored outcome (JSON: ISO dates, amounts as strings) with dates and amounts as Python
    values, so templates show them in the reader's format."""
    if isinstance(value, list):
        return [outcome_for_display(item) for item in value]
    if not isinstance(value, dict):
        return value
    shown = {}
    for key, item in value.items():
        if key in _DATES and isinstance(item, str):
            shown[key] = datetime.date.fromisoformat(item)
        elif key in _AMOUNTS and isinstance(item, str):
            shown[key] = Decimal(item)
        else:
            shown[key] = outcome_for_display(item)
    return shown


@login_required
@permission_required("casework.add_assessment", raise_exception=True)
def assessment_create_view(request, person_pk):
    person = get_object_or_404(Person, pk=person_pk)
    data = request.POST if request.method == "POST" else None
    form, incomes = AssessmentForm(data, person=person), IncomeFormSet(data, prefix="incomes")
    if request.method == "POST" and form.is_valid() and incomes.is_valid():
        lines = [(line["source"], line["monthly_amount"]) for line in incomes.cleaned_data if line]
        try:
            assessment = assessment_record(person=person, by=request.user, incomes=lines, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Η αξιολόγηση καταχωρίστηκε."))
            return redirect("casework:assessment-detail", pk=assessment.pk)
    return render(request, "casework/assessment_form.html", {
        "form": form, "incomes": incomes, "person": person, "title": _("Νέα κοινωνικοοικονομική αξιολόγηση")})


@login_required
@permission_required("casework.view_assessment", raise_exception=True)
def assessment_detail_view(request, pk):
    assessment = get_object_or_404(assessment_list(), pk=pk)
    access_record(user=request.user, person=assessment.person, obj=assessment)
    outcome = outcome_for_display(assessment.outcome)
    decided = set(aid_eligibility_list().filter(assessment=assessment).values_list("scheme", flat=True))
    schemes = [{"scheme": scheme, "label": label, "decided": scheme in decided, **outcome.get("schemes", {}).get(
        scheme, {})} for scheme, label in AidScheme.choices]
    return render(request, "casework/assessment_detail.html", {
        "assessment": assessment, "kea": outcome.get("kea", {}), "schemes": schemes,
        "health_notes": assessment_health_notes_for(assessment=assessment, user=request.user),
        "monthly_income": outcome.get("monthly_income"),
        "title": _("Κοινωνικοοικονομική αξιολόγηση"),
    })


@login_required
@permission_required("casework.view_aidthreshold", raise_exception=True)
def aid_rules_view(request):
    can_change = request.user.has_perm("casework.change_aidthreshold")
    form = ThresholdSetForm(request.POST if request.method == "POST" and can_change else None)
    if request.method == "POST" and not can_change:
        messages.error(request, _("Μόνο ο/η συντονιστής/τρια ορίζει τα όρια."))
    elif request.method == "POST" and form.is_valid():
        try:
            aid_threshold_set(scheme=form.cleaned_data["scheme"], effective_from=form.cleaned_data["effective_from"],
                              validity_months=form.cleaned_data["validity_months"], limits=form.limits(),
                              by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Τα νέα όρια καταχωρίστηκαν."))
            return redirect("casework:aid-rules")
    in_force = aid_thresholds_in_force(on=timezone.localdate())
    return render(request, "casework/aid_rules.html", {
        "form": form if can_change else None, "kea_rules": kea_rule_list(),
        "schemes": [{"label": label, "rows": in_force[scheme]} for scheme, label in AidScheme.choices],
        "title": _("Όρια επιλεξιμότητας και κανόνες ΚΕΑ/ΕΕΕ"),
    })


urlpatterns = [
    path("people/<uuid:person_pk>/assessments/new/", assessment_create_view, name="assessment-create"),
    path("assessments/<uuid:pk>/", assessment_detail_view, name="assessment-detail"),
    path("settings/aid-thresholds/", aid_rules_view, name="aid-rules"),
]
