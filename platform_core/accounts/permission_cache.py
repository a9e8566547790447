"""Permissions resolved from the cache, not two queries per request.

Django's ModelBackend memoises a user's permissions on the user object, which is loaded anew
for every request: each request that checks a permission costs two queries (the user's own,
the groups'). This backend keeps the resolved set in the default cache, under the user's id and
the **permission version** of the centre, and falls back to ModelBackend on a miss.

- **Per centre.** The default cache's key function (``django_tenants.cache.make_key``) puts
  the schema of the current connection in front of every key, so the version and the entries
  of one centre are never read in another (tested).
- **Invalidation.** Any change that can change someone's permissions — a role group's
  permissions, a user's groups or own permissions (``m2m_changed``, either side), a group or a
  permission deleted — replaces the centre's version with a new random one, at once and again
  after the transaction commits; entries under an older version are never read again (they
  expire). ``is_superuser`` is part of the key; ``is_active`` is checked before any lookup.
- **No stale entry from a transaction.** The version is read *before* the permissions are, so
  an entry computed from data that changes meanwhile is filed under the version the change
  replaces. While the current transaction has made such a change, nothing is written to the
  cache (the transaction could still roll back, leaving the version it set current).
- A missing version (evicted, flushed) is a new version: everything is read again. Should the
  cache be unreachable, permissions are read from the database; a change of permissions, on
  the other hand, fails with it (its version could not be replaced).

``PERMISSION_CACHE_SECONDS`` (0: off, plain ModelBackend) bounds how long an entry lives.
"""

import logging
import uuid

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import connection, transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "perms:version"
_BUMP_MARK = "_koinotita_permission_bump"


def permissions_cache_key(user) -> str:
    """The key of ``user``'s entry (the cache adds the centre's schema in front of it)."""
    return f"perms:user:{user.pk}:{int(bool(user.is_superuser))}"


def _seconds() -> int:
    return int(getattr(settings, "PERMISSION_CACHE_SECONDS", 3600))


def _change_pending() -> bool:
    """Whether the current transaction changed permissions: its after-commit bump is still
    waiting (Django drops it on rollback, also of the savepoint it was made in, and runs it on
    commit)."""
    return any(getattr(func, _BUMP_MARK, False) for _sids, func, _robust in connection.run_on_commit)


def permissions_version_bump() -> None:
    """Makes every cached permission set of the current centre obsolete."""
    def bump():
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)

    bump()
    if connection.in_atomic_block and not _change_pending():
        schema = connection.schema_name

        def bump_after_commit():
            from django_tenants.utils import schema_context

            with schema_context(schema):
                bump()

        setattr(bump_after_commit, _BUMP_MARK, True)
        transaction.on_commit(bump_after_commit)


class CachedModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache") or _seconds() <= 0:
            return super().get_all_permissions(user_obj, obj)
        key = permissions_cache_key(user_obj)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY)
            entry = found.get(key)
            if version is not None and entry is not None and entry[0] == version:
                user_obj._perm_cache = set(entry[1])
                return user_obj._perm_cache
            if version is None:
                version = uuid.uuid4().hex
                # add(): a version another process set meanwhile wins; ours then files nothing useful.
                if not cache.add(VERSION_KEY, version, None):
                    version = cache.get(VERSION_KEY)
        except Exception:  # noqa: BLE001 (the cache is an optimisation: without it, the database answers)
            logger.warning("permission cache unavailable", exc_info=True)
            return super().get_all_permissions(user_obj, obj)
        perms = super().get_all_permissions(user_obj, obj)
        if version is not None and not _change_pending():
            try:
                cache.set(key, (version, sorted(perms)), _seconds())
            except Exception:  # noqa: BLE001
                logger.warning("permission cache unavailable", exc_info=True)
        return perms


def permission_change_receiver(sender, **kwargs) -> None:
    action = kwargs.get("action")
    if action is not None and action not in ("post_add", "post_remove", "post_clear"):
        return
    permissions_version_bump()


def permission_signals_connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete

    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(permission_change_receiver, sender=through,
                            dispatch_uid=f"accounts.perms.{through._meta.label}")
    for model in (Group, Permission):
        post_delete.connect(permission_change_receiver, sender=model,
                            dispatch_uid=f"accounts.perms.delete.{model._meta.label}")
