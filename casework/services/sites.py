"""The centre's sites and rooms: the coordinator keeps them; every new centre starts with its
main office (a reference loader), and records without a site belong to the main office."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Room, Site
from platform_core.reference import reference_loader
from tenants.template import TEMPLATE_SCHEMA

MAIN_OFFICE_NAME = gettext_lazy("Κεντρικό γραφείο")
SITE_FIELDS = ("name", "kind", "address", "is_active")


def main_office() -> Site | None:
    return Site.objects.filter(kind=Site.Kind.MAIN_OFFICE).first()


@reference_loader
def main_office_ensure() -> None:
    """A centre has a main office from its first day. Not in the centre template: a row copied
    from it would carry the same id in every centre."""
    if connection.schema_name == TEMPLATE_SCHEMA:
        Site.objects.all().delete()
        return
    if main_office() is None:
        Site.objects.create(name=str(MAIN_OFFICE_NAME), kind=Site.Kind.MAIN_OFFICE)


def site_or_main_office(site: Site | None) -> Site | None:
    return site if site is not None else main_office()


def _save(site: Site) -> Site:
    site.name = site.name.strip()
    site.full_clean(validate_constraints=False)
    if Site.objects.filter(name=site.name).exclude(pk=site.pk).exists():
        raise ValidationError({"name": _("Υπάρχει ήδη δομή με αυτή την ονομασία.")})
    if site.kind == Site.Kind.MAIN_OFFICE and Site.objects.filter(kind=site.kind).exclude(pk=site.pk).exists():
        raise ValidationError({"kind": _("Το κέντρο έχει ήδη κεντρικό γραφείο.")})
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError:
        raise ValidationError({"name": _("Υπάρχει ήδη δομή με αυτή την ονομασία.")}) from None
    return site


@transaction.atomic
def site_create(*, by, name: str, kind: str, address: str = "", is_active: bool = True) -> Site:
    return _save(Site(name=name, kind=kind, address=address.strip(), is_active=is_active))


@transaction.atomic
def site_update(*, site: Site, by, **changes) -> Site:
    site = Site.objects.select_for_update().get(pk=site.pk)
    for field, value in changes.items():
        if field in SITE_FIELDS:
            setattr(site, field, value)
    return _save(site)


@transaction.atomic
def room_add(*, site: Site, by, name: str, capacity: int | None = None) -> Room:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Γράψτε την ονομασία της αίθουσας.")})
    if Room.objects.filter(site=site, name=name).exists():
        raise ValidationError({"name": _("Η δομή έχει ήδη αίθουσα με αυτή την ονομασία.")})
    room = Room(site=site, name=name, capacity=capacity)
    room.full_clean(validate_constraints=False)
    room.save()
    return room
