"""The terminal speaks the sheet's language, with correct plural forms."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rolemap.cli import main

AS_OF = "2026-11-25"


def test_russian_demo_names_the_workbook_and_counts_in_russian(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    result = CliRunner().invoke(main, ["demo", "--lang", "ru", "-o", str(path), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert f"Книга: {path.resolve()}" in result.stdout
    assert "Проверки: 5 ошибок, 3 предупреждения, 0 замечаний" in result.stdout
    assert "Исправить в таблице (6)" in result.stdout
    assert "2026-11-25" not in result.stdout  # dates are 25.11.2026 in a Russian sheet
    assert "25.11.2026" in result.stdout


def test_english_counts_are_singular_and_plural(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    result = CliRunner().invoke(main, ["demo", "-o", str(path), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert "Checks: 5 errors, 3 warnings, 0 info notes" in result.stdout
    assert "1 day in a row" in result.stdout
    assert "day(s)" not in result.stdout
    dry = CliRunner().invoke(main, ["recalc", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "Dry run: nothing was written." in dry.stdout
