"""Forms of the reception, case, pathway-plan and note pages. They parse input; the services
validate it (and the views show the services' errors on these fields)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.forms.pickers import PersonPickerField
from casework.models import Case, ContactNote, Need, Person, ReceptionContact, Site, Topic
from casework.selectors.cases import case_workers


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class _OnCasePage:
    """Forms that share the case page get their own HTML ids (``<id_prefix>-<field>``); the
    field names, and so the posted data, stay plain."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class _StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


def _worker_field(label, *, required: bool = True) -> forms.ModelChoiceField:
    return _StaffChoiceField(label=label, queryset=case_workers(), required=required, empty_label="—")


def site_field(*, for_filter: bool = False) -> forms.ModelChoiceField:
    """The site a record belongs to (active sites; empty: the main office), or a list's site
    filter (every site; empty: all)."""
    if for_filter:
        return forms.ModelChoiceField(label=_("Δομή"), queryset=Site.objects.order_by("kind", "name"),
                                      required=False, empty_label=_("Όλες"))
    active = Site.objects.filter(is_active=True).order_by("kind", "name")
    return forms.ModelChoiceField(label=_("Δομή"), queryset=active, required=False, empty_label=_("Κεντρικό γραφείο"),
                                  help_text=_("Πού εξυπηρετήθηκε ο/η ωφελούμενος/η."))


def _needs_field(*, required: bool = True) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=_("Ανάγκες"), choices=Need.choices, required=required,
                                     widget=forms.CheckboxSelectMultiple)


class ContactForm(forms.Form):
    """A reception contact, of a person found with the picker (or the one the page was opened for)."""

    person = PersonPickerField(label=_("Ωφελούμενος/η"), required=False)
    visitor_name = forms.CharField(label=_("Όνομα επισκέπτη"), max_length=120, required=False,
                                   help_text=_("Αν δεν έχει καταχωριστεί ως ωφελούμενος/η."))
    contacted_at = forms.DateTimeField(label=_("Ημερομηνία και ώρα"), widget=_DateTimeInput(), initial=_now_minute)
    channel = forms.ChoiceField(label=_("Τρόπος"), choices=ReceptionContact.Channel.choices,
                                initial=ReceptionContact.Channel.IN_PERSON)
    topic = forms.ChoiceField(label=_("Θέμα"), choices=[("", "—"), *Topic.choices])
    outcome = forms.ChoiceField(label=_("Έκβαση"), choices=ReceptionContact.Outcome.choices,
                                initial=ReceptionContact.Outcome.INFORMED)
    summary = forms.CharField(label=_("Περιγραφή"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    site = site_field()
    open_case = forms.BooleanField(label=_("Άνοιγμα φακέλου"), required=False)
    assigned_worker = _worker_field(_("Υπεύθυνος/η φακέλου"), required=False)
    needs = _needs_field(required=False)

    CASE_FIELDS = ("open_case", "assigned_worker", "needs")

    def __init__(self, *args, person: Person | None = None, can_open_case: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_open_case:
            for name in self.CASE_FIELDS:
                del self.fields[name]
        if person is not None:
            self.fields["person"].initial = person.pk


class CaseOpenForm(forms.Form):
    assigned_worker = _worker_field(_("Υπεύθυνος/η"))
    needs = _needs_field()
    intake_date = forms.DateField(label=_("Ημερομηνία εισαγωγής"), widget=_DateInput(), initial=timezone.localdate)
    summary = forms.CharField(label=_("Περιγραφή αιτήματος"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    site = site_field()


class CaseFilterForm(forms.Form):
    MINE, ANYONE = "me", "all"

    status = forms.ChoiceField(label=_("Κατάσταση"), required=False,
                               choices=[("", _("Όλες")), *Case.Status.choices])
    worker = forms.ChoiceField(label=_("Υπεύθυνος/η"), required=False)
    need = forms.ChoiceField(label=_("Ανάγκη"), required=False, choices=[("", _("Όλες")), *Need.choices])
    site = site_field(for_filter=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [(self.MINE, _("Εγώ")), (self.ANYONE, _("Όλοι/ες")),
                                         *((str(u.pk), u.get_full_name() or u.username) for u in case_workers())]


class CaseHoldForm(_OnCasePage, forms.Form):
    id_prefix = "status"

    note = forms.CharField(label=_("Σημείωση"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseCloseForm(_OnCasePage, forms.Form):
    id_prefix = "close"

    reason = forms.ChoiceField(label=_("Λόγος κλεισίματος"), choices=[("", "—"), *Case.ClosedReason.choices])
    note = forms.CharField(label=_("Σημείωση"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseReassignForm(_OnCasePage, forms.Form):
    id_prefix = "reassign"

    assigned_worker = _worker_field(_("Νέος/α υπεύθυνος/η"))
    note = forms.CharField(label=_("Σημείωση"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseUpdateForm(_OnCasePage, forms.Form):
    id_prefix = "update"

    needs = _needs_field()
    summary = forms.CharField(label=_("Περιγραφή αιτήματος"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))


class PlanForm(_OnCasePage, forms.Form):
    id_prefix = "plan"

    summary = forms.CharField(label=_("Σύνοψη σχεδίου"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agreed_on = forms.DateField(label=_("Συμφωνήθηκε στις"), required=False, widget=_DateInput())
    review_on = forms.DateField(label=_("Επανεξέταση"), required=False, widget=_DateInput())


class GoalForm(_OnCasePage, forms.Form):
    id_prefix = "goal"

    title = forms.CharField(label=_("Στόχος"), max_length=200)
    area = forms.ChoiceField(label=_("Τομέας"), choices=Need.choices, initial=Need.OTHER)


class StepForm(_OnCasePage, forms.Form):
    id_prefix = "step"

    title = forms.CharField(label=_("Βήμα"), max_length=200)
    owner = _worker_field(_("Υπεύθυνος/η"))
    due_date = forms.DateField(label=_("Προθεσμία"), widget=_DateInput())


class StepActionForm(forms.Form):
    START, COMPLETE, CANCEL = "start", "complete", "cancel"

    action = forms.ChoiceField(choices=[(START, _("Έναρξη")), (COMPLETE, _("Ολοκλήρωση")), (CANCEL, _("Ακύρωση"))])


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Είδος"), choices=ContactNote.Kind.choices,
                             initial=ContactNote.Kind.COUNSELLING)
    occurred_at = forms.DateTimeField(label=_("Ημερομηνία και ώρα"), widget=_DateTimeInput(), initial=_now_minute)
    duration_minutes = forms.IntegerField(label=_("Διάρκεια (λεπτά)"), required=False, min_value=1, max_value=600)
    case = forms.ModelChoiceField(label=_("Φάκελος"), queryset=Case.objects.none(), required=False)
    text = forms.CharField(label=_("Σημείωση"), widget=forms.Textarea(attrs={"rows": 8}))
    sensitive = forms.BooleanField(label=_("Ευαίσθητη (ψυχική υγεία)"), required=False,
                                   help_text=_("Τη βλέπουν μόνο ο/η συντάκτης/τρια, οι ψυχολόγοι "
                                               "και ο/η συντονιστής/τρια."))

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(person=person)



class ReceptionSiteForm(forms.Form):
    """The day's contacts of one site."""

    site = site_field(for_filter=True)
