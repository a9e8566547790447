from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "platform_core.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from .permission_cache import permission_signals_connect
        from .roles import sync_roles_after_migrate

        # Cached permission sets become obsolete whenever roles or memberships change.
        permission_signals_connect()

        # Django creates permissions on post_migrate; the role groups follow them in each centre.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
