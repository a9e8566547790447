"""Forms of the consent, referral and incoming-referral pages. They parse input; the services in
``casework.services.referrals`` validate it."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Case, DataCategory, Document, Need, Person, Referral, Urgency, centre_label
from partners.models import Organization
from partners.selectors import referable_services
from tenants.models import Centre

from .cases import _DateInput, _needs_field, _worker_field
from .pickers import PersonPickerField


def _categories_field(label=None) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label or _("Κατηγορίες δεδομένων"), choices=DataCategory.choices,
                                     widget=forms.CheckboxSelectMultiple)


class _ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, service) -> str:
        return f"{service.organization} · {service.name}"


def other_centres(current):
    return (Centre.objects.filter(status=Centre.Status.ACTIVE).exclude(pk=getattr(current, "pk", None))
            .select_related("municipality").order_by("municipality__name", "slug"))


class CentreChoiceField(forms.ModelChoiceField):
    """Another centre, by slug and named by its municipality (``centre_label``)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Centre.objects.none(), to_field_name="slug", **kwargs)

    def label_from_instance(self, centre) -> str:
        return centre_label(centre)


class ConsentForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Φορέας του καταλόγου"), required=False,
                                          queryset=Organization.objects.filter(is_active=True).order_by("name"))
    centre = CentreChoiceField(label=_("ή Κέντρο Κοινότητας"), required=False)
    purpose = forms.CharField(label=_("Σκοπός"), max_length=300)
    categories = _categories_field()
    given_on = forms.DateField(label=_("Ημερομηνία συγκατάθεσης"), widget=_DateInput(), initial=timezone.localdate)
    expires_on = forms.DateField(label=_("Λήξη"), widget=_DateInput(), required=False)
    signed_form = forms.ModelChoiceField(label=_("Υπογεγραμμένο έντυπο (από τα έγγραφα)"), required=False,
                                         queryset=Document.objects.none())

    def __init__(self, *args, person: Person, current_centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = other_centres(current_centre)
        self.fields["signed_form"].queryset = Document.objects.filter(person=person)


class ReferralForm(forms.Form):
    """A referral of the person; consent can be recorded in the same step (the person signs the
    referral's consent form at the desk)."""

    person = PersonPickerField(label=_("Ωφελούμενος/η"))
    service = _ServiceChoiceField(label=_("Υπηρεσία του καταλόγου"), required=False, queryset=referable_services())
    centre = CentreChoiceField(label=_("ή Κέντρο Κοινότητας (μετακόμιση)"), required=False)
    case = forms.ModelChoiceField(label=_("Φάκελος"), required=False, queryset=Case.objects.none())
    reason = forms.CharField(label=_("Λόγος παραπομπής"), widget=forms.Textarea(attrs={"rows": 4}))
    urgency = forms.ChoiceField(label=_("Προτεραιότητα"), choices=Urgency.choices, initial=Urgency.ROUTINE)
    categories = _categories_field(_("Δεδομένα που κοινοποιούνται"))
    due_on = forms.DateField(label=_("Απάντηση έως"), widget=_DateInput(),
                             initial=lambda: timezone.localdate() + datetime.timedelta(days=14))
    delivery = forms.ChoiceField(label=_("Τρόπος αποστολής"), initial=Referral.Delivery.LETTER,
                                 choices=[(Referral.Delivery.LETTER, Referral.Delivery.LETTER.label),
                                          (Referral.Delivery.LOGGED, Referral.Delivery.LOGGED.label)])
    record_consent = forms.BooleanField(
        label=_("Ο/η ωφελούμενος/η δίνει τώρα συγκατάθεση για τα παραπάνω δεδομένα προς αυτόν τον αποδέκτη"),
        required=False)
    consent_purpose = forms.CharField(label=_("Σκοπός της συγκατάθεσης"), max_length=300, required=False)
    consent_expires_on = forms.DateField(label=_("Λήξη της συγκατάθεσης"), widget=_DateInput(), required=False)
    send = forms.BooleanField(label=_("Αποστολή τώρα"), required=False, initial=True)

    def __init__(self, *args, person: Person | None = None, current_centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = other_centres(current_centre)
        if person is not None:
            self.fields["person"].initial = person.pk
            self.fields["person"].widget = forms.HiddenInput()
            self.fields["case"].queryset = Case.objects.filter(person=person)
        else:
            self.fields["case"].queryset = Case.objects.filter(status=Case.Status.OPEN)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Λόγος απόρριψης"), widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Έκβαση"), choices=Referral.Outcome.choices)
    outcome_reason = forms.ChoiceField(label=_("Αιτία (αν δεν πέτυχε)"), required=False,
                                       choices=[("", "—"), *Referral.OutcomeReason.choices])
    note = forms.CharField(label=_("Σημείωση"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Σημείωση"), required=False)


class IncomingForm(forms.Form):
    source_organization = forms.ModelChoiceField(label=_("Φορέας προέλευσης"), required=False,
                                                 queryset=Organization.objects.filter(is_active=True).order_by("name"))
    source_name = forms.CharField(label=_("ή προέλευση εκτός καταλόγου (π.χ. σχολείο)"), max_length=200,
                                  required=False)
    referrer_name = forms.CharField(label=_("Ποιος/α παρέπεμψε"), max_length=160, required=False)
    reason = forms.CharField(label=_("Λόγος παραπομπής"), widget=forms.Textarea(attrs={"rows": 3}))
    urgency = forms.ChoiceField(label=_("Προτεραιότητα"), choices=Urgency.choices, initial=Urgency.ROUTINE)
    received_on = forms.DateField(label=_("Παραλαβή"), widget=_DateInput(), initial=timezone.localdate)
    person = PersonPickerField(label=_("Ωφελούμενος/η (αν έχει καταχωριστεί)"), required=False)
    open_case = forms.BooleanField(label=_("Άνοιγμα φακέλου τώρα"), required=False)
    assigned_worker = _worker_field(_("Υπεύθυνος/η φακέλου"), required=False)
    needs = _needs_field(required=False)


class AcceptIncomingForm(forms.Form):
    open_case = forms.BooleanField(label=_("Άνοιγμα φακέλου"), required=False)
    assigned_worker = _worker_field(_("Υπεύθυνος/η φακέλου"), required=False)
    needs = forms.MultipleChoiceField(label=_("Ανάγκες"), choices=Need.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
