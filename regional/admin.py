from django.contrib import admin

from .models import Municipality, Region, RegionalUnit, RegionMembership

admin.site.register(Region, list_display=["name", "slug"])
admin.site.register(RegionalUnit, list_display=["name", "region", "slug"])
admin.site.register(Municipality, list_display=["name", "regional_unit", "slug"], search_fields=["name", "slug"])
admin.site.register(RegionMembership, list_display=["user", "region"])
