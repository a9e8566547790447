"""Reads of the shared partner directory."""

from django.db.models import Q, QuerySet

from .models import Partner


def partner_list(*, search: str = "", kind: str = "") -> QuerySet[Partner]:
    partners = Partner.objects.filter(is_active=True).prefetch_related("regions")
    if search:
        partners = partners.filter(Q(name__icontains=search) | Q(short_name__icontains=search))
    if kind:
        partners = partners.filter(kind=kind)
    return partners.order_by("name")
