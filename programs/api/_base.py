"""API plumbing of programmes: a list that creates through one service call, staff and site fields."""

from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from casework.models import Room, Site
from platform_core.accounts.models import User


def staff_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), **kwargs)


def site_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Site.objects.all(), **kwargs)


def room_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Room.objects.all(), **kwargs)


class ListCreateView(ListAPIView):
    """A filtered, paginated list; POST parses ``input_serializer_class`` and hands the fields to
    ``create`` (one service call), answering with ``created_serializer_class``."""

    input_serializer_class: type[serializers.Serializer]
    created_serializer_class: type[serializers.Serializer] | None = None

    def create(self, request, fields: dict):
        raise NotImplementedError

    def post(self, request):
        data = self.input_serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        created = self.create(request, dict(data.validated_data))
        answer = self.created_serializer_class or self.serializer_class
        return Response(answer(created).data, status=status.HTTP_201_CREATED)


def parsed(serializer_class, request, *, partial: bool = False) -> dict:
    data = serializer_class(data=request.data, partial=partial)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)
