"""Forms of the notifications pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    quiet_start = forms.TimeField(label=_("Ώρες κοινής ησυχίας από"), widget=forms.TimeInput(attrs={"type": "time"}),
                                  help_text=_("Τα SMS που λήγουν μέσα στις ώρες αυτές στέλνονται όταν τελειώσουν· "
                                              "τα email δεν καθυστερούν."))
    quiet_end = forms.TimeField(label=_("έως"), widget=forms.TimeInput(attrs={"type": "time"}))
    contact_phone = forms.CharField(label=_("Τηλέφωνο επικοινωνίας (υπογραφή μηνυμάτων)"), max_length=20,
                                    required=False)
    contact_email = forms.EmailField(label=_("Email επικοινωνίας"), required=False)
    address = forms.CharField(label=_("Διεύθυνση"), max_length=200, required=False)
