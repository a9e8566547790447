"""Tenancy by construction: only the functions named below may switch the connection's schema
(``schema_context``, ``tenant_context``, ``connection.set_schema*``/``set_tenant``, or a raw
``SET search_path``). Every other piece of code runs in the schema the request's host, or the
task's centre, chose for it (``CentreRoutingMiddleware``, ``CentreTask``). The test reads the
code's shape: a new switch anywhere else fails it until it is argued for here, and a named
function that no longer switches must leave the list."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["platform_core", "tenants", "casework", "programs", "notifications", "partners", "regional"]
SWITCH_CALLS = {"schema_context", "tenant_context"}
SWITCH_METHODS = {"set_schema", "set_schema_to_public", "set_tenant"}

# "module:function" -> why it may choose a schema itself. (A centre's tasks run in the schema
# they were queued from by tenant-schemas-celery's CentreTask, which is not our code.)
ALLOWED = {
    "platform_core.tasks:enqueue_on_commit.send": "queues a task after the commit from the schema the write ran in",
    "platform_core.accounts.permission_cache:permissions_version_bump.bump_after_commit":
        "bumps the role version of the centre whose roles changed, after its commit",
    "platform_core.management.commands.seed_demo:Command.handle": "the demo: builds every demo centre",
    "platform_core.management.commands.seed_demo:Command._seed_centres": "the demo: fills each demo centre",
    "tenants.services:centre_create": "onboarding creates the first coordinator in the new schema",
    "tenants.template:_copy_script": "copies the template schema into a new centre's (raw search_path)",
    "tenants.migrate:reference_state_record": "records a schema's reference-data version in public",
    "tenants.migrate:reference_data_sync": "loads reference data into the schema being migrated",
    "tenants.selectors:centre_jobs": "the operator's jobs page: counts only, read in each centre",
    "tenants.health:centre_health_read": "the operator's page of one centre: counts read in its schema",
    "tenants.health:centre_health_refresh": "the health snapshot job: counts only, read in each centre",
    "casework.services.transfer:_deliver": "the consented referral between centres: its one write in the other",
    "casework.management.commands.rehash_personal_ids:Command.handle": "re-keys every centre's identifier hashes",
    "notifications.tasks:reminders_fan_out": "public job: one reminders task per centre, queued from its schema",
    "notifications.reports.tasks:reports_monthly_dispatch": "public job: one report task per centre, from its schema",
    "partners.management.commands.hsds_export:Command.handle": "the shared directory lives in public",
    "partners.management.commands.hsds_import:Command.handle": "the shared directory lives in public",
    "regional.rollup:centre_rollup": "each centre's indicators computed in its own schema",
    "regional.tasks:indicators_rollup_fan_out": "public job: one rollup task per centre, queued from its schema",
    "regional.tasks:indicators_rollup_centre": "queues the publication in public once the last centre is done",
    "regional.demo:demo_rollup": "the demo: publishes the region's figures in public",
}


def switch_sites() -> dict[str, list[str]]:
    """'module:qualified function' -> the lines where it switches schemas."""
    found: dict[str, list[str]] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            tree = ast.parse(path.read_text(encoding="utf-8"))
            _walk(tree, module, [], found, path)
    return found


def _walk(node, module: str, scope: list[str], found: dict, path: Path) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            _walk(child, module, [*scope, child.name], found, path)
            continue
        if _switches(child):
            found.setdefault(f"{module}:{'.'.join(scope) or '<module>'}", []).append(
                f"{path.relative_to(ROOT)}:{child.lineno}")
        _walk(child, module, scope, found, path)


def _switches(node) -> bool:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in SWITCH_CALLS:
            return True
        if isinstance(func, ast.Attribute) and (func.attr in SWITCH_METHODS or func.attr in SWITCH_CALLS):
            return True
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and "set search_path" in node.value.lower()


def test_only_the_named_functions_switch_schemas():
    unlisted = {site: lines for site, lines in switch_sites().items() if site not in ALLOWED}

    assert not unlisted, f"schema switched outside the functions allowed to (add it to ALLOWED with why): {unlisted}"


def test_every_named_function_still_switches_schemas():
    assert not set(ALLOWED) - set(switch_sites())


def test_the_check_finds_a_switch_planted_anywhere(tmp_path):
    planted = ast.parse("def leak(pk):\n    with schema_context('centre_b'):\n        return pk\n"
                        "def raw(cursor):\n    cursor.execute('SET search_path = centre_b')\n"
                        "def method(connection):\n    connection.set_schema('centre_b')\n")
    found: dict = {}
    _walk(planted, "planted", [], found, ROOT / "planted.py")

    assert set(found) == {"planted:leak", "planted:raw", "planted:method"}
