"""User accounts. The same model serves two populations kept apart by schema: centre staff
(in the centre's schema) and operator and region accounts (in public)."""

import uuid
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email"), unique=True)
    # Set for a centre's first coordinator, whose password the operator chose at onboarding:
    # until they give their name and a password of their own, every page leads to that form.
    must_complete_setup = models.BooleanField(_("εκκρεμεί η πρώτη ρύθμιση του λογαριασμού"), default=False)

    class Meta:
        verbose_name = _("χρήστης")
        verbose_name_plural = _("χρήστες")
        permissions = [("manage_staff", _("Διαχείριση λογαριασμών προσωπικού")),
                       ("export_centre", _("Εξαγωγή όλων των δεδομένων του κέντρου"))]

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
