"""The lock files pin what backend/pyproject.toml asks for: `make lock` after changing it."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BACKEND = Path(__file__).resolve().parents[1] / "backend"
PROJECT = tomllib.loads((BACKEND / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    text = (BACKEND / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def requirements(*groups: str) -> list[Requirement]:
    wanted = list(PROJECT["dependencies"])
    for group in groups:
        wanted += PROJECT["optional-dependencies"][group]
    return [Requirement(r) for r in wanted]


@pytest.mark.parametrize(
    ("lock", "groups"), [("requirements.lock", ()), ("requirements-dev.lock", ("dev",))]
)
def test_every_requirement_is_pinned_within_its_range(lock, groups):
    pinned = pins(lock)
    stale = [
        f"{r.name}{r.specifier} (locked: {pinned.get(canonicalize_name(r.name), 'missing')})"
        for r in requirements(*groups)
        if not r.specifier.contains(pinned.get(canonicalize_name(r.name), ""), prereleases=True)
    ]
    assert not stale, f"backend/{lock} is out of date, run `make lock`: {stale}"


def test_the_runtime_lock_agrees_with_the_development_lock():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development.get(name) for name in runtime} == runtime


def test_every_pin_carries_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (BACKEND / lock).read_text()
        assert text.count("==") <= text.count("--hash=sha256:"), lock
