from django.apps import AppConfig


class PlatformCoreConfig(AppConfig):
    name = "platform_core"
    verbose_name = "Koinotita platform"

    def ready(self) -> None:
        from . import db  # noqa: F401 -- registers the ``any_of`` lookup
        from . import sessions  # noqa: F401  (its user_logged_in receiver starts the session clocks)
        from .dashboard import autodiscover

        autodiscover()
