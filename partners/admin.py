from django.contrib import admin

from .models import Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active"]
    list_filter = ["kind", "is_active", "regions"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["regions"]
