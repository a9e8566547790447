"""Casework selectors: a person's documents and access history, the centre's access log with its
filters (the coordinator's audit view), and the documents' timeline entries."""

import datetime

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.forms.pickers import PersonPickerField, PersonPickerWidget
from casework.models import AccessLog, Document, Person
from casework.timeline import TimelineEntry, timeline_provider
from platform_core.labels import person_name


def documents_of(*, person: Person | str) -> QuerySet[Document]:
    return Document.objects.filter(person=person).select_related("uploaded_by")


def document_list() -> QuerySet[Document]:
    """Every document of the centre (the connection's schema): another centre's ids find nothing."""
    return Document.objects.select_related("person", "uploaded_by")


def access_log_of(*, person: Person | str) -> QuerySet[AccessLog]:
    """Who read what about the person, newest first."""
    return AccessLog.objects.filter(person=person).select_related("user").order_by("-at")


def access_log_list() -> QuerySet[AccessLog]:
    """Every read of the centre's records, newest first, with who read and whose record it was."""
    return AccessLog.objects.select_related("user", "person").order_by("-at")


# The apps whose records are logged when read (``object_type`` is the model's name in one of them).
LOGGED_APPS = ("casework", "programs")


def object_label(object_type: str) -> str:
    """What an access-log row's ``object_type`` names, for people to read."""
    for app_label in LOGGED_APPS:
        try:
            return str(capfirst(apps.get_model(app_label, object_type)._meta.verbose_name))
        except LookupError:
            continue
    return object_type


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what a date input shows


class PersonPickerFilter(django_filters.ModelChoiceFilter):
    """A person, chosen in the page's search-as-you-type picker (the API gives the id)."""

    field_class = PersonPickerField


class AccessLogFilter(django_filters.FilterSet):
    """The audit view's filters, the same for the page and ``/api/v1/access-log/``."""

    user = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Μέλος προσωπικού"), queryset=get_user_model().objects.order_by(
            "last_name", "first_name", "username"))
    person = PersonPickerFilter(label=gettext_lazy("Ωφελούμενος/η"), queryset=Person.objects.all(),
                                widget=PersonPickerWidget(offer_create=False))
    date_from = django_filters.DateFilter(label=gettext_lazy("Από"), method="filter_date_from", widget=DATE_INPUT)
    date_to = django_filters.DateFilter(label=gettext_lazy("Έως"), method="filter_date_to", widget=DATE_INPUT)
    action = django_filters.ChoiceFilter(label=gettext_lazy("Ενέργεια"), choices=AccessLog.Action.choices)

    class Meta:
        model = AccessLog
        fields = ["user", "person", "date_from", "date_to", "action"]

    def filter_date_from(self, queryset, name, value: datetime.date):
        return queryset.filter(at__gte=_day_start(value))

    def filter_date_to(self, queryset, name, value: datetime.date):
        return queryset.filter(at__lt=_day_start(value + datetime.timedelta(days=1)))

    @property
    def form(self):
        form = super().form
        form.fields["user"].label_from_instance = person_name
        return form


@timeline_provider
def document_entries(*, person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("casework.view_document"):
        return []
    try:
        url = reverse("casework:document-list", kwargs={"person_pk": person.pk})
    except NoReverseMatch:
        url = ""
    return [
        TimelineEntry(at=document.uploaded_at, kind="document", label=_("Έγγραφο"),
                      title=document.title or document.get_kind_display(), url=url,
                      detail=document.get_kind_display())
        for document in documents_of(person=person)
    ]
