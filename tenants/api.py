"""Operator API (public host): list, onboard, suspend, reactivate and archive centres."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.permissions import IsOperator

from . import services
from .selectors import centre_list
from .serializers import CentreCreateSerializer, CentreOutputSerializer


class CentreListView(GenericAPIView):
    permission_classes = [IsOperator]
    serializer_class = CentreOutputSerializer

    def get_queryset(self):
        return centre_list()

    @extend_schema(responses=CentreOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CentreOutputSerializer(page, many=True).data)

    @extend_schema(request=CentreCreateSerializer, responses={201: CentreOutputSerializer})
    def post(self, request):
        serializer = CentreCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        onboarded = services.centre_create(**serializer.validated_data)
        return Response(CentreOutputSerializer(onboarded.centre).data, status=status.HTTP_201_CREATED)


class CentreDetailView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(responses=CentreOutputSerializer)
    def get(self, request, pk):
        return Response(CentreOutputSerializer(get_object_or_404(centre_list(), pk=pk)).data)


class CentreLifecycleView(APIView):
    """POST …/<id>/<action>/: one of services.CENTRE_LIFECYCLE, named by the URL conf."""

    permission_classes = [IsOperator]
    action: str = ""

    @extend_schema(request=None, responses=CentreOutputSerializer)
    def post(self, request, pk):
        centre = services.CENTRE_LIFECYCLE[self.action](centre=get_object_or_404(centre_list(), pk=pk))
        return Response(CentreOutputSerializer(centre).data)
