"""Region API (public host, region users' tokens): the published indicators of the user's own
region, and the catalogue of indicators."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView

from platform_core.permissions import IsRegionUser, region_of

from . import selectors
from .forms import default_period
from .indicators import indicators
from .models import PublishedIndicatorValue
from .serializers import CatalogueEntrySerializer, IndicatorQuerySerializer, IndicatorValueSerializer

QUERY = [
    OpenApiParameter("indicator", str, description="indicator code (see catalogue/)"),
    OpenApiParameter("period", str, description="YYYY-MM, YYYY-Qn or YYYY; default: the last complete month"),
    OpenApiParameter("unit", str, description="regional unit slug"),
    OpenApiParameter("centre", str, description="centre slug"),
    OpenApiParameter("breakdown", str, description='"" for totals, or dimension=value (gender=women)'),
]


class IndicatorValueListView(GenericAPIView):
    """Published cells of the caller's region: per centre, per regional unit (centre null) and
    for the region (both null). Suppressed cells have ``value`` null."""

    permission_classes = [IsRegionUser]
    serializer_class = IndicatorValueSerializer
    queryset = PublishedIndicatorValue.objects.none()  # for the schema generator; get() filters by region

    @extend_schema(parameters=QUERY, responses=IndicatorValueSerializer(many=True))
    def get(self, request):
        region = region_of(request.user)
        centres = set(region.centres.values_list("slug", flat=True))
        query = IndicatorQuerySerializer(data=request.query_params, region=region, centres=centres)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        rows = selectors.published_values(
            region=region, indicator=params.get("indicator"), periods=[params.get("period") or default_period().code],
            unit=params.get("unit"), centre=params.get("centre"), breakdown=params.get("breakdown"))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(IndicatorValueSerializer(page, many=True).data)


class CatalogueView(GenericAPIView):
    permission_classes = [IsRegionUser]
    serializer_class = CatalogueEntrySerializer
    queryset = PublishedIndicatorValue.objects.none()  # for the schema generator; the catalogue is the registry

    @extend_schema(responses=CatalogueEntrySerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(indicators())
        return self.get_paginated_response(CatalogueEntrySerializer(page, many=True).data)
