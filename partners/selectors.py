"""Reads of the shared service directory: the search every centre's staff use, and the entries."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from platform_core.text import search_form

from .models import WEEKDAYS, DirectoryProposal, Organization, Schedule, Service, ServiceArea, TaxonomyTerm

LISTED_STATUSES = (Service.Status.ACTIVE, Service.Status.TEMPORARILY_CLOSED)


def _service_rows() -> QuerySet[Service]:
    return Service.objects.select_related("organization").prefetch_related(
        "categories", "phones", "schedules", "contacts",
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("regional_unit", "municipality")),
        "service_at_locations__location", "organization__phones", "organization__locations",
    )


def service_search(*, search: str = "", category: str = "", area: str = "", open_now: bool = False,
                   organization_id=None, modified_after: datetime.datetime | None = None,
                   include_all_statuses: bool = False, now: datetime.datetime | None = None) -> QuerySet[Service]:
    """Services of active organisations, matched by words (accent- and case-insensitive, every
    word must match), category code or term id, area (a regional unit's or a municipality's slug)
    and open at ``now``. Defunct and inactive services are left out unless asked for."""
    services = _service_rows().filter(organization__is_active=True)
    if not include_all_statuses:
        services = services.filter(status__in=LISTED_STATUSES)
    for word in search_form(search).split():
        services = services.filter(Q(search_text__contains=word) | Q(organization__search_text__contains=word))
    if category:
        services = services.filter(Q(categories__code=category) | Q(categories__id__in=_as_uuid(category)))
    if area:
        services = services.filter(
            Q(service_areas__municipality__slug=area) | Q(service_areas__regional_unit__slug=area)
            | Q(service_areas__municipality__isnull=True, service_areas__regional_unit__municipalities__slug=area))
    if open_now:
        moment = timezone.localtime(now)
        services = services.filter(schedules__byday=WEEKDAYS[moment.weekday()], schedules__opens_at__lte=moment.time(),
                                   schedules__closes_at__gt=moment.time())
    if organization_id:
        services = services.filter(organization_id__in=_as_uuid(organization_id))
    if modified_after:
        services = services.filter(updated_at__gte=modified_after)
    return services.distinct().order_by("organization__name", "name")


def _as_uuid(value) -> list:
    import uuid

    try:
        return [uuid.UUID(str(value))]
    except ValueError:
        return []


def service_get(*, pk) -> Service | None:
    """One service of the directory whatever its status (a referral's page shows a defunct one too)."""
    return _service_rows().filter(pk__in=_as_uuid(pk)).first()


def referable_services() -> QuerySet[Service]:
    """Services a referral may go to: active, of an active organisation."""
    return _service_rows().filter(status=Service.Status.ACTIVE, organization__is_active=True)


def organization_list(*, search: str = "", modified_after: datetime.datetime | None = None) -> QuerySet[Organization]:
    organizations = Organization.objects.filter(is_active=True).prefetch_related(
        "regions", "phones", "locations__phones", "contacts",
        Prefetch("services", queryset=_service_rows().filter(status__in=LISTED_STATUSES)))
    for word in search_form(search).split():
        organizations = organizations.filter(search_text__contains=word)
    if modified_after:
        organizations = organizations.filter(updated_at__gte=modified_after)
    return organizations.order_by("name")


def categories() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("position", "name")


def proposals_pending() -> QuerySet[DirectoryProposal]:
    return DirectoryProposal.objects.filter(status=DirectoryProposal.Status.PENDING).select_related(
        "organization", "service")


def proposals_of_centre(*, centre_slug: str) -> QuerySet[DirectoryProposal]:
    """A centre's own proposals and their outcome (a centre never sees another's)."""
    return DirectoryProposal.objects.filter(proposer_centre=centre_slug).select_related("organization", "service")


def opening_hours(service: Service) -> list[Schedule]:
    return sorted(service.schedules.all(), key=lambda schedule: (WEEKDAYS.index(schedule.byday), schedule.opens_at))
