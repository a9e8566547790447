"""The directory's APIs: ``/api/v1/partners/`` (search, both hosts: open on the public host, for
signed-in staff on a centre's) and the open, read-only HSDS 3.0 API on the public host
(``/api/hsds/``), with HSDS's own paging fields."""

import math

from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from platform_core.permissions import PublicHostOrAuthenticated

from . import hsds
from .models import Service
from .selectors import organization_list, service_get, service_search
from .serializers import DirectoryServiceSerializer

SEARCH_PARAMETERS = [
    OpenApiParameter("search", str, description="Λέξεις (χωρίς τόνους, πεζά-κεφαλαία αδιάφορα)."),
    OpenApiParameter("category", str, description="Κωδικός κατηγορίας, π.χ. mental_health."),
    OpenApiParameter("area", str, description="Slug περιφερειακής ενότητας ή δήμου."),
    OpenApiParameter("open_now", bool),
]


class PartnerListView(GenericAPIView):
    """Directory search: services by words, category, area and open now."""

    permission_classes = [PublicHostOrAuthenticated]
    serializer_class = DirectoryServiceSerializer
    queryset = Service.objects.none()

    @extend_schema(parameters=SEARCH_PARAMETERS, responses=DirectoryServiceSerializer(many=True))
    def get(self, request):
        params = request.query_params
        services = service_search(search=params.get("search", ""), category=params.get("category", ""),
                                  area=params.get("area", ""), open_now=params.get("open_now") in ("true", "1"))
        page = self.paginate_queryset(services)
        return self.get_paginated_response(DirectoryServiceSerializer(page, many=True).data)


class PartnerDetailView(GenericAPIView):
    permission_classes = [PublicHostOrAuthenticated]
    serializer_class = DirectoryServiceSerializer
    queryset = Service.objects.none()

    def get(self, request, pk):
        service = service_get(pk=pk)
        if service is None:
            raise Http404
        return Response(DirectoryServiceSerializer(service).data)


# --- HSDS 3.0 ----------------------------------------------------------------------------------

MAX_PER_PAGE = 100


def _hsds_page(request, queryset, to_json) -> dict:
    """HSDS paging: ``page`` (from 1) and ``per_page``; ``total_items``, ``total_pages``,
    ``page_number``, ``size``, ``first_page``, ``last_page``, ``empty``, ``contents``."""
    try:
        page = max(int(request.query_params.get("page", 1)), 1)
        per_page = min(max(int(request.query_params.get("per_page", 50)), 1), MAX_PER_PAGE)
    except ValueError:
        page, per_page = 1, 50
    total = queryset.count()
    pages = max(math.ceil(total / per_page), 1)
    rows = list(queryset[(page - 1) * per_page: page * per_page])
    return {"total_items": total, "total_pages": pages, "page_number": page, "size": len(rows),
            "first_page": page == 1, "last_page": page >= pages, "empty": not rows,
            "contents": [to_json(row) for row in rows]}


def _modified_after(request):
    value = request.query_params.get("modified_after", "")
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None and parse_date(value):
        moment = timezone.make_aware(timezone.datetime.combine(parse_date(value), timezone.datetime.min.time()))
    return moment if moment is None or timezone.is_aware(moment) else timezone.make_aware(moment)


class _Open(GenericAPIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    pagination_class = None
    queryset = Service.objects.none()


_HSDS_JSON = OpenApiResponse(OpenApiTypes.OBJECT)


class HsdsMetaView(_Open):
    """The API's HSDS version and profile."""

    @extend_schema(operation_id="getAPIMetaInformation", responses=_HSDS_JSON)
    def get(self, request):
        return Response({**hsds.api_meta(), "openapi_url": request.build_absolute_uri("/api/v1/schema/")})


class HsdsServiceListView(_Open):
    """Services (one-to-one fields), paged the HSDS way."""

    @extend_schema(operation_id="getPaginatedListOfServices", parameters=[OpenApiParameter(name, str) for name in (
        "search", "taxonomy_term_id", "organization_id", "modified_after", "page", "per_page")],
        responses=_HSDS_JSON)
    def get(self, request):
        params = request.query_params
        services = service_search(search=params.get("search", ""), category=params.get("taxonomy_term_id", ""),
                                  organization_id=params.get("organization_id") or None,
                                  modified_after=_modified_after(request), include_all_statuses=True)
        return Response(_hsds_page(request, services, hsds.service_brief))


class HsdsServiceDetailView(_Open):
    """A fully nested service."""

    @extend_schema(operation_id="getFullyNestedServiceById", responses=_HSDS_JSON)
    def get(self, request, pk):
        service = service_get(pk=pk)
        if service is None or not service.organization.is_active:
            raise Http404
        return Response(hsds.service_full(service))


class HsdsOrganizationListView(_Open):
    @extend_schema(operation_id="getPaginatedListOfOrganizations", responses=_HSDS_JSON,
                   parameters=[OpenApiParameter(name, str)
                               for name in ("search", "modified_after", "page", "per_page")])
    def get(self, request):
        organizations = organization_list(search=request.query_params.get("search", ""),
                                          modified_after=_modified_after(request))
        return Response(_hsds_page(request, organizations, hsds.organization_brief))


class HsdsOrganizationDetailView(_Open):
    """A fully nested organisation with its services."""

    @extend_schema(operation_id="getOrganizationById", responses=_HSDS_JSON)
    def get(self, request, pk):
        organization = organization_list().filter(pk=pk).first()
        if organization is None:
            raise Http404
        return Response(hsds.organization_full(organization))
