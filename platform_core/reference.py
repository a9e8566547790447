"""Reference data every new centre starts with, contributed by each app through one registry.

A loader runs inside the centre's schema, must be idempotent, and is called at onboarding and by
``manage.py load_reference_data`` for existing centres. After ``migrate_schemas`` the loaders run
again only in the schemas whose recorded version (``tenants.ReferenceState``) differs from
``reference_data_version()`` (see ``tenants/migrate.py``).
"""

import functools
import hashlib
import inspect
import json
from collections.abc import Callable
from pathlib import Path

_loaders: list[Callable[[], None]] = []


def reference_loader(func: Callable[[], None]) -> Callable[[], None]:
    if func not in _loaders:
        _loaders.append(func)
        reference_data_version.cache_clear()
    return func


def reference_data_load() -> None:
    for loader in _loaders:
        loader()


@functools.cache
def reference_data_version() -> str:
    """A fingerprint of everything the loaders' result can depend on, as code: the source file
    of every loader's module (its data tables and the loader itself), the role → permission
    table as it stands after every app has extended it, and the migrations on disk (the tables
    and permissions the loaders write to). Conservative by design: a change anywhere in those
    files (a comment too) only costs one idempotent re-sync per centre."""
    from platform_core.accounts.roles import ROLE_PERMISSIONS
    from platform_core.migration_state import migrations_on_disk

    digest = hashlib.sha256()
    for loader in _loaders:
        digest.update(f"{loader.__module__}.{loader.__qualname__}\n".encode())
        source = inspect.getsourcefile(loader)
        if source:
            digest.update(Path(source).read_bytes())
    roles = {str(role): sorted(perms) for role, perms in ROLE_PERMISSIONS.items()}
    digest.update(json.dumps(roles, sort_keys=True).encode())
    required, _known = migrations_on_disk()
    digest.update(json.dumps(sorted(required)).encode())
    return digest.hexdigest()[:32]
