"""Writes to the shared partner directory (public schema)."""

from collections.abc import Iterable

from django.db import transaction

from regional.models import Region

from .models import Partner


@transaction.atomic
def partner_upsert(*, name: str, kind: Partner.Kind | str, short_name: str = "", description: str = "",
                   regions: Iterable[Region] = (), address: str = "", phone: str = "", email: str = "",
                   website: str = "", is_active: bool = True) -> Partner:
    """Makes the partner named ``name`` look exactly like the arguments, creating it if needed.

    The row is saved only when something differs, so repeating an upsert changes nothing (not
    even ``updated_at``); ``regions`` is the partner's whole set of regions.
    """
    wanted = {
        "short_name": short_name.strip(), "kind": kind, "description": description.strip(),
        "address": address.strip(), "phone": phone.strip(), "email": email.strip(), "website": website.strip(),
        "is_active": is_active,
    }
    name = name.strip()
    partner = Partner.objects.select_for_update().filter(name=name).first()
    created = partner is None
    if created:
        partner = Partner(name=name)
    changed = [field for field, value in wanted.items() if getattr(partner, field) != value]
    if created or changed:
        for field in changed:
            setattr(partner, field, wanted[field])
        partner.full_clean()
        partner.save()
    partner.regions.set(regions)
    return partner
