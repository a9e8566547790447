"""Operator console forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regional.models import Municipality, Region


class CentreCreateForm(forms.Form):
    slug = forms.CharField(label=_("Αναγνωριστικό (υποτομέας)"), max_length=41,
                           help_text=_("Λατινικά πεζά, ψηφία, παύλα· π.χ. «apokoronas»."))
    name = forms.CharField(label=_("Επίσημη ονομασία"), max_length=200)
    region = forms.ModelChoiceField(label=_("Περιφέρεια"), queryset=Region.objects.all(), to_field_name="slug")
    municipality = forms.ModelChoiceField(label=_("Δήμος"), queryset=Municipality.objects.select_related(
        "regional_unit"), to_field_name="slug")
    espa_mis_code = forms.CharField(label=_("Κωδικός MIS (ΕΣΠΑ)"), max_length=20, required=False)
    admin_email = forms.EmailField(label=_("Email πρώτου/ης συντονιστή/τριας"))
    admin_password = forms.CharField(label=_("Αρχικός κωδικός"), widget=forms.PasswordInput,
                                     help_text=_("Στην πρώτη σύνδεση ο/η συντονιστής/τρια δίνει το ονοματεπώνυμό "
                                                 "του/της και ορίζει δικό του/της κωδικό."))

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["region"] = data["region"].slug
        data["municipality"] = data["municipality"].slug
        return data


class CentreArchiveForm(forms.Form):
    """Archiving is typed, not clicked: the centre's slug, exactly."""

    slug = forms.CharField(label=_("Πληκτρολογήστε το αναγνωριστικό του κέντρου για επιβεβαίωση"), max_length=41)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip()
        if slug != self.centre.slug:
            raise forms.ValidationError(_("Το αναγνωριστικό δεν είναι «%(slug)s»: το κέντρο δεν αρχειοθετήθηκε."),
                                        params={"slug": self.centre.slug})
        return slug


class CentreDeleteForm(CentreArchiveForm):
    """Deleting is typed too: the centre's slug, exactly."""

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip()
        if slug != self.centre.slug:
            raise forms.ValidationError(_("Το αναγνωριστικό δεν είναι «%(slug)s»: τίποτα δεν διαγράφηκε."),
                                        params={"slug": self.centre.slug})
        return slug


class CentreRestoreForm(forms.Form):
    slug = forms.CharField(label=_("Αναγνωριστικό του νέου κέντρου"), max_length=41,
                           help_text=_("Λατινικά πεζά, ψηφία, παύλα· δεν πρέπει να χρησιμοποιείται ήδη."))
