"""Reference data every new centre starts with, contributed by each app through one registry.

A loader runs inside the centre's schema, must be idempotent, and is called at onboarding and by
``manage.py load_reference_data`` for existing centres.
"""

from collections.abc import Callable

_loaders: list[Callable[[], None]] = []


def reference_loader(func: Callable[[], None]) -> Callable[[], None]:
    if func not in _loaders:
        _loaders.append(func)
    return func


def reference_data_load() -> None:
    for loader in _loaders:
        loader()
