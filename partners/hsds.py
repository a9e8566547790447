"""The directory in Open Referral HSDS 3.0 form (https://docs.openreferral.org/en/latest/): the
objects the open API serves and ``hsds_export`` writes, and the import of an HSDS dataset.

Fields without a value are left out rather than sent as null: HSDS's compiled schemas type them as
plain strings/numbers. Responses are checked against the vendored schemas in ``partners/schema/``
by the tests.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from platform_core.text import search_form

from .models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from .selectors import opening_hours
from .services import service_search_text

HSDS_VERSION = "3.0"
PROFILE = "https://docs.openreferral.org/en/3.0/"


def _clean(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (None, "")}


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _phone(phone: Phone) -> dict:
    return _clean({"id": str(phone.pk), "number": phone.number, "extension": phone.extension, "type": phone.type,
                   "description": phone.description,
                   "organization_id": str(phone.organization_id) if phone.organization_id else None,
                   "service_id": str(phone.service_id) if phone.service_id else None,
                   "location_id": str(phone.location_id) if phone.location_id else None})


def _schedule(schedule: Schedule) -> dict:
    return _clean({"id": str(schedule.pk), "service_id": str(schedule.service_id) if schedule.service_id else None,
                   "location_id": str(schedule.location_id) if schedule.location_id else None,
                   "freq": "WEEKLY", "byday": schedule.byday, "wkst": "MO",
                   "opens_at": schedule.opens_at.strftime("%H:%M"), "closes_at": schedule.closes_at.strftime("%H:%M"),
                   "description": schedule.description})


def _term(term: TaxonomyTerm) -> dict:
    return _clean({"id": str(term.pk), "code": term.code, "name": term.name,
                   "description": term.description or term.name,
                   "taxonomy_id": str(term.taxonomy_id), "parent_id": str(term.parent_id) if term.parent_id else None})


def _attribute(service: Service, term: TaxonomyTerm) -> dict:
    return {"id": str(uuid.uuid5(service.pk, term.code)), "link_id": str(service.pk), "link_type": "service",
            "link_entity": "service", "taxonomy_term_id": str(term.pk), "value": term.code,
            "taxonomy_term": _term(term)}


def _location(location: Location) -> dict:
    address = []
    if location.address_1:
        address = [_clean({"id": str(uuid.uuid5(location.pk, "address")), "location_id": str(location.pk),
                           "address_1": location.address_1, "city": location.city or "—",
                           "state_province": location.state_province or "—", "postal_code": location.postal_code or "—",
                           "country": location.country, "address_type": "physical"})]
    return _clean({"id": str(location.pk), "location_type": location.location_type, "name": location.name,
                   "organization_id": str(location.organization_id), "description": location.description,
                   "latitude": float(location.latitude) if location.latitude is not None else None,
                   "longitude": float(location.longitude) if location.longitude is not None else None,
                   "addresses": address, "phones": [_phone(phone) for phone in location.phones.all()]})


def _contact(contact: Contact) -> dict:
    return _clean({"id": str(contact.pk), "name": contact.name, "title": contact.title,
                   "department": contact.department, "email": contact.email})


def organization_brief(organization: Organization) -> dict:
    return _clean({"id": str(organization.pk), "name": organization.name, "alternate_name": organization.alternate_name,
                   "description": organization.description or organization.name, "email": organization.email,
                   "website": organization.website, "legal_status": organization.legal_status})


def service_brief(service: Service) -> dict:
    """The one-to-one fields of a service (HSDS ``service_list``)."""
    return _clean({
        "id": str(service.pk), "organization_id": str(service.organization_id), "name": service.name,
        "alternate_name": service.alternate_name, "description": service.description, "url": service.url,
        "email": service.email, "status": service.status, "application_process": service.application_process,
        "fees_description": service.fees_description, "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age, "maximum_age": service.maximum_age,
        "assured_date": _iso(service.assured_date), "assurer_email": service.assurer_email,
        "last_modified": _iso(service.updated_at),
    })


def service_full(service: Service) -> dict:
    """A fully nested service (HSDS ``service``)."""
    return {
        **service_brief(service),
        "organization": organization_brief(service.organization),
        "phones": [_phone(phone) for phone in service.phones.all()],
        "schedules": [_schedule(schedule) for schedule in opening_hours(service)],
        "service_areas": [_clean({"id": str(area.pk), "service_id": str(service.pk), "name": area.name,
                                  "extent_type": "municipality" if area.municipality_id else "regional_unit",
                                  "uri": (area.municipality.slug if area.municipality_id else area.regional_unit.slug)})
                          for area in service.service_areas.all()],
        "service_at_locations": [_clean({"id": str(link.pk), "service_id": str(service.pk),
                                         "location_id": str(link.location_id), "description": link.description,
                                         "location": _location(link.location)})
                                 for link in service.service_at_locations.all()],
        "languages": [{"id": str(uuid.uuid5(service.pk, f"lang:{code}")), "service_id": str(service.pk), "code": code}
                      for code in service.languages],
        "contacts": [_contact(contact) for contact in service.contacts.all()],
        "attributes": [_attribute(service, term) for term in service.categories.all()],
    }


def organization_full(organization: Organization) -> dict:
    """A fully nested organisation (HSDS ``organization``) with its services."""
    return {
        **organization_brief(organization),
        "phones": [_phone(phone) for phone in organization.phones.all()],
        "locations": [_location(location) for location in organization.locations.all()],
        "contacts": [_contact(contact) for contact in organization.contacts.all()],
        "services": [service_full(service) for service in organization.services.all()],
    }


def api_meta() -> dict:
    return {"version": HSDS_VERSION, "profile": PROFILE}


# --- import / export -----------------------------------------------------------------------------

def dataset_export() -> dict:
    """The whole directory as one HSDS dataset: ``organizations`` (each with its services) and the
    ``taxonomies`` with their terms."""
    from .selectors import organization_list

    return {
        "hsds_version": HSDS_VERSION,
        "taxonomies": [{"id": str(taxonomy.pk), "name": taxonomy.name,
                        "description": taxonomy.description or taxonomy.name,
                        "version": taxonomy.version, "terms": [_term(term) for term in taxonomy.terms.all()]}
                       for taxonomy in Taxonomy.objects.prefetch_related("terms")],
        "organizations": [organization_full(organization) for organization in organization_list()],
    }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


class _RecordError(Exception):
    pass


def _uuid(value, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        raise _RecordError(f"{where}: id {value!r} is not a UUID") from None


def _text(record: dict, key: str, where: str, *, required: bool = False, limit: int | None = None) -> str:
    value = record.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _RecordError(f"{where}: {key} must be text")
    if required and not value.strip():
        raise _RecordError(f"{where}: {key} is required")
    if limit and len(value) > limit:
        raise _RecordError(f"{where}: {key} is longer than {limit} characters")
    return value.strip()


def _import_service(record: dict, organization: Organization, where: str, result: ImportResult) -> None:
    if not isinstance(record, dict):
        raise _RecordError(f"{where}: not an object")
    pk = _uuid(record.get("id"), where)
    status = record.get("status", "")
    if status not in Service.Status.values:
        raise _RecordError(f"{where}: status {status!r} is not one of {', '.join(Service.Status.values)}")
    service = Service.objects.filter(pk=pk).first()
    result.updated += bool(service)
    result.created += not service
    service = service or Service(pk=pk)
    service.organization = organization
    service.name = _text(record, "name", where, required=True, limit=200)
    service.status = status
    for key in ("description", "eligibility_description", "application_process", "fees_description"):
        setattr(service, key, _text(record, key, where))
    service.email, service.url = _text(record, "email", where), _text(record, "url", where)
    for key in ("minimum_age", "maximum_age"):
        value = record.get(key)
        if value is not None and not isinstance(value, int | float):
            raise _RecordError(f"{where}: {key} must be a number")
        setattr(service, key, int(value) if value is not None else None)
    assured = record.get("assured_date")
    service.assured_date = datetime.date.fromisoformat(assured[:10]) if assured else None
    service.search_text = service_search_text(service)
    try:
        service.full_clean(exclude=["organization"], validate_constraints=False)
    except ValidationError as exc:
        raise _RecordError(f"{where}: {'; '.join(exc.messages)}") from None
    service.save()
    codes = [attribute.get("taxonomy_term", {}).get("code") or attribute.get("value")
             for attribute in record.get("attributes", []) if isinstance(attribute, dict)]
    ids = [attribute.get("taxonomy_term_id") for attribute in record.get("attributes", [])
           if isinstance(attribute, dict)]
    terms = TaxonomyTerm.objects.filter(code__in=[code for code in codes if code]) | TaxonomyTerm.objects.filter(
        pk__in=[pk for pk in ids if pk and _is_uuid(pk)])
    service.categories.set(terms)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


def dataset_import(data, *, dry_run: bool = False) -> ImportResult:
    """Creates or updates, by id, every organisation of an HSDS dataset (``{"organizations": [...]}``,
    a list of organisations, or one organisation) and their nested services. All or nothing: any
    record with an error, or ``dry_run``, leaves the directory as it was; the errors name each
    record by its position."""
    result = ImportResult()
    if isinstance(data, dict) and "organizations" in data:
        records = data["organizations"]
    elif isinstance(data, dict) and "id" in data and "name" in data:
        records = [data]
    else:
        records = data
    if not isinstance(records, list) or not records:
        result.errors.append("not an HSDS dataset: expected {\"organizations\": [...]} or a list of organizations")
        return result
    with transaction.atomic():
        for index, record in enumerate(records):
            where = f"organizations[{index}]"
            try:
                with transaction.atomic():
                    _import_organization(record, where, result)
            except _RecordError as exc:
                result.errors.append(str(exc))
        if result.errors or dry_run:
            transaction.set_rollback(True)
    return result


def _import_organization(record, where: str, result: ImportResult) -> None:
    if not isinstance(record, dict):
        raise _RecordError(f"{where}: not an object")
    pk = _uuid(record.get("id"), where)
    name = _text(record, "name", where, required=True, limit=200)
    if Organization.objects.filter(name=name).exclude(pk=pk).exists():
        raise _RecordError(f"{where}: another organization is already called {name!r}")
    organization = Organization.objects.filter(pk=pk).first()
    result.updated += bool(organization)
    result.created += not organization
    organization = organization or Organization(pk=pk)
    organization.name = name
    organization.alternate_name = _text(record, "alternate_name", where, limit=120)
    organization.description = _text(record, "description", where)
    organization.email, organization.website = _text(record, "email", where), _text(record, "website", where)
    organization.legal_status = _text(record, "legal_status", where, limit=120)
    organization.search_text = search_form(f"{organization.name} {organization.alternate_name}")
    try:
        organization.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise _RecordError(f"{where}: {'; '.join(exc.messages)}") from None
    organization.save()
    services = record.get("services", [])
    if not isinstance(services, list):
        raise _RecordError(f"{where}: services must be a list")
    for position, service in enumerate(services):
        _import_service(service, organization, f"{where}.services[{position}]", result)
    for position, phone in enumerate(record.get("phones", []) or []):
        if isinstance(phone, dict) and phone.get("number"):
            Phone.objects.update_or_create(pk=_uuid(phone.get("id"), f"{where}.phones[{position}]"),
                                           defaults={"organization": organization, "number": str(phone["number"])[:40]})
    for position, location in enumerate(record.get("locations", []) or []):
        if not isinstance(location, dict):
            continue
        address = (location.get("addresses") or [{}])[0] or {}
        Location.objects.update_or_create(
            pk=_uuid(location.get("id"), f"{where}.locations[{position}]"),
            defaults={"organization": organization, "name": str(location.get("name", ""))[:200],
                      "address_1": str(address.get("address_1", ""))[:200], "city": str(address.get("city", ""))[:80],
                      "postal_code": str(address.get("postal_code", ""))[:10]})


__all__ = ["HSDS_VERSION", "ImportResult", "api_meta", "dataset_export", "dataset_import",
           "organization_brief", "organization_full", "service_brief", "service_full"]
