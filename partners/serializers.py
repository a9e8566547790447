from rest_framework import serializers

from .models import Organization, Service


class OrganizationBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "alternate_name", "website", "email"]


class DirectoryServiceSerializer(serializers.ModelSerializer):
    """A service as the directory search shows it, with how to refer and how fresh the entry is."""

    organization = OrganizationBriefSerializer(read_only=True)
    categories = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    areas = serializers.SerializerMethodField()
    phones = serializers.SerializerMethodField()
    stale = serializers.BooleanField(source="is_stale", read_only=True)

    class Meta:
        model = Service
        fields = ["id", "name", "organization", "status", "description", "eligibility_description",
                  "application_process", "fees_description", "languages", "minimum_age", "maximum_age",
                  "referral_methods", "email", "url", "categories", "areas", "phones", "assured_date", "stale",
                  "updated_at"]

    def get_areas(self, service) -> list[str]:
        return [area.name for area in service.service_areas.all()]

    def get_phones(self, service) -> list[str]:
        return [phone.number for phone in [*service.phones.all(), *service.organization.phones.all()]]
