"""API input and output shapes of accounts."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import ApiToken, User
from .roles import Role


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=254)
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, max_length=4096)
    label = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                  help_text=_("Πού θα χρησιμοποιηθεί το κλειδί (εμφανίζεται στη λίστα κλειδιών)."))


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Το κλειδί· φαίνεται μόνο τώρα (αποθηκεύεται μόνο η σύνοψή του)."))
    id = serializers.UUIDField()
    expiry = serializers.DateTimeField(help_text=_("Πότε λήγει το κλειδί."))


class ApiTokenSerializer(serializers.ModelSerializer):
    prefix = serializers.SerializerMethodField(help_text=_("Οι πρώτοι χαρακτήρες του κλειδιού, για αναγνώριση."))
    current = serializers.SerializerMethodField(help_text=_("Αν είναι το κλειδί αυτού του αιτήματος."))

    class Meta:
        model = ApiToken
        fields = ["id", "label", "prefix", "created", "expiry", "current"]

    def get_prefix(self, token: ApiToken) -> str:
        return token.token_key[:4]

    def get_current(self, token: ApiToken) -> bool:
        request = self.context.get("request")
        return bool(request is not None and isinstance(request.auth, ApiToken) and request.auth.pk == token.pk)


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
                                     help_text=_("Τουλάχιστον 12 χαρακτήρες, όχι από τους συνηθισμένους κωδικούς."))
