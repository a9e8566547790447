"""Every write to a centre's lifecycle: onboarding, suspension, reactivation, archiving, deletion.
(Its archive — export, restore, restore drill — is ``tenants.archive``.)"""

import logging
import re
import shutil
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create, staff_validate
from platform_core.reference import reference_data_load
from regional.models import Municipality, Region

from .migrate import reference_state_record
from .models import Centre, CentreEvent, CentreExport, CentreHealth, Domain, ReferenceState
from .routing import centre_routing_cache_clear
from .template import centre_schema_create

logger = logging.getLogger(__name__)

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
RESERVED_SLUGS = frozenset(
    {"public", "www", "api", "admin", "operator", "region", "static", "media", "information_schema"}
)


@dataclass(frozen=True)
class OnboardedCentre:
    centre: Centre
    url: str
    admin_username: str | None


def centre_url(centre: Centre) -> str:
    port = f":{settings.PLATFORM_PORT}" if settings.PLATFORM_PORT else ""
    return f"{settings.PLATFORM_SCHEME}://{centre.primary_domain_name}{port}/"


def centre_domain_name(slug: str) -> str:
    return f"{slug}.{settings.PLATFORM_DOMAIN}"


def schema_name_for(slug: str) -> str:
    return slug.replace("-", "_")


def public_tenant_ensure() -> Centre:
    """The public tenant and its domain PLATFORM_DOMAIN, created on first need."""
    public, _created = Centre.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={"slug": get_public_schema_name(), "name": "Koinotita"},
    )
    Domain.objects.get_or_create(domain=settings.PLATFORM_DOMAIN, defaults={"tenant": public, "is_primary": True})
    return public


def public_tenant_ensure_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connection

    if connection.schema_name == get_public_schema_name():
        public_tenant_ensure()


def _slug_errors(slug: str) -> list[str]:
    if not slug:
        return [_("Το αναγνωριστικό είναι υποχρεωτικό.")]
    if not SLUG_RE.match(slug):
        return [_("Το αναγνωριστικό πρέπει να ξεκινά με λατινικό πεζό γράμμα και να έχει 2–41 "
                  "χαρακτήρες: λατινικά πεζά, ψηφία ή παύλα (π.χ. «apokoronas»).")]
    # The schema name counts too: "information-schema" would be the schema information_schema.
    schema = schema_name_for(slug)
    if slug in RESERVED_SLUGS or schema in RESERVED_SLUGS or schema.startswith("pg_"):
        return [_("Το αναγνωριστικό «%(slug)s» είναι δεσμευμένο.") % {"slug": slug}]
    return []


def _resolve_municipality(region: Region | None, municipality: str) -> Municipality | None:
    if region is None or not municipality:
        return None
    return (
        Municipality.objects.filter(regional_unit__region=region)
        .filter(Q(slug=municipality) | Q(name__iexact=municipality))
        .first()
    )


def slug_errors(slug: str, *, check_existing: bool = True) -> dict[str, list[str]]:
    """The errors of ``slug`` for a new centre, by field (``slug``, ``domain``); empty if none."""
    errors: dict[str, list[str]] = {}
    found = _slug_errors(slug)
    if not found and check_existing:
        if Centre.objects.filter(Q(slug=slug) | Q(schema_name=schema_name_for(slug))).exists() or schema_exists(
            schema_name_for(slug)
        ):
            found.append(_("Υπάρχει ήδη κέντρο με αναγνωριστικό «%(slug)s».") % {"slug": slug})
        elif Domain.objects.filter(domain=centre_domain_name(slug)).exists():
            errors["domain"] = [_("Το όνομα τομέα %(domain)s χρησιμοποιείται ήδη.")
                                % {"domain": centre_domain_name(slug)}]
    if found:
        errors["slug"] = found
    return errors


def centre_validate(*, slug: str, name: str, municipality: str, region: str,
                    admin_email: str | None = None, admin_password: str | None = None) -> dict:
    """Checks every input of onboarding before anything is written; raises ValidationError with
    every field's errors at once. Returns the resolved region and municipality."""
    errors = slug_errors(slug)
    if not (name or "").strip():
        errors["name"] = [_("Η επίσημη ονομασία είναι υποχρεωτική.")]
    region_obj = Region.objects.filter(slug=region).first() if region else None
    if region_obj is None:
        known = ", ".join(Region.objects.order_by("slug").values_list("slug", flat=True))
        errors["region"] = [_("Άγνωστη περιφέρεια «%(region)s». Γνωστές: %(known)s.")
                            % {"region": region or "", "known": known or "—"}]
    municipality_obj = _resolve_municipality(region_obj, municipality)
    if region_obj is not None and municipality_obj is None:
        errors["municipality"] = [_("Άγνωστος δήμος «%(m)s» στην περιφέρεια %(region)s.")
                                  % {"m": municipality or "", "region": region_obj.name}]
    if admin_email or admin_password:
        errors.update(staff_validate(email=admin_email or "", password=admin_password or "",
                                     field_prefix="admin_", check_existing=False))
    if errors:
        raise ValidationError(errors)
    return {"region": region_obj, "municipality": municipality_obj}


def centre_create(*, slug: str, name: str, municipality: str, region: str, espa_mis_code: str = "",
                  admin_email: str | None = None, admin_password: str | None = None) -> OnboardedCentre:
    """Onboards a centre in one step: row, domain, schema with every migration, reference data
    and first coordinator. PostgreSQL's transactional DDL makes it all or nothing."""
    slug = (slug or "").strip()
    resolved = centre_validate(slug=slug, name=name, municipality=municipality, region=region,
                               admin_email=admin_email, admin_password=admin_password)
    public_tenant_ensure()
    with transaction.atomic():
        centre = Centre(
            schema_name=schema_name_for(slug), slug=slug, name=name.strip(),
            espa_mis_code=(espa_mis_code or "").strip(), **resolved,
        )
        centre.full_clean()
        centre.save()
        Domain.objects.create(domain=centre_domain_name(slug), tenant=centre, is_primary=True)
        centre_schema_create(centre=centre)
        with schema_context(centre.schema_name):
            reference_data_load()
            admin = None
            if admin_email:
                admin = staff_create(email=admin_email, password=admin_password, role=Role.COORDINATOR,
                                     must_complete_setup=True)
        reference_state_record(schema=centre.schema_name)
    logger.info("centre created", extra={"centre": centre.slug})
    return OnboardedCentre(centre=centre, url=centre_url(centre), admin_username=admin.username if admin else None)


def _centre_event(*, centre: Centre, action: str, by_id: str = "", **details) -> None:
    CentreEvent.objects.create(centre_id_value=centre.pk, centre_slug=centre.slug, action=action, by_id=by_id,
                               details=details)


def _centre_set_status(*, centre: Centre, status: str, allowed_from: set[str], by_id: str = "") -> Centre:
    if centre.is_public:
        raise ValidationError({"status": _("Ο δημόσιος χώρος της πλατφόρμας δεν είναι κέντρο.")})
    if centre.deleted_at is not None:
        raise ValidationError({"status": _("Το κέντρο έχει διαγραφεί.")})
    if centre.status not in allowed_from:
        raise ValidationError({"status": _("Το κέντρο είναι «%(current)s»· η αλλαγή δεν επιτρέπεται.")
                               % {"current": centre.get_status_display()}})
    with transaction.atomic():
        centre.status, centre.status_changed_at = status, timezone.now()
        centre.save(update_fields=["status", "status_changed_at"])
        _centre_event(centre=centre, action=status, by_id=by_id)
        # Now for this process's next request, and again once committed (a request in between
        # may have cached the old status).
        centre_routing_cache_clear()
        transaction.on_commit(centre_routing_cache_clear)
    logger.info("centre status changed", extra={"centre": centre.slug, "status": status})
    return centre


def centre_suspend(*, centre: Centre, by_id: str = "", confirmation: str = "") -> Centre:
    return _centre_set_status(centre=centre, status=Centre.Status.SUSPENDED, allowed_from={Centre.Status.ACTIVE},
                              by_id=by_id)


def centre_reactivate(*, centre: Centre, by_id: str = "", confirmation: str = "") -> Centre:
    return _centre_set_status(centre=centre, status=Centre.Status.ACTIVE, allowed_from={Centre.Status.SUSPENDED},
                              by_id=by_id)


def centre_archive(*, centre: Centre, by_id: str = "", confirmation: str = "") -> Centre:
    """Archived: nobody signs in, no job runs for it; its data stays, read-only, for the operator's
    export (and, once exported, its deletion)."""
    return _centre_set_status(centre=centre, status=Centre.Status.ARCHIVED,
                              allowed_from={Centre.Status.ACTIVE, Centre.Status.SUSPENDED}, by_id=by_id)


def centre_delete(*, centre: Centre, by_id: str = "", confirmation: str = "") -> Centre:
    """Deletes an archived centre's data for good: its schema, domains, media folder, health
    snapshot and reference state, and this process's cached routes. Only once a ready export of it
    exists (its file on disk) and with its slug typed as ``confirmation``; logged in public. The
    centre's row stays, archived with ``deleted_at``: other centres' referrals and consents and the
    region's published history refer to it, and its exports stay restorable."""
    from .archive import centre_media_root, export_file

    if centre.is_public:
        raise ValidationError({"status": _("Ο δημόσιος χώρος της πλατφόρμας δεν είναι κέντρο.")})
    if centre.deleted_at is not None:
        raise ValidationError({"status": _("Το κέντρο έχει ήδη διαγραφεί.")})
    if centre.status != Centre.Status.ARCHIVED:
        raise ValidationError({"status": _("Διαγράφεται μόνο αρχειοθετημένο κέντρο.")})
    exports = CentreExport.objects.filter(centre=centre, status=CentreExport.Status.READY).order_by("-created_at")
    kept = next((export for export in exports if export_file(export).is_file()), None)
    if kept is None:
        raise ValidationError({"export": _("Δεν υπάρχει ολοκληρωμένη εξαγωγή του κέντρου· κάντε πρώτα εξαγωγή.")})
    if (confirmation or "").strip() != centre.slug:
        raise ValidationError({"confirmation": _("Πληκτρολογήστε το αναγνωριστικό «%(slug)s» για επιβεβαίωση.")
                               % {"slug": centre.slug}})
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(centre.schema_name)} CASCADE")
        Domain.objects.filter(tenant=centre).delete()
        CentreHealth.objects.filter(centre=centre).delete()
        ReferenceState.objects.filter(schema_name=centre.schema_name).delete()
        centre.deleted_at = timezone.now()
        centre.save(update_fields=["deleted_at"])
        _centre_event(centre=centre, action="deleted", by_id=by_id, export=str(kept.pk))
        centre_routing_cache_clear()
        transaction.on_commit(centre_routing_cache_clear)
        media = centre_media_root(centre.schema_name)
        transaction.on_commit(lambda: shutil.rmtree(media, ignore_errors=True))
    logger.info("centre deleted", extra={"centre": centre.slug})
    return centre


# The lifecycle verbs the operator console and API offer, by the name in their URLs. Each takes
# the centre, the acting operator's id and, where the verb asks for one, the typed confirmation.
CENTRE_LIFECYCLE = {"suspend": centre_suspend, "reactivate": centre_reactivate, "archive": centre_archive,
                    "delete": centre_delete}
