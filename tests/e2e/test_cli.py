"""The `rolemap` command: exit codes, one-line errors, and the exact §7 JSON on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rolemap.cli import main

AS_OF = "2026-11-25"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.xlsx"
    result = CliRunner().invoke(main, ["demo", "-o", str(path), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return path


def test_demo_prints_decisions_and_the_workbook_path(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "demo.xlsx"
    result = runner.invoke(main, ["demo", "-o", str(path), "--as-of", AS_OF])
    assert result.exit_code == 0
    assert "Decisions needed this week" in result.stdout
    assert 'Stop "Yandex Direct"' in result.stdout
    assert f"Workbook: {path.resolve()}" in result.stdout
    assert path.exists()


def test_russian_demo_speaks_russian(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["demo", "--lang", "ru", "-o", str(tmp_path / "d.xlsx"), "--as-of", AS_OF]
    )
    assert result.exit_code == 0
    assert "Что решить на этой неделе" in result.stdout
    assert "Остановить «Яндекс Директ»" in result.stdout


def test_recalc_json_prints_only_the_contract_json(runner: CliRunner, demo_book: Path) -> None:
    result = runner.invoke(main, ["recalc", str(demo_book), "--json", "--dry-run"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert list(payload) == [
        "spreadsheet_id",
        "as_of",
        "flags",
        "checks",
        "totals",
        "channels",
        "api_requests",
        "duration_ms",
        "dry_run",
        "backtest",
        "decisions",
        "people",
        "notifications",
        "notifications_sent",
        "notifications_failed",
    ]
    assert payload["as_of"] == AS_OF
    assert payload["dry_run"] is True
    assert payload["api_requests"] == 0
    assert {f["action"] for f in payload["flags"]} == {"stop", "rewrite", "scale_down"}
    assert set(payload["flags"][0]) == {
        "channel",
        "owner",
        "rule",
        "metric",
        "condition",
        "threshold",
        "days_in_a_row",
        "since",
        "last_value",
        "action",
        "status",
    }
    assert set(payload["checks"][0]) == {
        "severity",
        "code",
        "tab",
        "row",
        "column",
        "message",
        "fix",
    }


def test_recalc_as_of_overrides_the_sheet_setting(runner: CliRunner, demo_book: Path) -> None:
    result = runner.invoke(
        main, ["recalc", str(demo_book), "--json", "--dry-run", "--as-of", "2026-11-20"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["as_of"] == "2026-11-20"


def test_missing_workbook_exits_1_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["recalc", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("rolemap: ")
    assert "nope.xlsx" in result.stderr
    assert "Traceback" not in result.output


def test_file_that_is_not_a_workbook_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.xlsx"
    bogus.write_text("not a spreadsheet")
    result = runner.invoke(main, ["recalc", str(bogus)])
    assert result.exit_code == 1
    assert result.stderr.startswith("rolemap: ")
    assert "Traceback" not in result.output


def test_recalc_needs_exactly_one_source(runner: CliRunner, demo_book: Path) -> None:
    neither = runner.invoke(main, ["recalc"])
    both = runner.invoke(main, ["recalc", str(demo_book), "--sheet", "abc"])
    for result in (neither, both):
        assert result.exit_code == 2
        assert "give either a WORKBOOK.xlsx or --sheet SPREADSHEET_ID" in result.stderr


def test_bad_as_of_is_a_usage_error(runner: CliRunner, demo_book: Path) -> None:
    result = runner.invoke(main, ["recalc", str(demo_book), "--as-of", "25.11.2026"])
    assert result.exit_code == 2
    assert "is not a date like 2026-11-25" in result.stderr


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["recalc", "--colour"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_template_build_writes_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    result = runner.invoke(main, ["template", "build", "--lang", "ru", "-o", str(path)])
    assert result.exit_code == 0
    assert path.exists()
    assert str(path.resolve()) in result.stdout
