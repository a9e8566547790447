from django.apps import AppConfig


class PlatformCoreConfig(AppConfig):
    name = "platform_core"
    verbose_name = "Koinotita platform"

    def ready(self) -> None:
        from .dashboard import autodiscover

        autodiscover()
