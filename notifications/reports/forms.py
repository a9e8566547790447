"""The on-demand report form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("Από"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("Έως"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              help_text=_("Έως σήμερα, για διάστημα έως ένα έτος."))
