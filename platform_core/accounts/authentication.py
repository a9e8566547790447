"""API token authentication: django-rest-knox's, with two more refusals.

knox finds the token by its first characters and compares SHA-512 digests in constant time, and
refuses (and deletes) an expired token. On top of that:

- a token issued before the account's password changed, or before a "sign out everywhere", is
  refused and deleted: each token keeps the account's session hash of the moment it was issued
  (``User._get_session_auth_hash`` covers the password and ``sign_out_stamp``), so every way of
  changing a password (page, first login, Django admin, shell) revokes the tokens by construction,
  as it ends the sessions;
- a header that is not ASCII is "invalid token" (401), not a decoding error (500).
"""

from hmac import compare_digest

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions

INVALID = _("Μη έγκυρο ή ληγμένο κλειδί API.")


def credentials_hash_matches(token) -> bool:
    """True while the account's password and sign-out stamp are those the token was issued under."""
    user = token.user
    current = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    return any(compare_digest(token.credentials_hash, value) for value in current)


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, token: bytes):
        try:
            token.decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        try:
            return super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed:
            raise exceptions.AuthenticationFailed(INVALID) from None

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if not credentials_hash_matches(token):
            token.delete()
            raise exceptions.AuthenticationFailed(INVALID)
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the published schema (Swagger UI's «Authorize»): ``Authorization: Token <t>``."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
