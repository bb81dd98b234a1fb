"""Fixtures, Hypothesis profiles and the case counter of the reliability suite.

Profiles: `ci` (derandomized, fixed example counts, loaded by default) and `long` (many more
examples, random), chosen with `HYPOTHESIS_PROFILE=long`. Hypothesis settings are process-wide,
so loading a profile here also applies to the other Hypothesis tests of the same pytest run.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from rolemap.adapters.google.session import RedirectingSession
from sheets_emulator import Emulator

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)

# Examples per fuzz test, per profile: `ci` keeps the whole suite well under two minutes.
EXAMPLES = {"ci": {"fuzz": 100, "raw": 30, "cli": 5}, "long": {"fuzz": 1500, "raw": 800, "cli": 60}}


def examples(kind: str) -> int:
    return EXAMPLES.get(PROFILE, EXAMPLES["ci"])[kind]


CASES: Counter[str] = Counter()  # fuzz cases actually run, by kind, for the closing summary


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CASES:
        return
    terminalreporter.section("rolemap reliability: fuzz cases run")
    terminalreporter.write_line(f"hypothesis profile: {PROFILE}")
    for kind, count in sorted(CASES.items()):
        terminalreporter.write_line(f"{kind}: {count}")


@pytest.fixture(scope="module")
def shared_emulator() -> Iterator[Emulator]:
    """One emulator for a whole module: Hypothesis runs many examples inside one test call."""
    with Emulator() as emu:
        yield emu


@pytest.fixture(scope="module")
def emulator_session(shared_emulator: Emulator) -> Iterator[RedirectingSession]:
    session = RedirectingSession(shared_emulator.url)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reliability")


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A fresh emulator per test (fault and concurrency tests count requests from zero)."""
    with Emulator() as emu:
        yield emu
