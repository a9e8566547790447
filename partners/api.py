"""Read-only API of the shared partner directory (both hosts)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from platform_core.permissions import PublicHostOrAuthenticated

from .models import Partner
from .selectors import partner_list
from .serializers import PartnerOutputSerializer


class PartnerListView(GenericAPIView):
    """The directory is public on the public host; on a centre host it is for its staff."""

    permission_classes = [PublicHostOrAuthenticated]
    serializer_class = PartnerOutputSerializer
    queryset = Partner.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("search", str), OpenApiParameter("kind", str, enum=Partner.Kind.values)],
        responses=PartnerOutputSerializer(many=True),
    )
    def get(self, request):
        params = request.query_params
        partners = partner_list(search=params.get("search", ""), kind=params.get("kind", ""))
        page = self.paginate_queryset(partners)
        return self.get_paginated_response(PartnerOutputSerializer(page, many=True).data)


class PartnerDetailView(GenericAPIView):
    permission_classes = [PublicHostOrAuthenticated]
    serializer_class = PartnerOutputSerializer
    queryset = Partner.objects.none()

    def get(self, request, pk):
        return Response(PartnerOutputSerializer(get_object_or_404(partner_list(), pk=pk)).data)
