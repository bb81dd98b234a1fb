"""The batchUpdate builder: pure, no HTTP. Every body is also checked against sheets.v4.json."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

import pytest

from rolemap.adapters.google.requests_builder import (
    build_requests,
    choose_sheet_id,
    condition_number,
)
from rolemap.adapters.google.template import create_body, tab_requests
from rolemap.adapters.google.values import date_to_serial, serial_to_date, serial_to_datetime
from rolemap.core.plan.model import (
    Cell,
    Chart,
    ColumnWrite,
    ConditionalFormat,
    OutputTab,
    Range,
    Series,
    Style,
    Tone,
    WritePlan,
)
from rolemap.core.plan.template import template_layout

FLAG_VALUES = frozenset({"STOP", "REWRITE", "REVIEW", "SCALE DOWN", "СТОП", "ПЕРЕПИСАТЬ"})


# -- a tiny walk over Google's discovery schemas: unknown fields, types and enums


@cache
def _schemas() -> dict[str, Any]:
    path = resources.files("googleapiclient") / "discovery_cache/documents/sheets.v4.json"
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc["schemas"]  # type: ignore[no-any-return]


def _check(spec: dict[str, Any], value: Any, where: str) -> None:
    if "$ref" in spec:
        schema = _schemas()[spec["$ref"]]
        assert isinstance(value, dict), f"{where}: expected an object"
        for key, item in value.items():
            assert key in schema["properties"], f"{where}: unknown field {key!r}"
            _check(schema["properties"][key], item, f"{where}.{key}")
        return
    kind = spec.get("type")
    if kind == "array":
        assert isinstance(value, list), f"{where}: expected a list"
        for i, item in enumerate(value):
            _check(spec["items"], item, f"{where}[{i}]")
    elif kind == "integer":
        assert type(value) is int, f"{where}: not an int"
        assert -(2**31) <= value < 2**31, f"{where}: out of int32"
    elif kind == "number":
        assert type(value) in {int, float}, f"{where}: not a number"
    elif kind == "boolean":
        assert isinstance(value, bool), f"{where}: not a bool"
    elif kind == "string":
        assert isinstance(value, str), f"{where}: not a string"
        if "enum" in spec:
            assert value in spec["enum"], f"{where}: {value!r} is not an allowed value"
    elif kind == "object" and "additionalProperties" in spec:
        for key, item in value.items():
            _check(spec["additionalProperties"], item, f"{where}.{key}")


def validate(schema: str, body: Any) -> None:
    _check({"$ref": schema}, body, schema)


def validate_batch(requests: list[dict[str, Any]]) -> None:
    validate("BatchUpdateSpreadsheetRequest", {"requests": requests})
    for request in requests:
        assert len(request) == 1, f"one kind per request: {request}"


# -- fixtures


def sheet(
    sheet_id: int,
    title: str,
    *,
    rows: int = 1000,
    cols: int = 26,
    frozen: int = 0,
    **extra: Any,
) -> dict[str, Any]:
    grid = {"rowCount": rows, "columnCount": cols}
    if frozen:
        grid["frozenRowCount"] = frozen
    return {"properties": {"sheetId": sheet_id, "title": title, "gridProperties": grid}, **extra}


def metadata(*sheets: dict[str, Any], locale: str = "en_US") -> dict[str, Any]:
    return {"spreadsheetId": "s1", "properties": {"locale": locale}, "sheets": list(sheets)}


def checks_tab(title: str = "Checks", **extra: Any) -> OutputTab:
    bold = Style(bold=True)
    return OutputTab(
        key="checks",
        title=title,
        rows=(
            (Cell("Severity", bold), Cell("Code", bold), Cell("Problem", bold)),
            (Cell("error"), Cell("OWN-001"), Cell('=IMPORTXML("x", "//a")')),
        ),
        column_widths=(90, 110, 400),
        frozen_rows=1,
        conditional_formats=(ConditionalFormat(Range(1, 0, 10), "text_eq", "error", "red", True),),
        protection_note="Rewritten on every recalculation.",
        **extra,
    )


def kinds(requests: list[dict[str, Any]]) -> list[str]:
    return [next(iter(r)) for r in requests]


def user_rule(col: int, kind: str, value: str) -> dict[str, Any]:
    return {
        "ranges": [
            {"sheetId": 5, "startRowIndex": 1, "startColumnIndex": col, "endColumnIndex": col + 1}
        ],
        "booleanRule": {
            "condition": {"type": kind, "values": [{"userEnteredValue": value}]},
            "format": {"backgroundColor": {"red": 1}},
        },
    }


# -- output tabs


def test_fresh_sheet_adds_the_tab_with_a_chosen_id_then_writes_it() -> None:
    meta = metadata(sheet(0, "Settings"), sheet(5, "Channels"))
    requests = build_requests(WritePlan("en", outputs=(checks_tab(),)), meta)
    validate_batch(requests)

    assert kinds(requests)[0] == "addSheet"
    added = requests[0]["addSheet"]["properties"]
    sheet_id = added["sheetId"]
    assert sheet_id == choose_sheet_id("checks", {0, 5})
    assert added["title"] == "Checks"
    assert added["gridProperties"]["frozenRowCount"] == 1
    assert "deleteConditionalFormatRule" not in kinds(requests)

    write = next(r["updateCells"] for r in requests if "rows" in r.get("updateCells", {}))
    assert write["start"] == {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0}
    assert write["fields"] == "userEnteredValue,userEnteredFormat"
    header = write["rows"][0]["values"][0]
    assert header["userEnteredFormat"]["textFormat"]["bold"] is True
    protection = next(
        r["addProtectedRange"]["protectedRange"] for r in requests if "addProtectedRange" in r
    )
    assert protection["warningOnly"] is True
    assert protection["description"].startswith("Rolemap")
    assert protection["range"] == {"sheetId": sheet_id}
    rule = next(r["addConditionalFormatRule"] for r in requests if "addConditionalFormatRule" in r)
    assert rule["rule"]["ranges"][0]["sheetId"] == sheet_id
    assert rule["rule"]["booleanRule"]["condition"]["type"] == "TEXT_EQ"


def test_formula_looking_text_stays_a_string() -> None:
    requests = build_requests(WritePlan("en", outputs=(checks_tab(),)), metadata())
    write = next(r["updateCells"] for r in requests if "rows" in r.get("updateCells", {}))
    cell = write["rows"][1]["values"][2]
    assert cell["userEnteredValue"] == {"stringValue": '=IMPORTXML("x", "//a")'}


def test_typed_values_and_formats() -> None:
    money = Style(number_format="money", tone="amber", align="right", wrap=True, size=12)
    tab = OutputTab(
        key="summary",
        title="CMO summary",
        rows=(
            (
                Cell(dt.date(2026, 11, 23)),
                Cell(dt.datetime(2026, 11, 23, 18, 0)),
                Cell(1234.5, money),
                Cell(True),
                Cell(0.25, Style(number_format="percent")),
                Cell(None),
                Cell(""),
                Cell(float("inf")),
            ),
        ),
    )
    requests = build_requests(WritePlan("en", outputs=(tab,)), metadata())
    validate_batch(requests)
    write = next(r["updateCells"] for r in requests if "rows" in r.get("updateCells", {}))
    date, stamp, amount, flag, share, empty, blank, inf = write["rows"][0]["values"]
    assert date["userEnteredValue"] == {"numberValue": 46349}
    assert date["userEnteredFormat"]["numberFormat"] == {"type": "DATE", "pattern": "yyyy-mm-dd"}
    assert stamp["userEnteredValue"] == {"numberValue": 46349.75}
    assert stamp["userEnteredFormat"]["numberFormat"]["type"] == "DATE_TIME"
    assert amount["userEnteredValue"] == {"numberValue": 1234.5}
    assert amount["userEnteredFormat"]["numberFormat"] == {"type": "NUMBER", "pattern": "#,##0"}
    assert amount["userEnteredFormat"]["horizontalAlignment"] == "RIGHT"
    assert amount["userEnteredFormat"]["wrapStrategy"] == "WRAP"
    assert amount["userEnteredFormat"]["textFormat"]["fontSize"] == 12
    assert amount["userEnteredFormat"]["backgroundColor"] == {
        "red": 0.9882,
        "green": 0.9098,
        "blue": 0.698,
    }
    assert flag["userEnteredValue"] == {"boolValue": True}
    assert share["userEnteredFormat"]["numberFormat"] == {"type": "PERCENT", "pattern": "0.0%"}
    assert empty == {}
    assert blank == {}
    assert inf["userEnteredValue"] == {"stringValue": "∞"}


def test_serial_helpers_round_trip() -> None:
    assert date_to_serial(dt.date(1899, 12, 31)) == 1
    assert serial_to_date(46349.75) == dt.date(2026, 11, 23)
    assert serial_to_datetime(46349.75) == dt.datetime(2026, 11, 23, 18, 0)
    aware = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert date_to_serial(aware) == 46349.25


def test_existing_output_tab_is_reset_and_keeps_its_id() -> None:
    ours = {
        "protectedRangeId": 9,
        "range": {"sheetId": 42},
        "description": "Rolemap: Rewritten on every recalculation.",
        "warningOnly": True,
    }
    theirs = {
        "protectedRangeId": 10,
        "range": {"sheetId": 42, "startRowIndex": 0, "endRowIndex": 1},
        "description": "Finance lock",
    }
    existing = sheet(
        42,
        "Checks",
        rows=500,
        cols=26,
        frozen=1,
        conditionalFormats=[
            user_rule(0, "TEXT_EQ", "error"),
            user_rule(0, "TEXT_EQ", "warning"),
            user_rule(1, "NUMBER_LESS", "3"),
        ],
        charts=[{"chartId": 7}],
        merges=[
            {
                "sheetId": 42,
                "startRowIndex": 0,
                "endRowIndex": 1,
                "startColumnIndex": 0,
                "endColumnIndex": 3,
            }
        ],
        protectedRanges=[ours, theirs],
    )
    requests = build_requests(WritePlan("en", outputs=(checks_tab(),)), metadata(existing))
    validate_batch(requests)
    names = kinds(requests)

    assert "addSheet" not in names
    deletes = [
        r["deleteConditionalFormatRule"] for r in requests if "deleteConditionalFormatRule" in r
    ]
    assert deletes == [{"sheetId": 42, "index": i} for i in (2, 1, 0)]
    assert {"deleteEmbeddedObject": {"objectId": 7}} in requests
    unmerge = requests[names.index("unmergeCells")]["unmergeCells"]
    assert unmerge["range"]["sheetId"] == 42
    assert names.index("unmergeCells") < names.index("updateCells")
    clear = requests[names.index("updateCells")]["updateCells"]
    assert clear == {"range": {"sheetId": 42}, "fields": "userEnteredValue,userEnteredFormat,note"}
    # every delete comes before the first add, so indexes are those of the metadata
    last_delete = max(i for i, n in enumerate(names) if n.startswith("delete"))
    assert last_delete < names.index("addConditionalFormatRule")
    assert (
        requests[names.index("addConditionalFormatRule")]["addConditionalFormatRule"]["index"] == 0
    )
    # the grid shrinks to what the tab needs; widths are reset
    grid = next(r["updateSheetProperties"] for r in requests if "updateSheetProperties" in r)
    assert grid["properties"]["gridProperties"]["rowCount"] == 100
    widths = [
        r["updateDimensionProperties"]
        for r in requests
        if r.get("updateDimensionProperties", {}).get("range", {}).get("dimension") == "COLUMNS"
    ]
    assert widths[0]["properties"]["pixelSize"] == 90
    assert widths[-1]["range"]["endIndex"] == 26
    assert widths[-1]["properties"]["pixelSize"] == 100
    # ours exists: no new protection; theirs untouched
    assert "addProtectedRange" not in names
    assert "deleteProtectedRange" not in names
    assert "updateProtectedRange" not in names


def test_a_user_protection_alone_does_not_stop_ours_and_duplicates_are_cleaned() -> None:
    theirs = {"protectedRangeId": 10, "range": {"sheetId": 42}, "description": "Finance lock"}
    dup = [
        {
            "protectedRangeId": n,
            "range": {"sheetId": 43},
            "description": "Rolemap: old",
            "warningOnly": True,
        }
        for n in (11, 12)
    ]
    meta = metadata(
        sheet(42, "Checks", protectedRanges=[theirs]), sheet(43, "Run log", protectedRanges=dup)
    )
    runlog = OutputTab(
        key="runlog", title="Run log", rows=((Cell("When"),),), protection_note="Rolemap: new"
    )
    requests = build_requests(WritePlan("en", outputs=(checks_tab(), runlog)), meta)
    validate_batch(requests)
    added = [r["addProtectedRange"]["protectedRange"] for r in requests if "addProtectedRange" in r]
    assert [p["range"]["sheetId"] for p in added] == [42]
    update = next(r["updateProtectedRange"] for r in requests if "updateProtectedRange" in r)
    assert update["protectedRange"]["protectedRangeId"] == 11
    assert update["protectedRange"]["description"] == "Rolemap: new"
    assert [r["deleteProtectedRange"] for r in requests if "deleteProtectedRange" in r] == [
        {"protectedRangeId": 12}
    ]


def test_language_switch_renames_the_tab_and_keeps_its_id() -> None:
    meta = metadata(sheet(77, "Checks"), sheet(5, "Каналы"))
    requests = build_requests(WritePlan("ru", outputs=(checks_tab("Проверки"),)), meta)
    validate_batch(requests)
    assert "addSheet" not in kinds(requests)
    assert requests[0] == {
        "updateSheetProperties": {
            "properties": {"sheetId": 77, "title": "Проверки"},
            "fields": "title",
        }
    }


def test_exact_title_wins_over_the_other_language() -> None:
    meta = metadata(sheet(77, "Checks"), sheet(78, "Проверки"))
    requests = build_requests(WritePlan("ru", outputs=(checks_tab("Проверки"),)), meta)
    assert "updateSheetProperties" not in [
        k for r in requests for k in r if r[k].get("fields") == "title"
    ]
    clear = next(r["updateCells"] for r in requests if "range" in r.get("updateCells", {}))
    assert clear["range"]["sheetId"] == 78


def test_chosen_ids_avoid_collisions() -> None:
    wanted = choose_sheet_id("checks", set())
    assert choose_sheet_id("checks", {wanted}) == wanted + 1
    meta = metadata(sheet(wanted, "Roles"))
    requests = build_requests(WritePlan("en", outputs=(checks_tab(),)), meta)
    assert requests[0]["addSheet"]["properties"]["sheetId"] not in {wanted, 0}


def test_chart_uses_the_tab_id_and_names_series_from_the_header_row() -> None:
    rows = (
        (Cell("Week"), Cell("Spend"), Cell("Revenue")),
        (Cell(dt.date(2026, 11, 2)), Cell(10), Cell(30)),
        (Cell(dt.date(2026, 11, 9)), Cell(12), Cell(25)),
    )
    chart = Chart(
        kind="line",
        title="Spend vs revenue",
        categories=Range(1, 0, 2),
        series=(Series("Spend", Range(1, 1, 2)), Series("Revenue", Range(1, 2, 2))),
        anchor_row=0,
        anchor_col=5,
        y_title="RUB",
    )
    tab = OutputTab(key="summary", title="CMO summary", rows=rows, charts=(chart,))
    requests = build_requests(WritePlan("en", outputs=(tab,)), metadata())
    validate_batch(requests)
    sheet_id = requests[0]["addSheet"]["properties"]["sheetId"]
    spec = next(r["addChart"]["chart"] for r in requests if "addChart" in r)
    basic = spec["spec"]["basicChart"]
    assert basic["chartType"] == "LINE"
    assert basic["headerCount"] == 1
    source = basic["series"][1]["series"]["sourceRange"]["sources"][0]
    assert source == {
        "sheetId": sheet_id,
        "startRowIndex": 0,
        "endRowIndex": 3,
        "startColumnIndex": 2,
        "endColumnIndex": 3,
    }
    anchor = spec["position"]["overlayPosition"]
    assert anchor["anchorCell"] == {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 5}
    assert (anchor["widthPixels"], anchor["heightPixels"]) == (560, 300)


def test_chart_without_a_matching_header_row_has_no_header() -> None:
    rows = ((Cell("a"), Cell(1)), (Cell("b"), Cell(2)))
    chart = Chart("column", "T", Range(0, 0, 2), (Series("Other", Range(0, 1, 2)),), 3, 0)
    requests = build_requests(
        WritePlan("en", outputs=(OutputTab("summary", "CMO summary", rows, charts=(chart,)),)),
        metadata(),
    )
    basic = next(r["addChart"] for r in requests if "addChart" in r)["chart"]["spec"]["basicChart"]
    assert basic["headerCount"] == 0
    assert basic["chartType"] == "COLUMN"
    assert basic["domains"][0]["domain"]["sourceRange"]["sources"][0]["startRowIndex"] == 0


# -- the Flag (auto) column on Channels


TONES: tuple[tuple[str, Tone], ...] = (("STOP", "red"), ("REVIEW", "amber"))


def flag_write(header: str | None = None) -> ColumnWrite:
    rules = tuple(
        ConditionalFormat(Range(1, 7, 999), "text_eq", value, tone, True) for value, tone in TONES
    )
    return ColumnWrite(
        tab="Channels",
        header_row=0,
        col=7,
        header=header,
        values=(Cell("STOP"), Cell(None), Cell("=cmd|' /C calc'!A0")),
        conditional_formats=rules,
    )


def test_flag_column_replaces_only_our_rules() -> None:
    rules = [
        user_rule(4, "NUMBER_GREATER", "100"),  # theirs: another column
        user_rule(7, "TEXT_EQ", "STOP"),  # ours
        user_rule(7, "TEXT_EQ", "VIP"),  # theirs: same column, a value we never write
        user_rule(7, "TEXT_EQ", "REVIEW"),  # ours
    ]
    two_cols = user_rule(7, "TEXT_EQ", "STOP")
    two_cols["ranges"].append({"sheetId": 5, "startColumnIndex": 2, "endColumnIndex": 3})
    rules.append(two_cols)  # theirs: spans two columns
    meta = metadata(sheet(5, "Channels", cols=8, conditionalFormats=rules))
    plan = WritePlan("en", column_writes=(flag_write(),), owned_rule_values=FLAG_VALUES)
    requests = build_requests(plan, meta)
    validate_batch(requests)

    deletes = [
        r["deleteConditionalFormatRule"]["index"]
        for r in requests
        if "deleteConditionalFormatRule" in r
    ]
    assert deletes == [3, 1]
    adds = [r["addConditionalFormatRule"] for r in requests if "addConditionalFormatRule" in r]
    assert [a["index"] for a in adds] == [3, 4]  # after the 3 rules that stay
    assert adds[0]["rule"]["ranges"][0]["startColumnIndex"] == 7
    writes = [r["updateCells"] for r in requests if "updateCells" in r]
    assert len(writes) == 1  # values only; no header
    assert writes[0]["fields"] == "userEnteredValue"
    assert writes[0]["start"] == {"sheetId": 5, "rowIndex": 1, "columnIndex": 7}
    assert [row["values"][0] for row in writes[0]["rows"]] == [
        {"userEnteredValue": {"stringValue": "STOP"}},
        {},
        {"userEnteredValue": {"stringValue": "=cmd|' /C calc'!A0"}},
    ]
    assert "updateSheetProperties" not in kinds(requests)


def test_two_column_writes_on_one_tab_each_replace_their_own_rules_by_current_index() -> None:
    rules = [
        user_rule(2, "TEXT_EQ", "STOP"),  # ours on column C
        user_rule(4, "TEXT_EQ", "STOP"),  # theirs: a column we do not write
        user_rule(5, "TEXT_EQ", "REVIEW"),  # ours on column F
    ]
    meta = metadata(sheet(5, "Channels", cols=8, conditionalFormats=rules))

    def write(col: int) -> ColumnWrite:
        rule = ConditionalFormat(Range(1, col, 10), "text_eq", "STOP", "red")
        return ColumnWrite("Channels", 0, col, None, (Cell("STOP"),), (rule,))

    plan = WritePlan("en", column_writes=(write(2), write(5)), owned_rule_values=FLAG_VALUES)
    requests = build_requests(plan, meta)
    validate_batch(requests)

    steps = [
        (kind, r[kind].get("index"))
        for r in requests
        for kind in ("deleteConditionalFormatRule", "addConditionalFormatRule")
        if kind in r
    ]
    # [C, theirs, F] -> [theirs, F] -> [theirs, F, C'] -> [theirs, C'] -> [theirs, C', F']
    assert steps == [
        ("deleteConditionalFormatRule", 0),
        ("addConditionalFormatRule", 2),
        ("deleteConditionalFormatRule", 1),
        ("addConditionalFormatRule", 2),
    ]


def test_flag_column_past_the_grid_grows_it_and_writes_the_header() -> None:
    meta = metadata(sheet(5, "channels ", cols=7))
    plan = WritePlan(
        "en", column_writes=(flag_write("Flag (auto)"),), owned_rule_values=FLAG_VALUES
    )
    requests = build_requests(plan, meta)
    validate_batch(requests)
    grow = requests[0]["updateSheetProperties"]
    assert grow["properties"]["gridProperties"]["columnCount"] == 8
    header = requests[1]["updateCells"]
    assert header["start"] == {"sheetId": 5, "rowIndex": 0, "columnIndex": 7}
    assert header["rows"] == [{"values": [{"userEnteredValue": {"stringValue": "Flag (auto)"}}]}]
    assert [
        r["addConditionalFormatRule"]["index"] for r in requests if "addConditionalFormatRule" in r
    ] == [0, 1]


def test_number_conditions_follow_the_sheet_locale() -> None:
    assert condition_number(0.005, "ru_RU") == "0,005"
    assert condition_number(0.005, "en_US") == "0.005"
    assert condition_number(3.0, "ru_RU") == "3"
    tab = OutputTab(
        key="summary",
        title="Сводка CMO",
        rows=((Cell(1.5),),),
        conditional_formats=(ConditionalFormat(Range(0, 0), "number_lt", 1.5, "red"),),
    )
    requests = build_requests(WritePlan("ru", outputs=(tab,)), metadata(locale="ru_RU"))
    rule = next(r["addConditionalFormatRule"] for r in requests if "addConditionalFormatRule" in r)
    condition = rule["rule"]["booleanRule"]["condition"]
    assert condition == {"type": "NUMBER_LESS", "values": [{"userEnteredValue": "1,5"}]}


def test_a_vanished_user_tab_fails_before_anything_is_sent() -> None:
    from rolemap.errors import SheetsApiError

    with pytest.raises(SheetsApiError, match="Channels"):
        build_requests(WritePlan("en", column_writes=(flag_write(),)), metadata())


# -- template create


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_template_bodies_validate(lang: str) -> None:
    tabs = template_layout(lang)  # type: ignore[arg-type]
    body = create_body(lang, "Rolemap", tabs)  # type: ignore[arg-type]
    validate("Spreadsheet", body)
    assert [s["properties"]["title"] for s in body["sheets"]] == [t.title for t in tabs]
    requests = [r for i, t in enumerate(tabs) for r in tab_requests(t, i)]
    validate_batch(requests)
    header = requests[0]["updateCells"]["rows"][0]["values"][0]
    assert header["note"]
    validations = [r["setDataValidation"] for r in requests if "setDataValidation" in r]
    assert validations
    assert all(v["rule"]["showCustomUi"] for v in validations)
    columns = [v for v in validations if v["range"]["sheetId"] != 0]  # Settings: per cell
    assert all(
        v["range"]["startRowIndex"] == 1 and v["range"]["endRowIndex"] == 1000 for v in columns
    )
    example_dates = [
        c["userEnteredValue"]
        for r in requests
        if r.get("updateCells", {}).get("fields") == "userEnteredValue"
        for row in r["updateCells"]["rows"]
        for c in row["values"]
        if "numberValue" in c.get("userEnteredValue", {})
        and c["userEnteredValue"]["numberValue"] == 46349
    ]
    assert example_dates  # the example week's Monday, 2026-11-23, as a serial
