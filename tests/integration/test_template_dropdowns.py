"""The template's dropdowns and percent formats, in the xlsx and the Google template alike.

Owner picks from the people in Roles, every Channel column from Channels, Language from en/ru,
yes/no columns from yes/no; Gross margin, Target ROMI and rate thresholds show as percents.
The untouched template recalculates to one info line on both backends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from rolemap.adapters.google.storage import GoogleSheetStorage
from rolemap.adapters.google.template import create_spreadsheet
from rolemap.adapters.xlsx import XlsxStorage
from rolemap.adapters.xlsx_template import build_template
from rolemap.core.model.contract import Lang
from rolemap.pipeline import run
from rolemap.settings import Settings
from sheets_emulator import Emulator

TITLES: dict[str, dict[str, str]] = {
    "en": {
        "settings": "Settings",
        "roles": "Roles",
        "channels": "Channels",
        "weekly": "Weekly",
        "daily": "Daily",
        "stop_rules": "Stop rules",
    },
    "ru": {
        "settings": "Настройки",
        "roles": "Роли",
        "channels": "Каналы",
        "weekly": "Неделя",
        "daily": "По дням",
        "stop_rules": "Стоп-правила",
    },
}
CHANNEL_COLUMNS = {"weekly": "B", "daily": "B", "stop_rules": "B"}
YES_NO = {"en": "yes,no", "ru": "да,нет"}


# -- xlsx


def _validations(path: Path, title: str) -> dict[str, Any]:
    ws = load_workbook(path)[title]
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_xlsx_owner_and_channel_columns_pick_from_roles_and_channels(
    lang: Lang, tmp_path: Path
) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang, path)
    t = TITLES[lang]
    owner = _validations(path, t["channels"])["C2:C1000"]
    assert (owner.type, owner.formula1) == ("list", f"'{t['roles']}'!$B$2:$B$1000")
    assert not owner.showErrorMessage  # a name not in Roles yet is a check, not a refusal
    for key, letter in CHANNEL_COLUMNS.items():
        dv = _validations(path, t[key])[f"{letter}2:{letter}1000"]
        assert (dv.type, dv.formula1) == ("list", f"'{t['channels']}'!$A$2:$A$1000")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_xlsx_language_and_yes_no_are_dropdowns(lang: Lang, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang, path)
    t = TITLES[lang]
    language = _validations(path, t["settings"])["B2"]
    assert (language.formula1, bool(language.showErrorMessage)) == ('"en,ru"', True)
    can_stop = _validations(path, t["roles"])["G2:G1000"]
    assert can_stop.formula1 == f'"{YES_NO[lang]}"'


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_xlsx_percents_show_as_percents(lang: Lang, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang, path)
    wb = load_workbook(path)
    settings, rules = wb[TITLES[lang]["settings"]], wb[TITLES[lang]["stop_rules"]]
    assert (settings["B5"].value, settings["B5"].number_format) == (0.6, "0.0%")  # margin
    assert (settings["B7"].value, settings["B7"].number_format) == (0.3, "0.0%")  # target ROMI
    assert settings["B4"].number_format == "yyyy-mm-dd"  # As of
    assert (rules["E3"].value, rules["E3"].number_format) == (0.005, "0.0%")  # unsubscribes
    assert rules["E2"].number_format == "#,##0.00"  # a CPA threshold is money, not a percent


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_xlsx_untouched_template_recalculates_to_one_info_line(lang: Lang, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    build_template(lang, path)
    outcome = run(XlsxStorage(path))
    assert [(c["severity"], c["code"]) for c in outcome.json["checks"]] == [
        ("info", "TEMPLATE-EXAMPLES")
    ]
    owner = _validations(path, TITLES[lang]["channels"])["C2:C1000"]  # the run keeps dropdowns
    assert owner.formula1 == f"'{TITLES[lang]['roles']}'!$B$2:$B$1000"


# -- Google (the emulator validates every request body against the discovery document)


def _tab(export: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in export["sheets"] if s["properties"]["title"] == title)


def _created(emulator: Emulator, lang: Lang) -> tuple[str, dict[str, Any]]:
    new_id = create_spreadsheet(Settings(sheets_api_url=emulator.url), lang=lang)
    statuses = [e["status"] for e in emulator.requests_log()]
    assert statuses == [200, 200]  # create + one batchUpdate, both accepted
    return new_id, emulator.export(new_id)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_google_owner_and_channel_columns_pick_from_roles_and_channels(
    emulator: Emulator, lang: Lang
) -> None:
    _, export = _created(emulator, lang)
    t = TITLES[lang]
    owner = _tab(export, t["channels"])["dataValidations"]
    assert owner["C2"] == owner["C1000"]
    assert owner["C2"]["condition"] == {
        "type": "ONE_OF_RANGE",
        "values": [{"userEnteredValue": f"='{t['roles']}'!B2:B1000"}],
    }
    assert owner["C2"].get("strict", False) is False
    for key, letter in CHANNEL_COLUMNS.items():
        rule = _tab(export, t[key])["dataValidations"][f"{letter}2"]
        assert rule["condition"] == {
            "type": "ONE_OF_RANGE",
            "values": [{"userEnteredValue": f"='{t['channels']}'!A2:A1000"}],
        }


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_google_language_yes_no_and_percents(emulator: Emulator, lang: Lang) -> None:
    _, export = _created(emulator, lang)
    t = TITLES[lang]
    settings = _tab(export, t["settings"])
    language = settings["dataValidations"]["B2"]
    assert language["strict"] is True
    assert [v["userEnteredValue"] for v in language["condition"]["values"]] == ["en", "ru"]
    assert "B3" not in settings["dataValidations"]
    for cell in ("B5", "B7"):
        assert settings["formats"][cell]["numberFormat"]["type"] == "PERCENT"
    rules = _tab(export, t["stop_rules"])
    assert rules["formats"]["E3"]["numberFormat"]["type"] == "PERCENT"
    assert rules["formats"]["E2"]["numberFormat"]["type"] != "PERCENT"
    can_stop = _tab(export, t["roles"])["dataValidations"]["G2"]["condition"]
    assert ",".join(v["userEnteredValue"] for v in can_stop["values"]) == YES_NO[lang]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_google_untouched_template_recalculates_to_one_info_line(
    emulator: Emulator, lang: Lang
) -> None:
    new_id, _ = _created(emulator, lang)
    storage = GoogleSheetStorage(new_id, Settings(sheets_api_url=emulator.url))
    outcome = run(storage)
    assert [(c["severity"], c["code"]) for c in outcome.json["checks"]] == [
        ("info", "TEMPLATE-EXAMPLES")
    ]
