"""The on-demand report form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("Από"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("Έως"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              help_text=_("Έως σήμερα, για διάστημα έως ένα έτος."))
    site = forms.ModelChoiceField(label=_("Δομή"), queryset=None, required=False, empty_label=_("Όλο το κέντρο"),
                                  help_text=_("Η αναφορά μιας δομής έχει μόνο τις ενότητες που καταγράφονται ανά "
                                              "δομή (φάκελοι, επαφές, συνεδρίες, προγράμματα, ραντεβού)."))

    def __init__(self, *args, **kwargs):
        from casework.models import Site

        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.order_by("kind", "name")
