"""Writes the category taxonomy, then carries every row of the flat ``Partner`` table into the
HSDS-shaped directory without loss: the partner becomes an organisation with the SAME id (links
and bookmarks keep working) and one service of the same name, its kind a category (``ngo`` the
organisation's legal status), its address a location, its phone a phone, its regions, active flag
and timestamps as they were. The reverse rebuilds the partners from what was carried."""

import datetime

from django.db import migrations

from partners.taxonomy import CATEGORIES, TAXONOMY_ID, TAXONOMY_NAME, term_id
from platform_core.text import search_form

# Partner.Kind → category code (None: no category).
KIND_TO_CATEGORY = {
    "mental_health": "mental_health", "health": "health", "education": "education",
    "child_protection": "child_protection", "addiction": "addiction", "home_care": "elderly_care",
    "social_service": "welfare_benefits", "employment": "employment", "ngo": None, "other": None,
}
CATEGORY_TO_KIND = {code: kind for kind, code in KIND_TO_CATEGORY.items() if code}
NGO_LEGAL_STATUS = "Μη κυβερνητική οργάνωση"


def forwards(apps, schema_editor):
    Taxonomy = apps.get_model("partners", "Taxonomy")
    TaxonomyTerm = apps.get_model("partners", "TaxonomyTerm")
    Partner = apps.get_model("partners", "Partner")
    Organization = apps.get_model("partners", "Organization")
    Service = apps.get_model("partners", "Service")
    Location = apps.get_model("partners", "Location")
    Phone = apps.get_model("partners", "Phone")

    taxonomy, _created = Taxonomy.objects.get_or_create(id=TAXONOMY_ID, defaults={"name": TAXONOMY_NAME,
                                                                                "version": "1"})
    terms = {}
    for position, (code, name) in enumerate(CATEGORIES):
        terms[code], _created = TaxonomyTerm.objects.get_or_create(
            id=term_id(code), defaults={"taxonomy": taxonomy, "code": code, "name": name, "position": position})

    for partner in Partner.objects.all():
        organization = Organization.objects.create(
            id=partner.id, name=partner.name, alternate_name=partner.short_name, description=partner.description,
            email=partner.email, website=partner.website, is_active=partner.is_active,
            legal_status=NGO_LEGAL_STATUS if partner.kind == "ngo" else "",
            search_text=search_form(f"{partner.name} {partner.short_name}"),
        )
        organization.regions.set(partner.regions.all())
        service = Service.objects.create(
            organization=organization, name=partner.name, description=partner.description, email=partner.email,
            url=partner.website, status="active" if partner.is_active else "inactive",
            search_text=search_form(f"{partner.name} {partner.short_name} {partner.description}"),
        )
        category = KIND_TO_CATEGORY.get(partner.kind)
        if category:
            service.categories.add(terms[category])
        if partner.address:
            Location.objects.create(organization=organization, name=partner.name, address_1=partner.address)
        if partner.phone:
            Phone.objects.create(organization=organization, number=partner.phone, type="voice")
        # auto_now fields: keep the partner's own dates.
        Organization.objects.filter(pk=organization.pk).update(created_at=partner.created_at,
                                                               updated_at=partner.updated_at)
        Service.objects.filter(pk=service.pk).update(created_at=partner.created_at, updated_at=partner.updated_at)


def backwards(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    Organization = apps.get_model("partners", "Organization")
    for organization in Organization.objects.prefetch_related("services__categories", "locations", "phones",
                                                              "regions"):
        service = organization.services.order_by("created_at").first()
        category = service.categories.first() if service else None
        kind = CATEGORY_TO_KIND.get(category.code if category else "", "ngo" if organization.legal_status
                                    == NGO_LEGAL_STATUS else "other")
        location, phone = organization.locations.first(), organization.phones.first()
        partner = Partner.objects.create(
            id=organization.id, name=organization.name, short_name=organization.alternate_name[:60], kind=kind,
            description=organization.description, address=location.address_1 if location else "",
            phone=phone.number if phone else "", email=organization.email, website=organization.website,
            is_active=organization.is_active)
        partner.regions.set(organization.regions.all())
        Partner.objects.filter(pk=partner.pk).update(created_at=organization.created_at or datetime.datetime.now(
            datetime.UTC), updated_at=organization.updated_at)
    Organization.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("partners", "0002_hsds_directory"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
