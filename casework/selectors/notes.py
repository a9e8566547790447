"""Contact and counselling notes as a given user may see them."""

from django.db.models import Q, QuerySet

from casework.models import ContactNote

SENSITIVE_PERMISSION = "casework.view_sensitive_note"


def can_read_sensitive_notes(user) -> bool:
    """Psychologists and the coordinator (the permission); authors always see their own."""
    return user.is_authenticated and user.has_perm(SENSITIVE_PERMISSION)


def sensitive_text_visible_to(user, *, author_id) -> bool:
    """The sensitive-notes rule for one record written by ``author_id``: its author and holders of
    ``view_sensitive_note`` read it. ``notes_visible_to`` is the same rule as a query; an
    assessment's health notes (``assessment_health_notes_for``) are read under it too."""
    return user.is_authenticated and (can_read_sensitive_notes(user) or author_id == user.pk)


def notes_visible_to(user, queryset: QuerySet[ContactNote] | None = None) -> QuerySet[ContactNote]:
    """The one filter every page, API, search, export, timeline and admin applies to notes:
    sensitive notes only for their author and holders of ``view_sensitive_note`` (the rule of
    ``sensitive_text_visible_to``, in SQL)."""
    queryset = ContactNote.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.has_perm("casework.view_contactnote"):
        return queryset.none()
    if can_read_sensitive_notes(user):
        return queryset
    return queryset.filter(Q(sensitive=False) | Q(author=user))
