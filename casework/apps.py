from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Κοινωνική εργασία")

    def ready(self) -> None:
        # Timeline providers, report sections, demo data, reference-data loaders and the reminders' whose
        # paths register themselves on import.
        from . import demo, export_referrals, merge, reminders, report_sections, selectors, services  # noqa: F401
