"""Demo data of a centre, contributed by each app through one registry (like reference data).

A seeder runs inside a demo centre's schema with the centre's staff by role, must be idempotent
(a second ``seed_demo`` changes nothing) and must build its data through the app's services, so the
demo shows what the rules allow.
"""

from collections.abc import Callable

DemoSeeder = Callable[..., int]
_seeders: list[DemoSeeder] = []


def demo_seeder(func: DemoSeeder) -> DemoSeeder:
    """Registers ``func(*, centre, staff: dict[Role, User]) -> int`` (rows created)."""
    if func not in _seeders:
        _seeders.append(func)
    return func


def demo_data_seed(*, centre, staff) -> int:
    return sum(seeder(centre=centre, staff=staff) for seeder in _seeders)
