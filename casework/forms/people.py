"""Forms of the people and household pages. They parse input; the services validate it."""

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from casework.forms.pickers import PersonPickerField
from casework.models import Household, HouseholdMember, Person, Vulnerability

IDENTITY_FIELDS = ["last_name", "first_name", "father_name", "birth_date", "gender", "amka", "afm"]
CONTACT_FIELDS = ["phone", "email", "languages", "municipality", "settlement", "street", "postcode"]
ESF_FIELDS = ["citizenship", "country_of_birth", "foreign_background", "minority", "disability",
              "employment_status", "unemployed_since", "education", "housing", "rural_area", "vulnerabilities"]
PERSON_FORM_FIELDS = [*IDENTITY_FIELDS, *CONTACT_FIELDS, *ESF_FIELDS, "notes"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _model_fields(model, names: list[str]) -> dict[str, forms.Field]:
    fields = fields_for_model(model, fields=names)
    for field in fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DateInput()
    return fields


class PersonForm(forms.Form):
    """Every field a member of staff fills in about a person, grouped as the page shows them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(Person, PERSON_FORM_FIELDS))
        # Typed with spaces or +30: the services clean them, so the form takes a little more.
        for name, length in (("amka", 20), ("afm", 16), ("phone", 24), ("postcode", 8)):
            self.fields[name].max_length = length
            self.fields[name].widget.attrs["maxlength"] = length
            self.fields[name].validators = []
        self.fields["languages"].help_text = _("Χωρισμένες με κόμμα, π.χ. «ελληνικά, αγγλικά».")
        self.fields["vulnerabilities"] = forms.MultipleChoiceField(
            label=_("Ευπάθειες"), choices=Vulnerability.choices, required=False, widget=forms.CheckboxSelectMultiple)

    def groups(self) -> list[tuple[str, list]]:
        return [
            (_("Ταυτότητα"), [self[name] for name in IDENTITY_FIELDS]),
            (_("Επικοινωνία και διεύθυνση"), [self[name] for name in CONTACT_FIELDS]),
            (_("Χαρακτηριστικά συμμετέχοντα (δείκτες ΕΚΤ)"), [self[name] for name in ESF_FIELDS]),
            (_("Παρατηρήσεις"), [self["notes"]]),
        ]


class PersonCreateForm(PersonForm):
    confirm_duplicate = forms.BooleanField(
        label=_("Επιβεβαιώνω ότι πρόκειται για διαφορετικό πρόσωπο"), required=False)
    record_consent = forms.BooleanField(
        label=_("Ο/Η ωφελούμενος/η δίνει τώρα συγκατάθεση για κοινοποίηση στοιχείων (καταγραφή στο επόμενο βήμα)"),
        required=False)


class PersonExitForm(forms.Form):
    recorded_on = forms.DateField(label=_("Ημερομηνία εξόδου"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(Person, [name for name in ESF_FIELDS if name != "vulnerabilities"]))


class HouseholdForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(Household, ["name", "municipality", "settlement", "street", "notes"]))


class HouseholdCreateForm(HouseholdForm):
    head = forms.UUIDField(required=False, widget=forms.HiddenInput)


class MemberAddForm(forms.Form):
    person = PersonPickerField(label=_("Ωφελούμενος/η"))
    relation = forms.ChoiceField(label=_("Σχέση με τον/την υπεύθυνο/η"), choices=HouseholdMember.Relation.choices)
    is_dependant = forms.BooleanField(label=_("Προστατευόμενο μέλος"), required=False)


class MergeSearchForm(forms.Form):
    """The search for the other record of a merge (the merge page posts it: no names in URLs)."""

    q = forms.CharField(label=_("Αναζήτηση ωφελούμενου"), max_length=100,
                        help_text=_("Επώνυμο, όνομα, ΑΜΚΑ, ΑΦΜ ή τηλέφωνο."))


class MemberRemoveForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)


class PersonMergeForm(forms.Form):
    """The record to merge into the page's one; ``confirm`` after the preview."""

    merged = forms.UUIDField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
