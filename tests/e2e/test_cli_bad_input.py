"""Bad input at the command line: one line on stderr, the right exit code, nothing written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import google.auth
import pytest
from click.testing import CliRunner, Result
from google.auth.exceptions import DefaultCredentialsError
from openpyxl import Workbook

from rolemap.cli import main
from sheets_emulator import Emulator

README_SECTION = '"Connect a real Google Sheet"'


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _one_line(result: Result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("rolemap: "), result.stderr
    assert "Traceback" not in result.output
    return result.stderr


def _hello_workbook(path: Path) -> Path:
    wb = Workbook()
    wb.active["A1"] = "hello"
    wb.save(path)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_recalc_of_an_unrelated_workbook_exits_1_and_leaves_it_byte_identical(
    runner: CliRunner, tmp_path: Path
) -> None:
    book = _hello_workbook(tmp_path / "hello.xlsx")
    before = _sha256(book)
    line = _one_line(runner.invoke(main, ["recalc", str(book)]), 1)
    assert "hello.xlsx is not a Rolemap sheet" in line
    assert "nothing was written" in line
    assert _sha256(book) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hello.xlsx"]


def test_recalc_of_an_unrelated_google_sheet_exits_1_with_no_batch_update(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Emulator() as emulator:
        emulator.seed_grid("foreign", {"Sheet1": [["hello"]]})
        monkeypatch.setenv("ROLEMAP_SHEETS_API_URL", emulator.url)
        line = _one_line(runner.invoke(main, ["recalc", "--sheet", "foreign"]), 1)
        log = emulator.requests_log()
    assert "foreign is not a Rolemap sheet" in line
    assert [e["operation"] for e in log] == ["spreadsheets.get"]  # metadata only, no batchUpdate
    assert all(e["kind"] == "read" for e in log)


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key file and no Application Default Credentials, without asking any metadata server."""
    for name in ("GOOGLE_APPLICATION_CREDENTIALS", "ROLEMAP_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ROLEMAP_SHEETS_API_URL", "https://sheets.googleapis.com")

    def default(*_args: Any, **_kwargs: Any) -> Any:
        raise DefaultCredentialsError("Your default credentials were not found.")  # type: ignore[no-untyped-call]

    monkeypatch.setattr(google.auth, "default", default)


@pytest.mark.usefixtures("no_credentials")
@pytest.mark.parametrize(
    "args", [["recalc", "--sheet", "SHEET_ID"], ["template", "create"]], ids=["recalc", "create"]
)
def test_missing_google_credentials_name_the_variable_and_the_readme(
    runner: CliRunner, args: list[str]
) -> None:
    line = _one_line(runner.invoke(main, args), 1)
    assert "GOOGLE_APPLICATION_CREDENTIALS" in line
    assert README_SECTION in line
    assert "unexpected error" not in line
    assert "DefaultCredentialsError" not in line


@pytest.mark.usefixtures("no_credentials")
def test_an_unreadable_credentials_file_is_one_line_too(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "key.json"
    key.write_text("{}")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key))
    line = _one_line(runner.invoke(main, ["recalc", "--sheet", "SHEET_ID"]), 1)
    assert str(key) in line
    assert "GOOGLE_APPLICATION_CREDENTIALS" in line
    assert README_SECTION in line


@pytest.mark.parametrize("command", [["template", "build"], ["demo"]], ids=["template", "demo"])
@pytest.mark.parametrize("name", ["t.csv", "t.xls", "t"])
def test_writing_a_workbook_under_a_non_xlsx_name_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, command: list[str], name: str
) -> None:
    target = tmp_path / name
    line = _one_line(runner.invoke(main, [*command, "-o", str(target)]), 2)
    assert "is not an .xlsx path" in line
    assert not target.exists()


def test_template_build_accepts_an_upper_case_xlsx_name(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["template", "build", "-o", str(tmp_path / "T.XLSX")])
    assert result.exit_code == 0, result.output


def test_an_as_of_date_years_after_the_data_warns_that_daily_is_stale(
    runner: CliRunner, tmp_path: Path
) -> None:
    book = tmp_path / "demo.xlsx"
    assert runner.invoke(main, ["demo", "-o", str(book), "--as-of", "2026-11-25"]).exit_code == 0
    result = runner.invoke(
        main, ["recalc", str(book), "--json", "--dry-run", "--as-of", "2030-01-01"]
    )
    assert result.exit_code == 0, result.output
    stale = [c for c in json.loads(result.stdout)["checks"] if c["code"] == "DATA-STALE"]
    assert len(stale) == 1
    assert "2026-11-25" in stale[0]["message"]
    assert "2030-01-01" in stale[0]["message"]
