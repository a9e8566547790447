"""Input and output of the region API (field names: DESIGN.md, region/indicators/)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from .indicators import UNITS, indicator_get
from .models import RegionalUnit
from .periods import period_parse


class IndicatorQuerySerializer(serializers.Serializer):
    indicator = serializers.CharField(required=False)
    period = serializers.CharField(required=False, help_text="YYYY-MM, YYYY-Qn or YYYY")
    unit = serializers.CharField(required=False, help_text="a regional unit's slug")
    centre = serializers.CharField(required=False, help_text="a centre's slug")
    breakdown = serializers.CharField(required=False, allow_blank=True,
                                      help_text='"" for the totals, or dimension=value, e.g. gender=women')

    def __init__(self, *args, region, centres: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.region, self.centres = region, centres

    def validate_indicator(self, value):
        if indicator_get(value) is None:
            raise serializers.ValidationError(_("Άγνωστος δείκτης «%(code)s».") % {"code": value})
        return value

    def validate_period(self, value):
        try:
            period = period_parse(value)
        except ValueError:
            raise serializers.ValidationError(
                _("Άγνωστη περίοδος «%(code)s»: ΕΕΕΕ-ΜΜ, ΕΕΕΕ-Qn ή ΕΕΕΕ.") % {"code": value}) from None
        if period.is_future():
            raise serializers.ValidationError(_("Η περίοδος %(code)s δεν έχει αρχίσει ακόμη.") % {"code": value})
        return period.code

    def validate_unit(self, value):
        unit = RegionalUnit.objects.filter(region=self.region, slug=value).first()
        if unit is None:
            raise serializers.ValidationError(_("Άγνωστη περιφερειακή ενότητα «%(unit)s».") % {"unit": value})
        return unit

    def validate_centre(self, value):
        if value not in self.centres:
            raise serializers.ValidationError(_("Άγνωστο κέντρο «%(centre)s».") % {"centre": value})
        return value

    def validate(self, attrs):
        code, breakdown = attrs.get("indicator"), attrs.get("breakdown")
        if code and breakdown and breakdown not in indicator_get(code).breakdown_keys():
            raise serializers.ValidationError({"breakdown": [
                _("Ο δείκτης δεν έχει ανάλυση «%(breakdown)s».") % {"breakdown": breakdown}]})
        return attrs


class IndicatorValueSerializer(serializers.Serializer):
    centre = serializers.SerializerMethodField(help_text="slug; null on regional-unit and region totals")
    regional_unit = serializers.SerializerMethodField(help_text="slug; null on the region's totals")
    period = serializers.CharField()
    indicator = serializers.CharField()
    breakdown = serializers.CharField(help_text='"" for the total, otherwise dimension=value')
    value = serializers.IntegerField(allow_null=True, help_text="null when suppressed")
    suppressed = serializers.BooleanField()

    def get_centre(self, row) -> str | None:
        return row.centre.slug if row.centre_id else None

    def get_regional_unit(self, row) -> str | None:
        return row.regional_unit.slug if row.regional_unit_id else None


class CatalogueEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.SerializerMethodField()
    unit = serializers.ChoiceField(choices=UNITS)
    breakdowns = serializers.SerializerMethodField()

    def get_label(self, item) -> str:
        return str(item.label)

    def get_breakdowns(self, item) -> list[str]:
        return item.breakdown_keys()[1:]
