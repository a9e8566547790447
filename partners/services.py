"""Writes to the shared service directory (public schema): entries, their freshness, and the
proposals centre staff send to the directory's editors (operators and region users)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.text import search_form
from regional.models import Region

from .models import DirectoryProposal, Location, Organization, Phone, Schedule, Service, ServiceArea, TaxonomyTerm


def organization_search_text(organization: Organization) -> str:
    return search_form(f"{organization.name} {organization.alternate_name}")


def service_search_text(service: Service) -> str:
    return search_form(f"{service.name} {service.alternate_name} {service.description} "
                       f"{service.organization.name} {service.organization.alternate_name}")


def _save_if_changed(obj, wanted: dict, created: bool) -> bool:
    changed = [field for field, value in wanted.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, wanted[field])
    if created or changed:
        obj.full_clean(validate_constraints=False)
        obj.save()
    return bool(created or changed)


@transaction.atomic
def organization_upsert(*, name: str, alternate_name: str = "", description: str = "", email: str = "",
                        website: str = "", legal_status: str = "", regions: Iterable[Region] = (),
                        is_active: bool = True, assured_date=None) -> Organization:
    """Makes the organisation named ``name`` look like the arguments, creating it if needed; saved
    only when something differs, so repeating it changes nothing (not even ``updated_at``)."""
    name = name.strip()
    organization = Organization.objects.select_for_update().filter(name=name).first()
    created = organization is None
    organization = organization or Organization(name=name)
    wanted = {"alternate_name": alternate_name.strip(), "description": description.strip(), "email": email.strip(),
              "website": website.strip(), "legal_status": legal_status, "is_active": is_active,
              "search_text": search_form(f"{name} {alternate_name}")}
    if assured_date is not None or created:
        wanted["assured_date"] = assured_date
    _save_if_changed(organization, wanted, created)
    organization.regions.set(regions)
    return organization


@transaction.atomic
def service_upsert(*, organization: Organization, name: str, description: str = "", status: str = Service.Status.ACTIVE,
                   categories: Iterable[str] = (), referral_methods: Iterable[str] = (), email: str = "",
                   url: str = "", eligibility_description: str = "", application_process: str = "",
                   fees_description: str = "", languages: Iterable[str] = ("el",), minimum_age: int | None = None,
                   maximum_age: int | None = None, areas: Iterable = (), phone: str = "",
                   hours: Iterable[tuple[str, str, str]] = (), assured_date=None) -> Service:
    """The service ``name`` of ``organization`` as described (idempotent like ``organization_upsert``).
    ``areas``: regional units or municipalities; ``hours``: (weekday, opens, closes)."""
    service = Service.objects.select_for_update().filter(organization=organization, name=name).first()
    created = service is None
    service = service or Service(organization=organization, name=name)
    wanted = {"description": description, "status": status, "referral_methods": list(referral_methods),
              "email": email, "url": url, "eligibility_description": eligibility_description,
              "application_process": application_process, "fees_description": fees_description,
              "languages": list(languages), "minimum_age": minimum_age, "maximum_age": maximum_age}
    if assured_date is not None or created:
        wanted["assured_date"] = assured_date
    service.organization = organization
    wanted["search_text"] = search_form(f"{name} {description} {organization.name} {organization.alternate_name}")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise ValidationError({"maximum_age": _("Η μέγιστη ηλικία είναι μικρότερη από την ελάχιστη.")})
    _save_if_changed(service, wanted, created)
    service.categories.set(TaxonomyTerm.objects.filter(code__in=list(categories)))
    if created:
        for area in areas:
            if area._meta.model_name == "municipality":
                ServiceArea.objects.create(service=service, regional_unit=area.regional_unit, municipality=area)
            else:
                ServiceArea.objects.create(service=service, regional_unit=area)
        if phone:
            Phone.objects.create(service=service, number=phone, type="voice")
        for byday, opens, closes in hours:
            Schedule.objects.create(service=service, byday=byday, opens_at=opens, closes_at=closes)
    return service


@transaction.atomic
def entry_assure(*, organization: Organization, by) -> Organization:
    """An editor confirms the organisation and its services are as the directory says, today."""
    today = timezone.localdate()
    Organization.objects.filter(pk=organization.pk).update(assured_date=today)
    organization.services.update(assured_date=today, assurer_email=getattr(by, "email", "") or "")
    organization.refresh_from_db()
    return organization


# --- editors' changes --------------------------------------------------------------------------

ORGANIZATION_EDIT_FIELDS = ("name", "alternate_name", "description", "email", "website", "legal_status", "is_active")
SERVICE_EDIT_FIELDS = ("name", "alternate_name", "description", "status", "url", "email", "eligibility_description",
                       "application_process", "fees_description", "minimum_age", "maximum_age", "referral_methods")


def _edit(obj, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({name: [_("Το πεδίο δεν αλλάζει από εδώ.")] for name in sorted(unknown)})
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def organization_edit(*, organization: Organization, by, **fields) -> Organization:
    """An editor corrects an organisation; the entry counts as confirmed today."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    _edit(organization, fields, ORGANIZATION_EDIT_FIELDS)
    if Organization.objects.filter(name=organization.name).exclude(pk=organization.pk).exists():
        raise ValidationError({"name": [_("Υπάρχει ήδη φορέας με αυτή την επωνυμία.")]})
    organization.search_text = search_form(f"{organization.name} {organization.alternate_name}")
    organization.assured_date = timezone.localdate()
    organization.full_clean(validate_constraints=False)
    organization.save()
    for service in organization.services.all():  # their search text carries the organisation's names
        service.search_text = _service_search_text(service)
        service.save(update_fields=["search_text", "updated_at"])
    return organization


def _service_search_text(service: Service) -> str:
    organization = service.organization
    return search_form(f"{service.name} {service.description} {organization.name} {organization.alternate_name}")


@transaction.atomic
def service_edit(*, service: Service, by, categories: Iterable[TaxonomyTerm] | None = None, **fields) -> Service:
    """An editor corrects a service (and its categories); confirmed today by the editor."""
    service = Service.objects.select_for_update().select_related("organization").get(pk=service.pk)
    _edit(service, fields, SERVICE_EDIT_FIELDS)
    if (service.minimum_age is not None and service.maximum_age is not None
            and service.minimum_age > service.maximum_age):
        raise ValidationError({"maximum_age": [_("Η μέγιστη ηλικία είναι μικρότερη από την ελάχιστη.")]})
    if Service.objects.filter(organization=service.organization, name=service.name).exclude(pk=service.pk).exists():
        raise ValidationError({"name": [_("Ο φορέας έχει ήδη υπηρεσία με αυτό το όνομα.")]})
    service.search_text = _service_search_text(service)
    service.assured_date = timezone.localdate()
    service.assurer_email = getattr(by, "email", "") or ""
    service.full_clean(validate_constraints=False)
    service.save()
    if categories is not None:
        service.categories.set(categories)
    return service


# --- proposals from centre staff ---------------------------------------------------------------

_FACT_FIELDS = (*DirectoryProposal.ORGANIZATION_FIELDS, *DirectoryProposal.SERVICE_FIELDS)


@transaction.atomic
def proposal_create(*, kind: str, facts: dict, centre_slug: str, staff, organization: Organization | None = None,
                    service: Service | None = None, note: str = "") -> DirectoryProposal:
    """A centre's staff member proposes a new entry (``facts`` name it) or a correction of
    ``organization``/``service``. Only directory facts are kept, and the proposer by centre slug,
    staff id and display name: the public schema holds nothing about a person served."""
    facts = {key: str(value).strip() for key, value in facts.items() if key in _FACT_FIELDS and str(value).strip()}
    if kind == DirectoryProposal.Kind.NEW and not facts.get("organization_name"):
        raise ValidationError({"organization_name": _("Συμπληρώστε την επωνυμία του φορέα.")})
    if kind == DirectoryProposal.Kind.CORRECTION:
        if organization is None and service is None:
            raise ValidationError({"organization": _("Επιλέξτε την καταχώριση που διορθώνετε.")})
        if not facts and not note.strip():
            raise ValidationError({"note": _("Γράψτε τι πρέπει να διορθωθεί.")})
    if service is not None and organization is None:
        organization = service.organization
    proposal = DirectoryProposal(
        kind=kind, facts=facts, note=note.strip(), organization=organization, service=service,
        proposer_centre=centre_slug, proposer_staff_id=staff.pk,
        proposer_name=(staff.get_full_name() or staff.get_username())[:160])
    proposal.full_clean()
    proposal.save()
    return proposal


def _pending(proposal: DirectoryProposal) -> DirectoryProposal:
    proposal = DirectoryProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != DirectoryProposal.Status.PENDING:
        raise ValidationError({"status": _("Η πρόταση έχει ήδη κριθεί.")})
    return proposal


@transaction.atomic
def proposal_approve(*, proposal: DirectoryProposal, by) -> DirectoryProposal:
    """Applies the proposal's facts to the directory (a new organisation and service, or the
    corrected fields) and marks it approved; the entry counts as confirmed today."""
    proposal = _pending(proposal)
    facts, today = proposal.facts, timezone.localdate()
    organization = proposal.organization
    if organization is None:
        name = facts.get("organization_name", "")
        if Organization.objects.filter(name=name).exists():
            raise ValidationError({"organization_name": _("Υπάρχει ήδη φορέας με αυτή την επωνυμία.")})
        organization = Organization(name=name)
    for fact, field in (("organization_name", "name"), ("organization_description", "description"),
                        ("website", "website"), ("email", "email")):
        if facts.get(fact):
            setattr(organization, field, facts[fact])
    organization.assured_date = today
    organization.search_text = organization_search_text(organization)
    organization.full_clean(validate_constraints=False)
    organization.save()
    if facts.get("phone"):
        Phone.objects.get_or_create(organization=organization, number=facts["phone"], defaults={"type": "voice"})
    service = proposal.service
    if service is None and facts.get("service_name"):
        service = Service.objects.filter(organization=organization, name=facts["service_name"]).first() or Service(
            organization=organization, name=facts["service_name"])
    if service is not None:
        for fact, field in (("service_name", "name"), ("service_description", "description"),
                            ("eligibility_description", "eligibility_description"),
                            ("application_process", "application_process")):
            if facts.get(fact):
                setattr(service, field, facts[fact])
        service.assured_date = today
        service.search_text = service_search_text(service)
        service.full_clean(validate_constraints=False)
        service.save()
    proposal.organization, proposal.service = organization, service
    proposal.status, proposal.decided_by, proposal.decided_at = DirectoryProposal.Status.APPROVED, by, timezone.now()
    proposal.save(update_fields=["organization", "service", "status", "decided_by", "decided_at", "updated_at"])
    return proposal


@transaction.atomic
def proposal_reject(*, proposal: DirectoryProposal, by, reason: str) -> DirectoryProposal:
    if not (reason or "").strip():
        raise ValidationError({"decision_reason": _("Γράψτε τον λόγο της απόρριψης.")})
    proposal = _pending(proposal)
    proposal.status, proposal.decided_by, proposal.decided_at = DirectoryProposal.Status.REJECTED, by, timezone.now()
    proposal.decision_reason = reason.strip()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"])
    return proposal


def location_add(*, organization: Organization, address_1: str, city: str = "", postal_code: str = "",
                 name: str = "") -> Location:
    location = Location(organization=organization, address_1=address_1, city=city, postal_code=postal_code,
                        name=name)
    location.full_clean()
    location.save()
    return location
