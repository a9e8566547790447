from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Κοινωνική εργασία")

    def ready(self) -> None:
        # Timeline providers, report sections, demo data and reference-data loaders register themselves on import.
        from . import demo, export_referrals, merge, report_sections, selectors, services  # noqa: F401
