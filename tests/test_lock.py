"""The locks: every dependency pyproject declares is pinned, within its range, and installed as pinned.

requirements/site.lock is what the README's build command installs, requirements/test.lock
what its test command (and so `.ci/run`) installs; `bash requirements/update` writes both.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10; the lock brings tomli there
    import tomli as tomllib
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^ ;\\]+)(?: ; ([^\\]+?))?\s*\\?$")
# Environments the universal lock must serve: the oldest Python we support, this one, and Windows.
ENVIRONMENTS = [
    {"python_version": "3.10", "python_full_version": "3.10.0", "sys_platform": "linux", "platform_system": "Linux"},
    {"python_version": "3.11", "python_full_version": "3.11.7", "sys_platform": "linux", "platform_system": "Linux"},
    {"python_version": "3.12", "python_full_version": "3.12.3", "sys_platform": "win32", "platform_system": "Windows"},
]


def pins(lock: str) -> list[tuple[str, Version, Marker | None]]:
    found = []
    for line in (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            found.append((canonicalize_name(match[1]), Version(match[2]), Marker(match[3]) if match[3] else None))
    return found


def pinned_for(lock: str, name: str, environment: dict[str, str]) -> list[Version]:
    return [version for pin, version, marker in pins(lock)
            if pin == canonicalize_name(name) and (marker is None or marker.evaluate(environment))]


def declared(*groups: str) -> list[Requirement]:
    requirements = [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    requirements += [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    for group in groups:
        requirements += [Requirement(text) for text in PYPROJECT["project"]["optional-dependencies"][group]]
    return requirements


@pytest.mark.parametrize("lock, groups", [("site.lock", ()), ("test.lock", ("test",))])
@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=lambda env: f"py{env['python_version']}-{env['sys_platform']}")
def test_the_lock_pins_every_declared_dependency_once_within_its_range(lock, groups, environment):
    for requirement in declared(*groups):
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        versions = pinned_for(lock, requirement.name, environment)
        assert len(versions) == 1, f"{lock} pins {requirement.name} {len(versions)} times here: run bash requirements/update"
        assert requirement.specifier.contains(versions[0], prereleases=True), (
            f"{lock} pins {requirement.name}=={versions[0]}, outside pyproject's {requirement.specifier}")


def test_the_test_lock_pins_what_hatchling_asks_for_to_build_the_editable_install(monkeypatch):
    from hatchling import build as backend

    monkeypatch.chdir(ROOT)
    for text in backend.get_requires_for_build_editable():
        requirement = Requirement(text)
        versions = pinned_for("test.lock", requirement.name, ENVIRONMENTS[1])
        assert len(versions) == 1 and requirement.specifier.contains(versions[0]), (
            f"test.lock does not pin {text}: add it to requirements/update")


def test_the_site_lock_is_the_test_locks_resolution_without_the_test_tools():
    test_pins = set(pins("test.lock"))
    assert set(pins("site.lock")) <= test_pins


def test_every_pin_carries_hashes():
    """pip then refuses a file that is not the one the lock was made with."""
    for lock in ("site.lock", "test.lock"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        requirement_lines = [line for line in text.splitlines() if line[:1].isalnum()]
        assert len(requirement_lines) == len(pins(lock)) > 0, "every requirement is an exact pin"
        for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
            assert "--hash=sha256:" in block, f"{lock}: no hash for {block.splitlines()[0]}"


def test_what_is_installed_is_what_the_test_lock_pins():
    """The suite runs on the locked versions: the README's test command installed them."""
    differing = []
    for name, version, marker in pins("test.lock"):
        if marker is not None and not marker.evaluate():  # this interpreter and platform
            continue
        installed = Version(metadata.version(name))
        if installed != version:
            differing.append(f"{name} {installed} (lock: {version})")
    assert not differing, ("installed versions differ from requirements/test.lock: " + ", ".join(differing)
                           + "; install with the README's test command, or upgrade the lock on purpose"
                           " (docs/dependencies.md)")


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_the_readme_opens_with_two_commands_that_install_from_the_locks():
    build, tests = readme_commands()
    assert "pip install -r requirements/site.lock" in build and build.endswith("bulletin build")
    assert "pip install -r requirements/test.lock" in tests and tests.endswith("python -m pytest")
    for command in (build, tests):
        # the project itself goes on top of the lock, resolving nothing and building with the locked hatchling
        assert "--no-deps --no-build-isolation" in command


def test_ci_runs_the_readmes_test_command_verbatim():
    tests = readme_commands()[1]
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
