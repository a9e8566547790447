"""Operator API shapes."""

from rest_framework import serializers

from .models import Centre, CentreExport
from .services import centre_url


class CentreOutputSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    domain = serializers.CharField(source="primary_domain_name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Centre
        fields = ["id", "slug", "name", "municipality", "region", "espa_mis_code", "status", "domain", "url",
                  "created_at", "status_changed_at", "deleted_at"]

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


class CentreExportSerializer(serializers.ModelSerializer):
    centre = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CentreExport
        fields = ["id", "centre", "centre_slug", "status", "requested_by", "created_at", "finished_at", "size_bytes",
                  "sha256", "summary"]
        read_only_fields = fields


class CentreRestoreSerializer(serializers.Serializer):
    slug = serializers.CharField(max_length=41, help_text="the new centre's slug (schema and sub-domain)")


class CentreDeleteSerializer(serializers.Serializer):
    confirmation = serializers.CharField(max_length=41, required=False, allow_blank=True, default="",
                                         help_text="the centre's slug, typed (delete only)")


class CentreHealthSerializer(serializers.Serializer):
    """Counts and sizes of one centre, never a record."""

    centre = serializers.UUIDField(source="centre.pk")
    slug = serializers.CharField(source="centre.slug")
    status = serializers.CharField(source="centre.status")
    computed_at = serializers.DateTimeField(source="health.computed_at", allow_null=True, default=None)
    figures = serializers.DictField(child=serializers.IntegerField())
    last_staff_login = serializers.DateTimeField(source="health.last_staff_login", allow_null=True, default=None)
    schema_bytes = serializers.IntegerField(source="health.schema_bytes", allow_null=True, default=None)
    media_bytes = serializers.IntegerField(source="health.media_bytes", allow_null=True, default=None)
    last_export_at = serializers.DateTimeField(source="last_export.created_at", allow_null=True, default=None)
    last_restore_drill_at = serializers.DateTimeField(source="drill.finished_at", allow_null=True, default=None)
    last_restore_drill_status = serializers.CharField(source="drill.status", allow_null=True, default=None)
    last_rollup_at = serializers.DateTimeField(source="rollup.finished_at", allow_null=True, default=None)
    last_rollup_status = serializers.CharField(source="rollup.status", allow_null=True, default=None)
