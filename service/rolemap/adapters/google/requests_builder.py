"""A write plan + the spreadsheet's metadata → the request list of ONE `spreadsheets.batchUpdate`.

Pure: no HTTP. `metadata` is the `spreadsheets.get` answer (`storage.METADATA_FIELDS`). Requests in
one batch apply in order and see each other's effects, so:

* a missing output tab gets `addSheet` with a sheetId we choose, and later requests use it;
* conditional-format rules are deleted by index from the highest down (indexes shift), and new
  rules are added at indexes computed for the list as it will be after the deletions.

Ownership: output tabs are ours whole (their rules, charts and merges go); on a user tab only the
`Flag (auto)` column's values and our own rules on it change. Protections are ours when their
description starts with "Rolemap"; others are never touched.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from rolemap.adapters.google.template import MIN_COLS as TEMPLATE_COLS
from rolemap.adapters.google.template import tab_requests
from rolemap.adapters.google.values import (
    CLEAR_FIELDS,
    OUTPUT_CELL_FIELDS,
    VALUE_FIELDS,
    color,
    column_widths,
    extended_value,
    grid_range,
    implied_format,
    row_heights,
    style_format,
    tone_colors,
)
from rolemap.core.model.snapshot import CellValue
from rolemap.core.plan.model import (
    Cell,
    Chart,
    ColumnWrite,
    ConditionalFormat,
    NumberFormat,
    OutputTab,
    Range,
    SharedTab,
    Style,
    WritePlan,
)
from rolemap.core.plan.targets import existing_title, output_names
from rolemap.core.plan.template import TEMPLATE_ROWS
from rolemap.errors import SheetsApiError

Request = dict[str, Any]
Sheet = Mapping[str, Any]

PROTECTION_PREFIX = "Rolemap"
DEFAULT_WIDTH = 100  # Sheets' default column width, restored before our widths
DEFAULT_HEIGHT = 21  # Sheets' default row height, restored before our heights
MIN_ROWS = 100
MIN_COLS = 26
_MAX_SHEET_ID = 2**31 - 1
_CONDITIONS = {
    "text_eq": "TEXT_EQ",
    "number_lt": "NUMBER_LESS",
    "number_gte": "NUMBER_GREATER_THAN_EQ",
}
# Condition values are parsed like typed input, so decimals follow the sheet's locale.
_DECIMAL_COMMA_LANGS = frozenset(
    {"ru", "uk", "be", "kk", "uz", "az", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk"}
    | {"sv", "fi", "da", "nb", "no", "tr", "id", "ro", "hu", "bg", "el", "hr", "sr", "sl", "lt"}
    | {"lv", "et", "vi"}
)
_DECIMAL_POINT_LOCALES = frozenset({"es_MX", "es_US", "de_CH", "it_CH", "fr_CH"})


def _props(sheet: Sheet) -> Mapping[str, Any]:
    props: Mapping[str, Any] = sheet.get("properties", {})
    return props


def _grid(sheet: Sheet) -> Mapping[str, Any]:
    grid: Mapping[str, Any] = _props(sheet).get("gridProperties", {})
    return grid


def choose_sheet_id(key: str, taken: set[int]) -> int:
    """A stable id for an output tab (same key → same id on any sheet), skipping taken ids."""
    sheet_id = zlib.crc32(f"rolemap/{key}".encode()) & _MAX_SHEET_ID
    while sheet_id in taken or sheet_id == 0:
        sheet_id = (sheet_id + 1) & _MAX_SHEET_ID
    return sheet_id


def condition_number(value: float, locale: str) -> str:
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    lang = locale.split("_", 1)[0]
    if lang in _DECIMAL_COMMA_LANGS and locale not in _DECIMAL_POINT_LOCALES:
        text = text.replace(".", ",")
    return text


def conditional_rule(cf: ConditionalFormat, sheet_id: int, locale: str) -> dict[str, Any]:
    value = (
        str(cf.value)
        if cf.kind == "text_eq" or isinstance(cf.value, str)
        else condition_number(cf.value, locale)
    )
    background, foreground = tone_colors(cf.tone)
    text: dict[str, Any] = {"foregroundColor": foreground}
    if cf.bold:
        text["bold"] = True
    return {
        "ranges": [grid_range(sheet_id, cf.range)],
        "booleanRule": {
            "condition": {"type": _CONDITIONS[cf.kind], "values": [{"userEnteredValue": value}]},
            "format": {"backgroundColor": background, "textFormat": text},
        },
    }


def _source(sheet_id: int, rng: Range, header: bool) -> dict[str, Any]:
    gr = grid_range(sheet_id, rng)
    if header:
        gr["startRowIndex"] -= 1
    return {"sourceRange": {"sources": [gr]}}


def _series_have_headers(chart: Chart, tab: OutputTab) -> bool:
    """True when the row above every range holds the series titles: Sheets then names series.

    The chart API has no series-name field; a header row (`headerCount: 1`) is the only way.
    """
    top = chart.categories.row
    if top < 1 or any(s.values.row != top for s in chart.series):
        return False
    header = tab.rows[top - 1] if top - 1 < len(tab.rows) else ()
    for series in chart.series:
        col = series.values.col
        if col >= len(header) or header[col].value != series.title:
            return False
    return True


def chart_request(chart: Chart, tab: OutputTab, sheet_id: int) -> Request:
    header = _series_have_headers(chart, tab)
    axes = [
        {"position": "BOTTOM_AXIS", "title": ""},
        {"position": "LEFT_AXIS", "title": chart.y_title},
    ]
    basic = {
        "chartType": "COLUMN" if chart.kind == "column" else "LINE",
        "legendPosition": "BOTTOM_LEGEND" if len(chart.series) > 1 else "NO_LEGEND",
        "axis": axes,
        "domains": [{"domain": _source(sheet_id, chart.categories, header)}],
        "series": [
            {"series": _source(sheet_id, s.values, header), "targetAxis": "LEFT_AXIS"}
            for s in chart.series
        ],
        "headerCount": 1 if header else 0,
    }
    if chart.kind == "line":
        basic["lineSmoothing"] = False  # straight segments between weekly points
    return {
        "addChart": {
            "chart": {
                "spec": {"title": chart.title, "basicChart": basic},
                "position": {
                    "overlayPosition": {
                        "anchorCell": {
                            "sheetId": sheet_id,
                            "rowIndex": chart.anchor_row,
                            "columnIndex": chart.anchor_col,
                        },
                        "widthPixels": chart.width_px,
                        "heightPixels": chart.height_px,
                    }
                },
            }
        }
    }


def _protection_description(tab: OutputTab) -> str:
    note = tab.protection_note.strip()
    if note.startswith(PROTECTION_PREFIX):
        return note
    return f"{PROTECTION_PREFIX}: {note}" if note else f"{PROTECTION_PREFIX} writes this tab."


def _grid_update(sheet_id: int, rows: int, cols: int, frozen: int | None) -> Request:
    grid: dict[str, int] = {"rowCount": rows, "columnCount": cols}
    fields = "gridProperties.rowCount,gridProperties.columnCount"
    if frozen is not None:
        grid["frozenRowCount"] = frozen
        fields += ",gridProperties.frozenRowCount"
    return {
        "updateSheetProperties": {
            "properties": {"sheetId": sheet_id, "gridProperties": grid},
            "fields": fields,
        }
    }


def _extent(tab: OutputTab) -> tuple[int, int]:
    """Rows and columns the tab's content, merges, rules and chart anchors need."""
    rows, cols = len(tab.rows), max(tab.n_cols, len(tab.column_widths))
    ranges = [*tab.merges, *(cf.range for cf in tab.conditional_formats)]
    for chart in tab.charts:
        ranges += [chart.categories, *(s.values for s in chart.series)]
        rows, cols = max(rows, chart.anchor_row + 1), max(cols, chart.anchor_col + 1)
    for rng in ranges:
        rows, cols = max(rows, rng.end_row), max(cols, rng.end_col)
    return max(rows, tab.frozen_rows + 1, MIN_ROWS), max(cols, MIN_COLS)


class _Builder:
    def __init__(self, plan: WritePlan, metadata: Mapping[str, Any]) -> None:
        self.plan = plan
        self.sheets: list[Sheet] = list(metadata.get("sheets", []))
        self.locale = str(metadata.get("properties", {}).get("locale", "en_US"))
        self.taken = {int(_props(s).get("sheetId", 0)) for s in self.sheets}
        self.claimed: set[int] = set()
        self.requests: list[Request] = []
        # Sheet ids in tab order as the batch leaves them, and our output tabs in plan order.
        by_index = sorted(self.sheets, key=lambda s: int(_props(s).get("index", 0)))
        self.order: list[int] = [int(_props(s).get("sheetId", 0)) for s in by_index]
        self.output_ids: list[int] = []
        # Each team tab's conditional-format rules as the batch leaves them so far: several
        # column writes on one tab (Decisions) delete and add by index in turn.
        self.rules: dict[int, list[Mapping[str, Any]]] = {}

    # -- finding sheets

    def _by_title(self, title: str, also: Iterable[str] = ()) -> Sheet | None:
        free = {
            str(_props(s).get("title", "")): s
            for s in self.sheets
            if int(_props(s).get("sheetId", 0)) not in self.claimed
        }
        found = existing_title(free, title, also)
        return None if found is None else free[found]

    # -- output tabs

    def output(self, tab: OutputTab) -> None:
        sheet = self._by_title(tab.title, output_names(tab.key))
        rows, cols = _extent(tab)
        if sheet is None:
            sheet_id = choose_sheet_id(tab.key, self.taken)
            self.taken.add(sheet_id)
            grid = {"rowCount": rows, "columnCount": cols, "frozenRowCount": tab.frozen_rows}
            props: dict[str, Any] = {
                "sheetId": sheet_id,
                "title": tab.title,
                "gridProperties": grid,
            }
            if tab.tab_color:
                props["tabColorStyle"] = {"rgbColor": color(tab.tab_color)}
            self.requests.append({"addSheet": {"properties": props}})
            self.order.append(sheet_id)
            widths = list(tab.column_widths)
        else:
            sheet_id = int(_props(sheet).get("sheetId", 0))
            self._reset_output(sheet, tab, sheet_id, rows, cols)
            widths = [DEFAULT_WIDTH] * cols
            widths[: len(tab.column_widths)] = tab.column_widths
        self.claimed.add(sheet_id)
        self.output_ids.append(sheet_id)
        # Every row starts at the default height (an existing tab loses the previous run's
        # heights), so a new tab and a rewritten one end up exactly alike. Page breaks have no
        # Sheets API and are left out.
        reset = [(0, rows, DEFAULT_HEIGHT)]
        self._fill_output(tab, sheet_id, widths, reset)
        self._protect(tab, sheet, sheet_id)

    def order_outputs(self) -> None:
        """The first output tab goes before the other output tabs; user tabs stay put."""
        if len(self.output_ids) < 2:
            return
        first, *others = self.output_ids
        at = {sheet_id: i for i, sheet_id in enumerate(self.order)}
        lowest = min(at[o] for o in others)
        if at[first] > lowest:
            self.requests.append(
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": first, "index": lowest},
                        "fields": "index",
                    }
                }
            )

    def _reset_output(
        self, sheet: Sheet, tab: OutputTab, sheet_id: int, rows: int, cols: int
    ) -> None:
        add = self.requests.append
        if _props(sheet).get("title") != tab.title:  # language switch or a respelt title
            add(
                {
                    "updateSheetProperties": {
                        "properties": {"sheetId": sheet_id, "title": tab.title},
                        "fields": "title",
                    }
                }
            )
        for index in reversed(range(len(sheet.get("conditionalFormats", [])))):
            add({"deleteConditionalFormatRule": {"sheetId": sheet_id, "index": index}})
        for chart in sheet.get("charts", []):
            add({"deleteEmbeddedObject": {"objectId": chart["chartId"]}})
        if sheet.get("merges"):  # one whole-sheet unmerge, not one request per old merge
            add({"unmergeCells": {"range": {"sheetId": sheet_id}}})
        add({"updateCells": {"range": {"sheetId": sheet_id}, "fields": CLEAR_FIELDS}})
        grid = _grid(sheet)
        current = (grid.get("rowCount"), grid.get("columnCount"), grid.get("frozenRowCount", 0))
        if current != (rows, cols, tab.frozen_rows):
            add(_grid_update(sheet_id, rows, cols, tab.frozen_rows))
        if tab.tab_color:
            add(
                {
                    "updateSheetProperties": {
                        "properties": {
                            "sheetId": sheet_id,
                            "tabColorStyle": {"rgbColor": color(tab.tab_color)},
                        },
                        "fields": "tabColorStyle",
                    }
                }
            )

    def _fill_output(
        self,
        tab: OutputTab,
        sheet_id: int,
        widths: list[int],
        reset: list[tuple[int, int, int]],
    ) -> None:
        add = self.requests.append
        self.requests += column_widths(sheet_id, widths)
        spans = reset + [(r, r + 1, px) for r, px in tab.row_heights]
        self.requests += row_heights(sheet_id, spans)
        if tab.rows:
            add(
                {
                    "updateCells": {
                        "rows": [{"values": [output_cell(c) for c in row]} for row in tab.rows],
                        "fields": OUTPUT_CELL_FIELDS,
                        "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                    }
                }
            )
        for merge in tab.merges:
            add({"mergeCells": {"range": grid_range(sheet_id, merge), "mergeType": "MERGE_ALL"}})
        for index, cf in enumerate(tab.conditional_formats):
            rule = conditional_rule(cf, sheet_id, self.locale)
            add({"addConditionalFormatRule": {"rule": rule, "index": index}})
        for chart in tab.charts:
            add(chart_request(chart, tab, sheet_id))

    def _protect(self, tab: OutputTab, sheet: Sheet | None, sheet_id: int) -> None:
        description = _protection_description(tab)
        ours = [
            p
            for p in (sheet or {}).get("protectedRanges", [])
            if str(p.get("description", "")).startswith(PROTECTION_PREFIX)
        ]
        if not ours:
            protected = {
                "range": {"sheetId": sheet_id},
                "description": description,
                "warningOnly": True,
            }
            self.requests.append({"addProtectedRange": {"protectedRange": protected}})
            return
        keep, *extra = ours
        if keep.get("description") != description or not keep.get("warningOnly"):
            protected = {
                "protectedRangeId": keep["protectedRangeId"],
                "description": description,
                "warningOnly": True,
            }
            self.requests.append(
                {
                    "updateProtectedRange": {
                        "protectedRange": protected,
                        "fields": "description,warningOnly",
                    }
                }
            )
        for duplicate in extra:  # an older bug or a copied tab: keep exactly one
            self.requests.append(
                {"deleteProtectedRange": {"protectedRangeId": duplicate["protectedRangeId"]}}
            )

    # -- a tab the team and the service share

    def shared(self, tab: SharedTab) -> None:
        """Add the tab as the template draws it, unless it is there; never touch it otherwise."""
        layout = tab.layout
        if self._by_title(layout.title, tab.names) is not None:
            return
        sheet_id = choose_sheet_id(f"shared/{layout.title}", self.taken)
        self.taken.add(sheet_id)
        grid = {
            "rowCount": TEMPLATE_ROWS,
            "columnCount": max(len(layout.columns), TEMPLATE_COLS),
            "frozenRowCount": layout.frozen_rows,
        }
        properties = {"sheetId": sheet_id, "title": layout.title, "gridProperties": grid}
        self.requests.append({"addSheet": {"properties": properties}})
        self.requests += tab_requests(layout, sheet_id)
        self.sheets.append({"properties": properties})  # the column writes land on it

    # -- the service-owned columns on a tab the team also writes

    def column(self, write: ColumnWrite) -> None:
        sheet = self._by_title(write.tab)
        if sheet is None:
            raise SheetsApiError(
                f"The tab '{write.tab}' disappeared during the recalculation. Nothing was "
                "written; recalculate again."
            )
        sheet_id = int(_props(sheet).get("sheetId", 0))
        grid = _grid(sheet)
        rows = max(int(grid.get("rowCount", 0)), write.header_row + 1 + len(write.values))
        cols = max(int(grid.get("columnCount", 0)), write.col + 1)
        if (rows, cols) != (grid.get("rowCount"), grid.get("columnCount")):
            self.requests.append(_grid_update(sheet_id, rows, cols, None))
        if write.header is not None:
            header = cell_data_value(write.header)
            self._values(sheet_id, write.header_row, write.col, [header])
        if write.values:
            cells = [cell_data_value(c.value) for c in write.values]
            self._values(sheet_id, write.header_row + 1, write.col, cells)
        rules = self.rules.setdefault(sheet_id, list(sheet.get("conditionalFormats", [])))
        ours = [i for i, rule in enumerate(rules) if self._is_ours(rule, write.col)]
        for index in reversed(ours):
            self.requests.append(
                {"deleteConditionalFormatRule": {"sheetId": sheet_id, "index": index}}
            )
            del rules[index]
        for cf in write.conditional_formats:
            rule = conditional_rule(cf, sheet_id, self.locale)
            self.requests.append({"addConditionalFormatRule": {"rule": rule, "index": len(rules)}})
            rules.append(rule)

    def _values(self, sheet_id: int, row: int, col: int, cells: list[dict[str, Any]]) -> None:
        self.requests.append(
            {
                "updateCells": {
                    "rows": [{"values": [c]} for c in cells],
                    "fields": VALUE_FIELDS,
                    "start": {"sheetId": sheet_id, "rowIndex": row, "columnIndex": col},
                }
            }
        )

    def _is_ours(self, rule: Mapping[str, Any], col: int) -> bool:
        """Ours: on column `col` only, a TEXT_EQ on exactly one of the values our rules use
        (`WritePlan.owned_rule_values`). Google leaves out a start index of 0."""
        ranges = rule.get("ranges", [])
        cols = {(r.get("startColumnIndex", 0), r.get("endColumnIndex")) for r in ranges}
        if cols != {(col, col + 1)}:
            return False
        condition = rule.get("booleanRule", {}).get("condition", {})
        values = condition.get("values", [])
        return (
            condition.get("type") == "TEXT_EQ"
            and len(values) == 1
            and values[0].get("userEnteredValue") in self.plan.owned_rule_values
        )


def output_cell(cell: Cell) -> dict[str, Any]:
    """An output cell: its value and style, at the top of its row (as in the xlsx renderer)."""
    data: dict[str, Any] = {}
    value = extended_value(cell.value)
    if value is not None:
        data["userEnteredValue"] = value
    fmt = _top_format(cell.style, implied_format(cell.value))
    if value is not None or len(fmt) > 1:
        data["userEnteredFormat"] = fmt
    return data


@functools.cache
def _top_format(style: Style | None, implied: NumberFormat | None) -> dict[str, Any]:
    """`style_format` at the top of the row; shared by every cell in that style."""
    return {**style_format(style, implied), "verticalAlignment": "TOP"}


def cell_data_value(value: CellValue) -> dict[str, Any]:
    """Value only: the team's formats on their own tab stay as they are."""
    entered = extended_value(value)
    return {} if entered is None else {"userEnteredValue": entered}


def build_requests(plan: WritePlan, metadata: Mapping[str, Any]) -> list[Request]:
    """Every request of the one `batchUpdate` that writes `plan` onto the sheet in `metadata`."""
    builder = _Builder(plan, metadata)
    for tab in plan.outputs:
        builder.output(tab)
    for shared in plan.shared_tabs:
        builder.shared(shared)
    builder.order_outputs()
    for write in plan.column_writes:
        builder.column(write)
    return builder.requests
