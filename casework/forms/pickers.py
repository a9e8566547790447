"""The person picker of every form that names a person: a search-as-you-type field over
``person_search``, never a list of every person. With htmx the results come as you type; without
JavaScript its «Αναζήτηση» button posts the form, which comes back with the results to choose from
(the picker refuses to be empty while searching, so nothing is saved by that post). Either way the
chosen person's id, a radio button named after the field, is what the form submits; what was typed
goes in the POST body only, never in a URL."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.models import Person
from casework.selectors.people import person_pick_candidates

QUERY_SUFFIX = "_q"
FIND_SUFFIX = "_find"
# What the widget answers when the no-JS search button sent the form: the field then refuses.
SEARCHING = object()


def person_choice_label(person: Person) -> str:
    """Name and birth date in the reader's date format, to tell namesakes apart."""
    if person.birth_date is None:
        return str(person)
    return f"{person} · {date_format(person.birth_date, 'SHORT_DATE_FORMAT')}"


def picker_results_context(*, field: str, query: str, selected_id: str | None) -> dict:
    """What the list of choices shows (``casework/widgets/person_picker_results.html``)."""
    candidates = person_pick_candidates(query=query, selected_id=selected_id)
    return {
        "field": field, "query": query, "selected_id": selected_id or "",
        "choices": [(str(person.pk), person_choice_label(person)) for person in candidates],
    }


class PersonPickerWidget(forms.Widget):
    template_name = "casework/widgets/person_picker.html"

    def __init__(self, attrs=None, offer_create: bool = True):
        super().__init__(attrs)
        self.query = ""
        self.offer_create = offer_create  # a link to register someone new (not in a filter)

    def value_from_datadict(self, data, files, name):
        # Read on clean and on render: the render shows what this query finds.
        self.query = (data.get(name + QUERY_SUFFIX) or "").strip()[:100]
        if data.get(name + FIND_SUFFIX):
            return SEARCHING
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + QUERY_SUFFIX not in data

    def id_for_label(self, id_):
        return f"{id_}{QUERY_SUFFIX}" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None if value is SEARCHING else uuid_text(value)
        context["widget"].update(picker_results_context(field=name, query=self.query, selected_id=chosen))
        context["widget"]["pick_url"] = reverse("casework:person-pick")
        context["widget"]["create_url"] = reverse("casework:person-create") if self.offer_create else ""
        return context


def uuid_text(value) -> str | None:
    value = getattr(value, "pk", value)
    try:
        return str(forms.UUIDField().clean(value)) if value not in (None, "") else None
    except ValidationError:
        return None


class PersonPickerField(forms.ModelChoiceField):
    widget = PersonPickerWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Person.objects.all())
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is SEARCHING:
            raise ValidationError(_("Επιλέξτε ένα πρόσωπο από τα αποτελέσματα της αναζήτησης."), code="searching")
        return super().to_python(value)

    def label_from_instance(self, person) -> str:
        return person_choice_label(person)
