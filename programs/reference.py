"""Reference data of programmes for a new centre: the programme settings row (absence alert after
3 sessions). The main office comes from casework (``casework.services.sites``)."""

from django.db import connection

from platform_core.reference import reference_loader
from tenants.template import TEMPLATE_SCHEMA


@reference_loader
def programme_settings_ensure() -> None:
    from programs.models import ProgrammeSettings

    if connection.schema_name == TEMPLATE_SCHEMA:
        ProgrammeSettings.objects.all().delete()
        return
    if not ProgrammeSettings.objects.exists():
        ProgrammeSettings.objects.create()
