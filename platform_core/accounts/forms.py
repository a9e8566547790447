"""Forms of the staff-account pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .roles import Role


class StaffCreateForm(forms.Form):
    first_name = forms.CharField(label=_("Όνομα"), max_length=150)
    last_name = forms.CharField(label=_("Επώνυμο"), max_length=150)
    email = forms.EmailField(label=_("Email (όνομα χρήστη)"))
    role = forms.ChoiceField(label=_("Ρόλος"), choices=Role.choices)
    password = forms.CharField(label=_("Αρχικός κωδικός"), widget=forms.PasswordInput(render_value=False),
                               help_text=_("Τουλάχιστον 10 χαρακτήρες· ο χρήστης τον αλλάζει μετά τη σύνδεση."))


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Ρόλος"), choices=Role.choices)
