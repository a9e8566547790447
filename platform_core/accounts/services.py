"""Every write to accounts: staff of a centre (in its schema), region and operator accounts."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from platform_core.tasks import enqueue_on_commit

from .models import ApiToken, User
from .roles import Role


def staff_validate(*, email: str, password: str, field_prefix: str = "", check_existing: bool = True
                   ) -> dict[str, list[str]]:
    """Field errors for a new account's e-mail (its username) and password; empty when valid."""
    errors: dict[str, list[str]] = {}
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        errors[f"{field_prefix}email"] = [_("Δώστε έγκυρη διεύθυνση email.")]
    if check_existing and email and User.objects.filter(username__iexact=email).exists():
        errors[f"{field_prefix}email"] = [_("Υπάρχει ήδη λογαριασμός με αυτό το email.")]
    try:
        validate_password(password or "", user=User(username=email, email=email))
    except ValidationError as exc:
        errors[f"{field_prefix}password"] = list(exc.messages)
    return errors


@transaction.atomic
def account_create(*, email: str, password: str, first_name: str = "", last_name: str = "") -> User:
    """Creates an account in the current schema (a centre's, or public); username = e-mail."""
    errors = staff_validate(email=email, password=password)
    if errors:
        raise ValidationError(errors)
    email = email.strip().lower()
    user = User(username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip())
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def staff_create(*, email: str, password: str, role: Role | str, first_name: str = "",
                 last_name: str = "", must_complete_setup: bool = False) -> User:
    """Creates a staff account with its role in the current centre, and e-mails a welcome
    (the centre's address and the username; never the password) once committed.
    ``must_complete_setup``: the member gives their name and a new password at first login."""
    from .tasks import staff_welcome_email

    if connection.schema_name == get_public_schema_name():
        raise ValidationError(_("Λογαριασμοί προσωπικού δημιουργούνται μόνο μέσα σε κέντρο."))
    if role not in Role.values:
        errors = staff_validate(email=email, password=password)
        errors["role"] = [_("Άγνωστος ρόλος.")]
        raise ValidationError(errors)
    user = account_create(email=email, password=password, first_name=first_name, last_name=last_name)
    if must_complete_setup:
        user.must_complete_setup = True
        user.save(update_fields=["must_complete_setup"])
    user.groups.set([Group.objects.get(name=Role(role).value)])
    user.roles_changed()
    enqueue_on_commit(staff_welcome_email, user_id=str(user.pk))
    return user


@transaction.atomic
def account_complete_setup(*, user: User, first_name: str, last_name: str, password: str) -> User:
    """The first login of an onboarded coordinator: their own name, and a password of their own
    in place of the one the operator chose (Django's validators; not the same one again)."""
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    errors: dict[str, list[str]] = {}
    if not first_name:
        errors["first_name"] = [_("Το όνομα είναι υποχρεωτικό.")]
    if not last_name:
        errors["last_name"] = [_("Το επώνυμο είναι υποχρεωτικό.")]
    user.first_name, user.last_name = first_name, last_name
    try:
        validate_password(password or "", user=user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    else:
        if user.check_password(password):
            errors["password"] = [_("Ο νέος κωδικός πρέπει να διαφέρει από τον αρχικό.")]
    if errors:
        user.refresh_from_db(fields=["first_name", "last_name"])
        raise ValidationError(errors)
    user.must_complete_setup = False
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "must_complete_setup"])
    return account_password_change(user=user, password=password)


def _is_last_active_coordinator(user: User) -> bool:
    coordinators = User.objects.select_for_update().filter(groups__name=Role.COORDINATOR.value, is_active=True)
    return list(coordinators.values_list("pk", flat=True)) == [user.pk]


@transaction.atomic
def staff_set_role(*, user: User, role: Role | str) -> User:
    if role not in Role.values:
        raise ValidationError({"role": _("Άγνωστος ρόλος.")})
    if role != Role.COORDINATOR and _is_last_active_coordinator(user):
        # Without a coordinator nobody could manage the centre's staff any more.
        raise ValidationError({"role": _("Το κέντρο χρειάζεται τουλάχιστον έναν/μία ενεργό/ή συντονιστή/τρια.")})
    user.groups.set([Group.objects.get(name=Role(role).value)])
    user.roles_changed()
    return user


@transaction.atomic
def staff_set_active(*, user: User, active: bool, by: User) -> User:
    if user == by and not active:
        raise ValidationError({"is_active": _("Δεν μπορείτε να απενεργοποιήσετε τον δικό σας λογαριασμό.")})
    if not active and _is_last_active_coordinator(user):
        raise ValidationError({"is_active": _("Το κέντρο χρειάζεται τουλάχιστον έναν/μία ενεργό/ή συντονιστή/τρια.")})
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


def account_record_sign_in(*, user: User) -> None:
    """A sign-in without a session (the token endpoint): the account's failed sign-ins are
    cleared from every address, as a page sign-in clears them (throttling.py), and its last
    login is recorded. Nothing else: no session is created."""
    from axes.handlers.proxy import AxesProxyHandler
    from django.contrib.auth.models import update_last_login

    AxesProxyHandler.reset_attempts(username=user.get_username())
    update_last_login(None, user)


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: the stored row, and its secret, known only now (only a digest is kept)."""

    token: ApiToken
    key: str


@transaction.atomic
def token_create(*, user: User, label: str = "") -> IssuedToken:
    """Issues an API token of the current schema for ``user``, expiring after
    ``API_TOKEN_TTL_HOURS``. Past ``API_TOKENS_PER_USER`` live tokens the oldest ones are revoked.

    TODO(issue 14 pt 3): when two-factor sign-in exists, a role that requires it must have passed
    the second factor before a token is issued (the token view asks this function for one).
    """
    token, key = ApiToken.objects.create(user=user, label=label.strip()[:100],
                                         credentials_hash=user.get_session_auth_hash())
    keep = list(ApiToken.objects.filter(user=user).order_by("-created").values_list("pk", flat=True)
                [:settings.API_TOKENS_PER_USER])
    ApiToken.objects.filter(user=user).exclude(pk__in=keep).delete()
    return IssuedToken(token=token, key=key)


@transaction.atomic
def token_revoke(*, user: User, token_id) -> None:
    """Revokes one of ``user``'s own tokens; another account's token id is not found."""
    deleted, _details = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise ApiToken.DoesNotExist


@transaction.atomic
def account_sign_out_everywhere(*, user: User) -> User:
    """Ends every session and revokes every API token of ``user``: a new sign-out stamp changes
    the session hash every session and token is checked against (``User._get_session_auth_hash``)."""
    user.sign_out_stamp = uuid.uuid4()
    user.save(update_fields=["sign_out_stamp"])
    ApiToken.objects.filter(user=user).delete()
    return user


@transaction.atomic
def account_password_change(*, user: User, password: str) -> User:
    """Sets a new (already validated) password; every other session ends with the old password's
    hash and the account's API tokens are revoked."""
    user.set_password(password)
    user.save(update_fields=["password"])
    ApiToken.objects.filter(user=user).delete()
    return user


@transaction.atomic
def operator_create(*, email: str, password: str, first_name: str = "", last_name: str = "") -> User:
    """A platform operator: superuser of the public schema (operator console and Django admin)."""
    if connection.schema_name != get_public_schema_name():
        # Operators run the platform; a superuser inside a centre's schema would be a centre account.
        raise ValidationError({"email": _("Οι λογαριασμοί διαχειριστή πλατφόρμας ανήκουν στον δημόσιο χώρο.")})
    user = account_create(email=email, password=password, first_name=first_name, last_name=last_name)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user
