"""Accounts API: token login (throttled like the login page), one's own tokens, the current
user, staff (and a coordinator's "sign out everywhere" for a member)."""

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.permissions import HasPermissionFor

from . import services
from .models import ApiToken
from .selectors import staff_list, tokens_of
from .serializers import (
    ApiTokenSerializer,
    StaffCreateSerializer,
    StaffOutputSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from .throttling import LOCKED_OUT_MESSAGE


class TokenObtainView(APIView):
    """Exchanges a username and password for an API token of this host (centre or public)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={
        200: TokenResponseSerializer,
        400: OpenApiResponse(description=gettext_lazy("Λάθος όνομα χρήστη ή κωδικός, ή λείπει πεδίο.")),
        429: OpenApiResponse(description=gettext_lazy(
            "Πολλές αποτυχημένες προσπάθειες σύνδεσης (λογαριασμός, διεύθυνση ή και τα δύο): "
            "δοκιμάστε ξανά αργότερα."))})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        credentials = {"username": serializer.validated_data["username"],
                       "password": serializer.validated_data["password"]}
        # django-axes watches the Django request, not DRF's wrapper.
        user = authenticate(request._request, **credentials)
        if getattr(request._request, "axes_locked_out", False):
            return Response({"detail": LOCKED_OUT_MESSAGE, "code": "login_locked_out"},
                            status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            raise ValidationError({"non_field_errors": [_("Λάθος όνομα χρήστη ή κωδικός.")]})
        services.account_record_sign_in(user=user)
        issued = services.token_create(user=user, label=serializer.validated_data.get("label", ""))
        return Response(TokenResponseSerializer({"token": issued.key, "id": issued.token.pk,
                                                 "expiry": issued.token.expiry}).data)


class OwnTokenListView(GenericAPIView):
    """The signed-in account's own live API tokens (never their secrets)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in user
            return ApiToken.objects.none()
        return tokens_of(user=self.request.user)

    @extend_schema(responses=ApiTokenSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ApiTokenSerializer(page, many=True, context={"request": request}).data)


class OwnTokenDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None, 404: OpenApiResponse(description=gettext_lazy("Δεν βρέθηκε."))})
    def delete(self, request, pk):
        """Revokes one of the account's own tokens (another account's token id: 404)."""
        try:
            services.token_revoke(user=request.user, token_id=pk)
        except ApiToken.DoesNotExist:
            raise NotFound() from None
        return Response(status=status.HTTP_204_NO_CONTENT)


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


class StaffSignOutView(APIView):
    """A coordinator signs a member out everywhere: every session ends, every API token is revoked."""

    permission_classes = [HasPermissionFor.of(read="accounts.manage_staff", write="accounts.manage_staff")]

    @extend_schema(request=None, responses={204: None})
    def post(self, request, pk):
        services.account_sign_out_everywhere(user=get_object_or_404(staff_list(), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
