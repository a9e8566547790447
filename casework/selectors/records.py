"""Casework selectors: a person's documents and access history, and the documents' timeline entries."""

from django.apps import apps
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from casework.models import AccessLog, Document, Person
from casework.timeline import TimelineEntry, timeline_provider


def documents_of(*, person: Person | str) -> QuerySet[Document]:
    return Document.objects.filter(person=person).select_related("uploaded_by")


def document_list() -> QuerySet[Document]:
    """Every document of the centre (the connection's schema): another centre's ids find nothing."""
    return Document.objects.select_related("person", "uploaded_by")


def access_log_of(*, person: Person | str) -> QuerySet[AccessLog]:
    """Who read what about the person, newest first."""
    return AccessLog.objects.filter(person=person).select_related("user").order_by("-at")


def object_label(object_type: str) -> str:
    """What an access-log row's ``object_type`` names, for people to read."""
    try:
        return str(capfirst(apps.get_model("casework", object_type)._meta.verbose_name))
    except LookupError:
        return object_type


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
