"""Accounts API: token login (throttled like the login page), the current user, staff."""

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.permissions import HasPermissionFor

from . import services
from .selectors import staff_list
from .serializers import (
    StaffCreateSerializer,
    StaffOutputSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)


class TokenObtainView(APIView):
    """Exchanges a username and password for an API token of this host (centre or public)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes watches the Django request, not DRF's wrapper.
        user = authenticate(request._request, **serializer.validated_data)
        if getattr(request._request, "axes_locked_out", False):
            return Response({"detail": _("Πολλές αποτυχημένες προσπάθειες σύνδεσης. Δοκιμάστε ξανά αργότερα."),
                             "code": "login_locked_out"}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            raise ValidationError({"non_field_errors": [_("Λάθος όνομα χρήστη ή κωδικός.")]})
        token = services.token_get_or_create(user=user)
        return Response(TokenResponseSerializer({"token": token.key}).data)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=StaffOutputSerializer)
    def get(self, request):
        return Response(StaffOutputSerializer(request.user).data)


class StaffListView(GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="accounts.view_user", write="accounts.manage_staff")]
    serializer_class = StaffOutputSerializer

    def get_queryset(self):
        return staff_list()

    @extend_schema(responses=StaffOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(StaffOutputSerializer(page, many=True).data)

    @extend_schema(request=StaffCreateSerializer, responses={201: StaffOutputSerializer})
    def post(self, request):
        serializer = StaffCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.staff_create(**serializer.validated_data)
        return Response(StaffOutputSerializer(member).data, status=status.HTTP_201_CREATED)


class StaffDetailView(APIView):
    permission_classes = [HasPermissionFor.of(read="accounts.view_user", write="accounts.manage_staff")]

    @extend_schema(responses=StaffOutputSerializer)
    def get(self, request, pk):
        return Response(StaffOutputSerializer(get_object_or_404(staff_list(), pk=pk)).data)
