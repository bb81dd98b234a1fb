"""The installed `rolemap` script as a user runs it: a real process, which leaves through
`cli.run`'s quick exit, so everything it printed must be flushed and its exit code kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rolemap.adapters.xlsx_template import write_grids
from rolemap.demo import build_demo

AS_OF = "2026-11-25"
ROLEMAP = Path(sys.executable).with_name("rolemap")


def _rolemap(*args: str) -> subprocess.CompletedProcess[str]:
    # Buffered output, as in a user's shell: only an explicit flush gets it out before the exit.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [str(ROLEMAP), *args], capture_output=True, text=True, timeout=120, check=False, env=env
    )


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import datetime as dt

    path = tmp_path_factory.mktemp("script") / "demo.xlsx"
    write_grids(path, build_demo("en", dt.date.fromisoformat(AS_OF)))
    return path


def test_script_prints_the_whole_json_before_it_exits(demo_book: Path) -> None:
    done = _rolemap("recalc", str(demo_book), "--json", "--dry-run", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)  # cut short, this would not parse
    assert payload["as_of"] == AS_OF
    assert payload["flags"]


def test_script_keeps_exit_code_1_and_the_one_line_error(tmp_path: Path) -> None:
    done = _rolemap("recalc", str(tmp_path / "missing.xlsx"))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("rolemap: ")
    assert done.stderr.count("\n") == 1


def test_script_keeps_exit_code_2_for_a_usage_error() -> None:
    done = _rolemap("recalc")
    assert done.returncode == 2
    assert "give either a WORKBOOK.xlsx or --sheet SPREADSHEET_ID" in done.stderr


def test_script_answers_version_with_exit_code_0() -> None:
    done = _rolemap("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("rolemap, version ")
