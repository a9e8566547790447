from django.contrib import admin

from .models import DirectoryProposal, Location, Organization, Phone, Schedule, Service, ServiceArea, TaxonomyTerm


class ServiceInline(admin.StackedInline):
    model = Service
    extra = 0
    filter_horizontal = ["categories"]


class LocationInline(admin.StackedInline):
    model = Location
    extra = 0


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0
    fields = ["number", "type", "description"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "alternate_name", "is_active", "assured_date"]
    list_filter = ["is_active", "regions"]
    search_fields = ["name", "alternate_name"]
    filter_horizontal = ["regions"]
    inlines = [ServiceInline, LocationInline, PhoneInline]


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0
    fields = ["byday", "opens_at", "closes_at", "description"]


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "assured_date"]
    list_filter = ["status", "categories"]
    search_fields = ["name", "organization__name"]
    filter_horizontal = ["categories"]
    inlines = [ScheduleInline, ServiceAreaInline]


admin.site.register(TaxonomyTerm)
admin.site.register(DirectoryProposal)
