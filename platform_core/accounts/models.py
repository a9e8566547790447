"""User accounts. The same model serves two populations kept apart by schema: centre staff
(in the centre's schema) and operator and region accounts (in public)."""

import uuid
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from .roles import Role


class User(AbstractUser):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email"), unique=True)
    # Set for a centre's first coordinator, whose password the operator chose at onboarding:
    # until they give their name and a password of their own, every page leads to that form.
    must_complete_setup = models.BooleanField(_("εκκρεμεί η πρώτη ρύθμιση του λογαριασμού"), default=False)
    # Part of every session's and API token's proof (``_get_session_auth_hash``): a new value
    # signs the account out everywhere at once, as a new password does.
    sign_out_stamp = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("χρήστης")
        verbose_name_plural = _("χρήστες")
        permissions = [("manage_staff", _("Διαχείριση λογαριασμών προσωπικού")),
                       ("export_centre", _("Εξαγωγή όλων των δεδομένων του κέντρου"))]

    def _get_session_auth_hash(self, secret=None):
        # Django's own hash covers the password alone; ours also covers the sign-out stamp, so a
        # password change and a "sign out everywhere" both end every session and every token.
        key_salt = "koinotita.accounts.User.session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.sign_out_stamp}", secret=secret,
                           algorithm="sha256").hexdigest()

    @cached_property
    def roles(self) -> list[Role]:
        """Read once per instance (a request's user asks for it several times: the menu, the
        serializer's role and role label); ``roles_changed`` forgets it."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]

    def roles_changed(self) -> None:
        self.__dict__.pop("roles", None)

    @property
    def role(self) -> Role | None:
        roles = self.roles
        return roles[0] if roles else None

    @property
    def role_label(self) -> str:
        return ", ".join(str(role.label) for role in self.roles)


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox's, swapped in by ``KNOX_TOKEN_MODEL``): only its SHA-512
    digest is stored, it expires after ``API_TOKEN_TTL_HOURS``, and it holds the account's session
    hash of the moment it was issued: after a password change or a "sign out everywhere" the hash
    differs and the token is refused (``platform_core.accounts.authentication``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest = models.CharField(max_length=128, unique=True)
    label = models.CharField(_("περιγραφή"), max_length=100, blank=True)
    credentials_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("κλειδί API")
        verbose_name_plural = _("κλειδιά API")
        ordering = ["-created"]

    def __str__(self) -> str:
        return str(self.label or _("Κλειδί API")) + f" · {self.token_key[:4]}…"
