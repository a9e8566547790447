"""Operator API shapes."""

from rest_framework import serializers

from .models import Centre
from .services import centre_url


class CentreOutputSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    domain = serializers.CharField(source="primary_domain_name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Centre
        fields = ["id", "slug", "name", "municipality", "region", "espa_mis_code", "status", "domain", "url",
                  "created_at", "status_changed_at"]

    def get_url(self, centre: Centre) -> str:
        return centre_url(centre)


class CentreCreateSerializer(serializers.Serializer):
    slug = serializers.CharField(max_length=41)
    name = serializers.CharField(max_length=200)
    municipality = serializers.CharField(help_text="municipality slug or name")
    region = serializers.CharField(help_text="region slug, e.g. crete")
    espa_mis_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    admin_email = serializers.EmailField(required=False)
    admin_password = serializers.CharField(required=False, write_only=True, trim_whitespace=False)
