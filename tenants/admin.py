from django.contrib import admin

from .models import Centre, Domain


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    """Read-only: centres are onboarded and changed through the operator console's services."""

    list_display = ["name", "slug", "municipality", "status", "created_at"]
    list_filter = ["status", "region"]
    search_fields = ["name", "slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Domain, list_display=["domain", "tenant", "is_primary"])
