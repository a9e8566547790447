"""Forms of the programme, session, appointment, calendar and site pages. They parse input; the
services validate it (the views show the services' errors on these fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms.pickers import PersonPickerField
from casework.models import Case, Person, Room, Site
from platform_core.accounts.models import User
from programs.models import Appointment, Attendance, Enrolment, Programme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.username


def active_staff():
    return User.objects.filter(is_active=True).order_by("last_name", "first_name")


def offer_people(field: PersonPickerField, person: Person | None) -> None:
    """The picker starts on the person the page was opened for, if any."""
    if person is not None:
        field.initial = person.pk


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Τίτλος"), max_length=160)
    kind = forms.ChoiceField(label=_("Είδος"), choices=Programme.Kind.choices)
    description = forms.CharField(label=_("Περιγραφή"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    site = forms.ModelChoiceField(label=_("Δομή"), queryset=Site.objects.filter(is_active=True), required=False,
                                  empty_label=_("Κεντρικό γραφείο"))
    room = forms.ModelChoiceField(label=_("Αίθουσα"), queryset=Room.objects.select_related("site"), required=False)
    facilitators = StaffMultipleChoiceField(label=_("Εμψυχωτές/τριες"), queryset=active_staff(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    target_group = forms.CharField(label=_("Ομάδα στόχος"), max_length=200, required=False)
    age_min = forms.IntegerField(label=_("Ηλικία από"), min_value=0, max_value=120, required=False)
    age_max = forms.IntegerField(label=_("Ηλικία έως"), min_value=0, max_value=120, required=False)
    capacity = forms.IntegerField(label=_("Θέσεις"), min_value=1, max_value=32767)
    starts_on = forms.DateField(label=_("Έναρξη"), widget=DateInput())
    ends_on = forms.DateField(label=_("Λήξη"), widget=DateInput())
    access = forms.ChoiceField(label=_("Πρόσβαση"), choices=Programme.Access.choices)
    status = forms.ChoiceField(label=_("Κατάσταση"), choices=Programme.Status.choices)


class ProgrammeFilterForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Δομή"), queryset=Site.objects.all(), required=False, empty_label=_("Όλες"))
    kind = forms.ChoiceField(label=_("Είδος"), choices=[("", _("Όλα")), *Programme.Kind.choices], required=False)
    status = forms.ChoiceField(label=_("Κατάσταση"), choices=[("", _("Όλες")), *Programme.Status.choices],
                               required=False)


class SessionAddForm(forms.Form):
    """One session (start, end) or a series (rule, first start, duration)."""

    starts_at = forms.DateTimeField(label=_("Έναρξη (μία συνάντηση ή η πρώτη της σειράς)"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Λήξη (μία συνάντηση)"), widget=DateTimeInput(), required=False)
    rule = forms.CharField(label=_("Επανάληψη (RRULE)"), max_length=300, required=False,
                           help_text=_("Π.χ. FREQ=WEEKLY;BYDAY=TU,TH έως τη λήξη του προγράμματος· οι αργίες και "
                                       "οι ημέρες κλεισίματος παραλείπονται."))
    duration_minutes = forms.IntegerField(label=_("Διάρκεια (λεπτά, για επανάληψη)"), min_value=1,
                                          max_value=1440, required=False)
    facilitator = StaffChoiceField(label=_("Εμψυχωτής/τρια"), queryset=active_staff(), required=False,
                                   empty_label="—")
    room = forms.ModelChoiceField(label=_("Αίθουσα"), queryset=Room.objects.select_related("site"), required=False)
    topic = forms.CharField(label=_("Θέμα"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("rule"):
            if not data.get("duration_minutes"):
                self.add_error("duration_minutes", _("Ορίστε τη διάρκεια κάθε συνάντησης."))
        elif not data.get("ends_at"):
            self.add_error("ends_at", _("Ορίστε τη λήξη της συνάντησης."))
        return data


class SessionMoveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Έναρξη"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Λήξη"), widget=DateTimeInput())
    facilitator = StaffChoiceField(label=_("Εμψυχωτής/τρια"), queryset=active_staff(), required=False,
                                   empty_label="—")
    room = forms.ModelChoiceField(label=_("Αίθουσα"), queryset=Room.objects.select_related("site"), required=False)


class EnrolForm(forms.Form):
    person = PersonPickerField(label=_("Ωφελούμενος/η"))
    guardian = PersonPickerField(label=_("Κηδεμόνας (για ανήλικους)"), required=False)

    def __init__(self, *args, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_people(self.fields["person"], person)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Λόγος"), max_length=300)


class FinishForm(forms.Form):
    status = forms.ChoiceField(label=_("Έκβαση"), choices=[(Enrolment.Status.COMPLETED,
                                                          Enrolment.Status.COMPLETED.label),
                                                         (Enrolment.Status.DROPPED_OUT,
                                                          Enrolment.Status.DROPPED_OUT.label)])
    reason = forms.CharField(label=_("Σημείωση"), max_length=300, required=False)


class SignedSheetForm(forms.Form):
    file = forms.FileField(label=_("Σάρωση υπογεγραμμένου παρουσιολογίου (PDF, JPEG ή PNG)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))


MARK_CHOICES = Attendance.Mark.choices


class AppointmentForm(forms.Form):
    person = PersonPickerField(label=_("Ωφελούμενος/η"))
    staff = StaffChoiceField(label=_("Μέλος προσωπικού"), queryset=active_staff(), empty_label="—")
    starts_at = forms.DateTimeField(label=_("Έναρξη"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Λήξη"), widget=DateTimeInput())
    purpose = forms.CharField(label=_("Σκοπός"), max_length=200)
    site = forms.ModelChoiceField(label=_("Δομή"), queryset=Site.objects.filter(is_active=True), required=False,
                                  empty_label=_("Κεντρικό γραφείο"))
    room = forms.ModelChoiceField(label=_("Αίθουσα"), queryset=Room.objects.select_related("site"), required=False)
    case = forms.ModelChoiceField(label=_("Φάκελος"), queryset=Case.objects.none(), required=False)

    def __init__(self, *args, person: Person | None = None, case: Case | None = None, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_people(self.fields["person"], person)
        self.fields["case"].queryset = Case.objects.filter(person=person) if person else Case.objects.all()
        if case is not None:
            self.fields["case"].initial = case.pk
        if staff is not None:
            self.fields["staff"].initial = staff.pk


class AppointmentMoveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Έναρξη"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Λήξη"), widget=DateTimeInput())
    staff = StaffChoiceField(label=_("Μέλος προσωπικού"), queryset=active_staff(), empty_label="—")


class AppointmentCancelForm(forms.Form):
    cancelled_by = forms.ChoiceField(label=_("Ακύρωσε"), choices=Appointment.CancelledBy.choices)


class AppointmentMarkForm(forms.Form):
    status = forms.ChoiceField(choices=[(Appointment.Status.ATTENDED, Appointment.Status.ATTENDED.label),
                                        (Appointment.Status.MISSED, Appointment.Status.MISSED.label)])


class RebookForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Νέα έναρξη"), widget=DateTimeInput())


class CalendarFilterForm(forms.Form):
    view = forms.ChoiceField(label=_("Προβολή"), choices=[("week", _("Εβδομάδα")), ("day", _("Ημέρα"))],
                             required=False)
    date = forms.DateField(label=_("Ημερομηνία"), widget=DateInput(), required=False)
    staff = StaffChoiceField(label=_("Μέλος προσωπικού"), queryset=active_staff(), required=False,
                             empty_label=_("Όλο το κέντρο"))
    site = forms.ModelChoiceField(label=_("Δομή"), queryset=Site.objects.all(), required=False, empty_label=_("Όλες"))


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Ονομασία"), max_length=120)
    kind = forms.ChoiceField(label=_("Είδος"), choices=Site.Kind.choices)
    address = forms.CharField(label=_("Διεύθυνση"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("Σε λειτουργία"), required=False, initial=True)


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Αίθουσα"), max_length=80)
    capacity = forms.IntegerField(label=_("Θέσεις"), min_value=1, max_value=32767, required=False)


class ClosureDayForm(forms.Form):
    day = forms.DateField(label=_("Ημερομηνία"), widget=DateInput())
    site = forms.ModelChoiceField(label=_("Δομή"), queryset=Site.objects.all(), required=False,
                                  empty_label=_("Όλο το κέντρο"))
    reason = forms.CharField(label=_("Λόγος"), max_length=120, required=False)


class ProgrammeSettingsForm(forms.Form):
    absence_alert_after = forms.IntegerField(label=_("Ειδοποίηση μετά από συνεχόμενες απουσίες"), min_value=1,
                                             max_value=50)
