from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Προγράμματα και ημερολόγιο")

    def ready(self) -> None:
        # Timeline and summary providers, export and report sections, merge references, demo and reference data
        # register on import.
        from . import demo, export, merge, reference, reminders, report_sections, summary, timeline  # noqa: F401
