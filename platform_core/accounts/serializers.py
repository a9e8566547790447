"""API input and output shapes of accounts."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import User
from .roles import Role


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class StaffOutputSerializer(serializers.ModelSerializer):
    role = serializers.SerializerMethodField()
    role_label = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "role", "role_label", "is_active",
                  "last_login"]
        read_only_fields = ["last_login"]

    def get_role(self, user: User) -> str | None:
        return user.role.value if user.role else None


class StaffCreateSerializer(serializers.Serializer):
    email = serializers.EmailField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)
    password = serializers.CharField(write_only=True, trim_whitespace=False,
                                     help_text=_("Τουλάχιστον 10 χαρακτήρες."))
