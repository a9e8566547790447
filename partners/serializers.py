from rest_framework import serializers

from .models import Partner


class PartnerOutputSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Partner
        fields = ["id", "name", "short_name", "kind", "description", "regions", "address", "phone", "email",
                  "website"]
