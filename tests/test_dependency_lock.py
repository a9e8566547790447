"""The hashed lock files agree with pyproject.toml: every version pinned there is the version
locked, every locked package carries its hashes, and nothing is locked that nothing asks for
(requirements/compile.sh regenerates them; README, «Dependencies»)."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"requirements/main.lock": [], "requirements/dev.lock": ["dev"]}


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*==\s*([^\s;]+)\s*", requirement)
        assert match, f"pyproject.toml: {requirement!r} is not pinned with =="
        found[normalised(match[1])] = match[3]
    return found


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) of a pip-compile lock."""
    entries, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line):
            current = normalised(match[1])
            entries[current] = (match[2], 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, hashes = entries[current]
            entries[current] = (version, hashes + 1)
    return entries


def disagreements(pyproject: str, lock: Path, extras: list[str]) -> dict[str, tuple[str, str]]:
    """name -> (version in pyproject.toml, version locked) wherever they differ."""
    project = tomllib.loads(pyproject)["project"]
    wanted = pins(project["dependencies"])
    for extra in extras:
        wanted |= pins(project["optional-dependencies"][extra])
    entries = locked(lock)
    return {name: (version, entries.get(name, ("missing", 0))[0]) for name, version in wanted.items()
            if entries.get(name, ("", 0))[0] != version}


@pytest.mark.parametrize("lock, extras", LOCKS.items())
def test_the_lock_holds_every_pinned_version_with_its_hashes(lock, extras):
    disagree = disagreements((ROOT / "pyproject.toml").read_text(encoding="utf-8"), ROOT / lock, extras)

    assert not disagree, f"{lock} disagrees with pyproject.toml (run requirements/compile.sh): {disagree}"
    assert all(hashes for _version, hashes in locked(ROOT / lock).values()), f"{lock}: a package without hashes"


def test_the_dev_lock_holds_the_main_lock():
    main, dev = locked(ROOT / "requirements/main.lock"), locked(ROOT / "requirements/dev.lock")
    assert {name: version for name, (version, _h) in main.items()} == {
        name: dev[name][0] for name in main if name in dev}


def test_a_version_changed_in_pyproject_alone_is_caught():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    bumped = re.sub(r'"Django==[^"]+"', '"Django==9.9.9"', pyproject)
    added = pyproject.replace('"pytest==', '"left-pad-nowhere==1.0",\n    "pytest==')

    assert disagreements(bumped, ROOT / "requirements/dev.lock", ["dev"])["django"][0] == "9.9.9"
    assert disagreements(added, ROOT / "requirements/dev.lock", ["dev"]) == {"left-pad-nowhere": ("1.0", "missing")}
