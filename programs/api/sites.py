"""API: the centre's sites (``sites/``) with their rooms, and closure days (``closure-days/``)."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from casework.models import Room, Site
from casework.services import sites as services
from platform_core.permissions import HasPermissionFor
from programs.models import ClosureDay
from programs.services import programmes as programme_services

from ._base import ListCreateView, parsed, site_field


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "name", "capacity"]


class SiteOutputSerializer(serializers.ModelSerializer):
    rooms = RoomSerializer(many=True, read_only=True)

    class Meta:
        model = Site
        fields = ["id", "name", "kind", "address", "is_active", "rooms"]


class SiteInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=Site.Kind.choices, default=Site.Kind.BRANCH)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    is_active = serializers.BooleanField(default=True)


class RoomInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)


SITE_PERMISSION = HasPermissionFor.of(read="casework.view_site", write="casework.add_site")


@extend_schema_view(post=extend_schema(request=SiteInputSerializer, responses={201: SiteOutputSerializer}))
class SiteListView(ListCreateView):
    """The centre's sites (main office, branches, mobile units) with their rooms."""

    permission_classes = [SITE_PERMISSION]
    serializer_class = SiteOutputSerializer
    input_serializer_class = SiteInputSerializer
    filterset_fields = ["kind", "is_active"]
    queryset = Site.objects.none()

    def get_queryset(self):
        return Site.objects.prefetch_related("rooms").order_by("kind", "name")

    def create(self, request, fields: dict):
        return services.site_create(by=request.user, **fields)


class SiteDetailView(GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="casework.view_site", write="casework.change_site")]
    serializer_class = SiteOutputSerializer
    queryset = Site.objects.all()

    def get(self, request, pk):
        return Response(SiteOutputSerializer(self.get_object()).data)

    @extend_schema(request=SiteInputSerializer, responses=SiteOutputSerializer)
    def patch(self, request, pk):
        site = services.site_update(site=self.get_object(), by=request.user,
                                    **parsed(SiteInputSerializer, request, partial=True))
        return Response(SiteOutputSerializer(site).data)


class SiteRoomsView(GenericAPIView):
    """Adds a room to the site."""

    permission_classes = [HasPermissionFor.of(read="casework.view_room", write="casework.add_room")]
    serializer_class = RoomSerializer
    queryset = Site.objects.all()

    @extend_schema(request=RoomInputSerializer, responses={201: RoomSerializer})
    def post(self, request, pk):
        room = services.room_add(site=self.get_object(), by=request.user, **parsed(RoomInputSerializer, request))
        return Response(RoomSerializer(room).data, status=status.HTTP_201_CREATED)


class ClosureDaySerializer(serializers.ModelSerializer):
    site = site_field(required=False, allow_null=True, default=None)

    class Meta:
        model = ClosureDay
        fields = ["id", "day", "site", "reason"]


class ClosureDayListView(ListCreateView):
    """Days the centre (or one site) is closed: recurring sessions skip them."""

    permission_classes = [HasPermissionFor.of(read="programs.view_closureday", write="programs.add_closureday")]
    serializer_class = ClosureDaySerializer
    input_serializer_class = ClosureDaySerializer
    queryset = ClosureDay.objects.none()

    def get_queryset(self):
        return ClosureDay.objects.select_related("site").order_by("day")

    def create(self, request, fields: dict):
        return programme_services.closure_day_add(by=request.user, **fields)


class ClosureDayDetailView(GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="programs.view_closureday", write="programs.delete_closureday")]
    serializer_class = ClosureDaySerializer
    queryset = ClosureDay.objects.all()

    def get(self, request, pk):
        return Response(ClosureDaySerializer(self.get_object()).data)

    @transaction.atomic
    def delete(self, request, pk):
        get_object_or_404(ClosureDay, pk=pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("sites/", SiteListView.as_view(), name="site-list"),
    path("sites/<uuid:pk>/", SiteDetailView.as_view(), name="site-detail"),
    path("sites/<uuid:pk>/rooms/", SiteRoomsView.as_view(), name="site-rooms"),
    path("closure-days/", ClosureDayListView.as_view(), name="closureday-list"),
    path("closure-days/<uuid:pk>/", ClosureDayDetailView.as_view(), name="closureday-detail"),
]
