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
                               help_text=_("Τουλάχιστον 12 χαρακτήρες, όχι από τους συνηθισμένους· "
                                           "ο χρήστης τον αλλάζει μετά τη σύνδεση."))


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Ρόλος"), choices=Role.choices)


class FirstLoginForm(forms.Form):
    """An onboarded coordinator's name and own password (the rules are ``account_complete_setup``'s)."""

    first_name = forms.CharField(label=_("Όνομα"), max_length=150)
    last_name = forms.CharField(label=_("Επώνυμο"), max_length=150)
    password = forms.CharField(label=_("Νέος κωδικός"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Τουλάχιστον 12 χαρακτήρες, όχι από τους συνηθισμένους, "
                                           "διαφορετικός από τον αρχικό που σας δόθηκε."))
    password_again = forms.CharField(label=_("Ο νέος κωδικός ξανά"), strip=False,
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("Οι δύο κωδικοί δεν είναι ίδιοι."))
        return data
