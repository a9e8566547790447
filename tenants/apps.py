from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Centres"

    def ready(self):
        from .services import public_tenant_ensure_after_migrate

        # `migrate_schemas --shared` on a fresh database leaves the public site reachable.
        post_migrate.connect(public_tenant_ensure_after_migrate, sender=self, dispatch_uid="tenants.public")
