"""Staff roles of a centre, as groups with permissions.

Each app that adds models adds their permissions to ``ROLE_PERMISSIONS`` here; the groups of
every centre follow on the next ``migrate_schemas`` (the reference version changes) and at onboarding.
"""

from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name

from platform_core.reference import reference_loader


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Συντονιστής/τρια")
    SOCIAL_WORKER = "social_worker", _("Κοινωνικός/ή λειτουργός")
    PSYCHOLOGIST = "psychologist", _("Ψυχολόγος")
    RECEPTION = "reception", _("Υποδοχή")
    AUDITOR = "auditor", _("Ελεγκτής/τρια (μόνο ανάγνωση)")


_STAFF_DIRECTORY = ["accounts.view_user"]


def _perms(app: str, verbs: str, *models: str) -> list[str]:
    """``_perms("casework", "view add", "person")`` → ``["casework.view_person", "casework.add_person"]``."""
    return [f"{app}.{verb}_{model}" for model in models for verb in verbs.split()]


# Casework: what each role reads and writes (DOMAIN.md). Deletions are the coordinator's.
_CASE_RECORDS = ("person", "household", "householdmember", "receptioncontact", "case", "pathwayplan",
                 "pathwaygoal", "pathwaystep", "contactnote", "assessment", "benefitapplication",
                 "aideligibility", "aidround", "aidreceipt", "document", "participantrecord",
                 "consent", "referral", "incomingreferral")
_CASEWORK_READ = _perms("casework", "view", *_CASE_RECORDS, "kearule", "aidthreshold")
_CASEWORK_WORK = [*_CASEWORK_READ, *_perms("casework", "add change", *_CASE_RECORDS),
                  "casework.export_person", "casework.decide_incomingreferral"]
# Centre reports (aggregates): the coordinator reads and generates them, the auditor reads them.
_REPORTS_READ = ["notifications.view_report"]

# Notifications: everyone who works with people schedules and reads reminders (their own, or all
# with view_all_reminders) and records opt-outs; the coordinator also sets the quiet hours.
_REMINDERS_READ = [*_perms("notifications", "view", "reminder", "deliveryattempt", "channeloptout")]
_REMINDERS_WORK = [*_REMINDERS_READ, *_perms("notifications", "add change", "reminder"),
                   *_perms("notifications", "add delete", "channeloptout")]

# Programmes, sessions, enrolments, attendance and appointments (and the sites they happen at):
# social workers and psychologists run them; reception books appointments, enrols and marks
# attendance; the coordinator also keeps the sites, closure days and settings; the auditor reads.
_PROGRAMME_RECORDS = ("programme", "session", "enrolment", "attendance", "appointment")
_PROGRAMMES_READ = [*_perms("programs", "view", *_PROGRAMME_RECORDS, "closureday"),
                    *_perms("casework", "view", "site", "room")]
_PROGRAMMES_WORK = [*_PROGRAMMES_READ, *_perms("programs", "add change", *_PROGRAMME_RECORDS)]
_PROGRAMMES_RECEPTION = [*_PROGRAMMES_READ, *_perms("programs", "add change", "enrolment", "attendance", "appointment")]
_PROGRAMMES_COORDINATION = [*_PROGRAMMES_WORK, *_perms("programs", "delete", *_PROGRAMME_RECORDS),
                            *_perms("programs", "add change delete", "closureday"),
                            *_perms("programs", "view change", "programmesettings"),
                            *_perms("casework", "add change delete", "site", "room")]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.COORDINATOR: [*_STAFF_DIRECTORY, "accounts.add_user", "accounts.change_user", "accounts.manage_staff",
                       "accounts.export_centre",
                       *_CASEWORK_WORK, *_perms("casework", "delete", *_CASE_RECORDS),
                       *_perms("casework", "add change delete", "aidthreshold"),
                       "casework.view_sensitive_note", "casework.view_access_log", "casework.merge_person",
                       "casework.import_records",
                       *_REPORTS_READ, "notifications.add_report",
                       *_REMINDERS_WORK, "notifications.view_all_reminders", "notifications.delete_reminder",
                       *_perms("notifications", "view change", "notificationsettings"),
                       *_PROGRAMMES_COORDINATION],
    Role.SOCIAL_WORKER: [*_STAFF_DIRECTORY, *_CASEWORK_WORK, *_REMINDERS_WORK, *_PROGRAMMES_WORK],
    Role.PSYCHOLOGIST: [*_STAFF_DIRECTORY, *_CASEWORK_WORK, "casework.view_sensitive_note", *_REMINDERS_WORK,
                        *_PROGRAMMES_WORK],
    Role.RECEPTION: [*_STAFF_DIRECTORY,
                     *_perms("casework", "view", "person", "household", "householdmember", "receptioncontact",
                             "case", "aidround", "aidreceipt", "aideligibility", "document", "consent",
                             "incomingreferral"),
                     *_perms("casework", "add change", "person", "household", "householdmember",
                             "receptioncontact", "aidreceipt", "document"),
                     # Consent is offered at registration; a partner's referral is logged at the desk.
                     "casework.add_consent", "casework.add_incomingreferral",
                     *_REMINDERS_READ, "notifications.add_reminder", "notifications.add_channeloptout",
                     *_PROGRAMMES_RECEPTION],
    Role.AUDITOR: [*_STAFF_DIRECTORY, *_CASEWORK_READ, *_REPORTS_READ, *_REMINDERS_READ,
                   "notifications.view_all_reminders", *_PROGRAMMES_READ, "programs.view_programmesettings"],
}


@reference_loader
def roles_sync() -> None:
    """Creates the role groups of the current centre schema and sets their permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = Permission.objects.none()
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, app_config=None, **kwargs) -> None:
    # post_migrate is sent once per app, after that app's permissions exist: act on the last
    # app's signal, when every permission does, and only in centre schemas. Only when
    # migrate_schemas runs stock (MIGRATE_SKIP_CURRENT=0): otherwise it re-syncs the schemas
    # whose recorded reference version is stale itself, once, after migrating (tenants/migrate.py).
    from django.apps import apps
    from django.conf import settings

    if getattr(settings, "MIGRATE_SKIP_CURRENT", True):
        return
    if app_config is None or app_config != list(apps.get_app_configs())[-1]:
        return
    if connection.schema_name == get_public_schema_name():
        return
    roles_sync()
