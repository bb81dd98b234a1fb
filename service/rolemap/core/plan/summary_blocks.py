"""Building blocks of the CMO summary: the row builder, the totals table coloured by direction,
and the charts with the small tables they are drawn from."""

from __future__ import annotations

from rolemap.core.i18n.decision_text import say
from rolemap.core.i18n.formats import date_text, short_date
from rolemap.core.i18n.sentences import t
from rolemap.core.metrics import registry
from rolemap.core.metrics.formulas import attainment
from rolemap.core.model.contract import Lang
from rolemap.core.model.results import PeriodTotals
from rolemap.core.plan import layout
from rolemap.core.plan.model import (
    Cell,
    Chart,
    ConditionalFormat,
    NumberFormat,
    Range,
    Series,
    Style,
    Tone,
)
from rolemap.core.plan.tables import number_cell
from rolemap.core.recalc import RunResult

SECTION = Style(bold=True, size=12, tone="blue")
HEAD = Style(bold=True, tone="grey", wrap=True, align="center")
SPAN_HEAD = Style(bold=True, tone="grey", align="center")  # over merged columns: no wrap
TOTAL_ROWS: tuple[tuple[str, NumberFormat], ...] = (
    ("spend", "money"),
    ("leads", "integer"),
    ("sales", "integer"),
    ("revenue", "money"),
    ("cpl", "money"),
    ("cpa", "money"),
    ("cac", "money"),
    ("roas", "decimal"),
    ("romi", "percent"),
)
# Direction of "good": a cost above plan is bad, a result below plan is bad; spend is neither.
LOWER_IS_BETTER = frozenset({"cpl", "cpa", "cac"})
HIGHER_IS_BETTER = frozenset({"leads", "sales", "revenue", "roas", "romi"})
NEAR_MISS = 0.10  # within 10% of plan: amber, beyond: red
CHART_WEEKS_ROWS = 16  # rows a 300-px chart covers
# Channel table columns, in order: decision columns first, so Flag and Verdict are on screen.
COLUMNS = (
    ("channel", 165),
    ("owner", 85),
    ("verdict", 150),
    ("flag", 100),
    ("kpi", 120),
    ("kpi_target", 75),
    ("kpi_fact", 85),
    ("kpi_change", 95),
    ("spend", 90),
    ("revenue", 95),
    ("romi", 70),
    ("rev_attainment", 80),
    ("roas", 60),
    ("leads", 70),
    ("cpl", 70),
    ("sales", 70),
    ("cpa", 70),
    ("share", 80),
    ("status", 85),
)
KEYS = tuple(k for k, _ in COLUMNS)
WIDTHS = tuple(w for _, w in COLUMNS)
TEXT_SPAN = 12  # merged text lines end where a 1400-px LibreOffice screen does


class Sheet:
    """Rows being laid out, with the merges, formats and row heights that refer to them."""

    def __init__(self) -> None:
        self.rows: list[tuple[Cell, ...]] = []
        self.merges: list[Range] = []
        self.formats: list[ConditionalFormat] = []
        self.heights: list[tuple[int, int]] = []

    @property
    def next(self) -> int:
        return len(self.rows)

    def add(self, *cells: Cell) -> int:
        """A row of cells; one with wrapped text gets the height that text needs."""
        self.rows.append(tuple(cells))
        row = len(self.rows) - 1
        n = layout.row_lines(cells, WIDTHS)
        if n > 1:
            self.heights.append((row, layout.height(n)))
        return row

    def line(self, text: str, style: Style | None = None, span: int = TEXT_SPAN) -> int:
        """One text line merged across `span` columns; wrapped and heightened when long."""
        n = layout.lines(text, sum(WIDTHS[:span]))
        if n > 1:
            base = style or Style()
            style = Style(base.bold, base.italic, base.size, base.tone, None, True, base.align)
        row = len(self.rows)
        self.rows.append((Cell(text, style),))
        if span > 1:
            self.merges.append(Range(row, 0, 1, span))
        if n > 1:
            self.heights.append((row, layout.height(n)))
        elif style is not None and style.size and style.size > layout.BASE_FONT_PT:
            self.heights.append((row, layout.big_text_height(style.size)))
        return row

    def gap(self) -> None:
        self.add()


def direction_tone(key: str, plan: float | None, fact: float | None) -> Tone | None:
    """Green when the figure meets its plan, amber when it misses by up to 10%, red beyond."""
    if plan is None or fact is None or key not in LOWER_IS_BETTER | HIGHER_IS_BETTER:
        return None
    worse = fact > plan if key in LOWER_IS_BETTER else fact < plan
    if not worse:
        return "green"
    gap = abs(fact - plan) / abs(plan) if plan else float("inf")
    return "amber" if gap <= NEAR_MISS else "red"


def _period_head(key: str, block: PeriodTotals, lang: Lang) -> str:
    return t(key, lang, start=date_text(block.weeks[0], lang))


def totals(sheet: Sheet, result: RunResult, currency: str) -> None:
    lang = result.lang
    last, four = result.last_week, result.four_weeks
    sheet.line(say("totals", lang), SECTION)
    row = sheet.add(
        Cell(None),
        Cell(_period_head("last_week", last, lang), SPAN_HEAD),
        Cell(None, SPAN_HEAD),
        Cell(None, SPAN_HEAD),
        Cell(_period_head("four_weeks", four, lang), SPAN_HEAD),
        Cell(None, SPAN_HEAD),
        Cell(None, SPAN_HEAD),
    )
    sheet.merges += [Range(row, 1, 1, 3), Range(row, 4, 1, 3)]
    sub = (t("plan", lang), t("fact", lang), t("attainment", lang))
    sheet.add(Cell(t("metric", lang), HEAD), *(Cell(s, HEAD) for s in sub * 2))
    for key, fmt in TOTAL_ROWS:
        label = registry.metric(key).label(lang)
        if fmt == "money":
            label = f"{label}, {currency}"
        cells = [Cell(label, Style(bold=True))]
        for block in (last, four):
            plan, fact = getattr(block.plan, key), getattr(block.fact, key)
            share = number_cell(attainment(fact, plan), "percent", key, lang)
            tone = direction_tone(key, plan, fact)
            if tone is not None and share.value is not None:
                share = Cell(share.value, Style(tone=tone, number_format="percent", bold=True))
            cells += [
                number_cell(plan, fmt, key, lang),
                number_cell(fact, fmt, key, lang),
                share,
            ]
        sheet.add(*cells)


def charts(sheet: Sheet, result: RunResult, keys: tuple[str, ...]) -> tuple[Chart, ...]:
    """Weekly revenue plan vs fact (straight lines), and revenue plan vs fact per live channel.

    Week labels are text in the sheet's short date style ("Nov 23" / "23.11"), so no chart
    axis turns them into wrapped ISO dates. Stopped channels are left out of the channel chart.
    """
    lang = result.lang
    sheet.line(t("weekly", lang), SECTION)
    sheet.add(
        Cell(t("week", lang), HEAD),
        Cell(t("revenue_plan", lang), HEAD),
        Cell(t("revenue_fact", lang), HEAD),
    )
    first = sheet.next
    for p in result.revenue_weeks:
        sheet.add(
            Cell(short_date(p.week, lang), Style(align="right")),
            number_cell(p.revenue_plan, "money", "revenue", lang),
            number_cell(p.revenue_fact, "money", "revenue", lang),
        )
    weeks = Range(first, 0, len(result.revenue_weeks), 1)
    drawn = [
        Chart(
            "line",
            t("chart_weekly", lang),
            weeks,
            (
                Series(t("revenue_plan", lang), Range(first, 1, weeks.rows, 1)),
                Series(t("revenue_fact", lang), Range(first, 2, weeks.rows, 1)),
            ),
            anchor_row=weeks.row - 1,
            anchor_col=4,
            width_px=600,
            height_px=300,
        )
    ]
    sheet.gap()
    live = [r for r in result.channels if r.status != "stopped"]
    plans = {k.channel: k.revenue_plan for k in result.channel_kpis}
    sheet.line(say("channel_chart_table", lang), Style(bold=True), span=4)
    sheet.add(
        Cell(t("channel", lang), HEAD),
        Cell(t("revenue_plan", lang), HEAD),
        Cell(t("revenue_fact", lang), HEAD),
        Cell(t("rev_attainment", lang), HEAD),
    )
    top = sheet.next
    for r in live:
        sheet.add(
            Cell(r.channel),
            number_cell(plans.get(r.channel), "money", "revenue", lang),
            number_cell(r.revenue, "money", "revenue", lang),
            number_cell(r.revenue_plan_attainment, "percent", "attainment", lang),
        )
    if live:
        # % of plan, not money: a big channel no longer dwarfs the others, and each bar reads
        # against the same 100% line.
        names = Range(top, 0, len(live), 1)
        drawn.append(
            Chart(
                "column",
                say("chart_channels", lang),
                names,
                (Series(t("rev_attainment", lang), Range(top, 3, names.rows, 1)),),
                anchor_row=weeks.row - 1,
                anchor_col=keys.index("revenue"),
                width_px=600,
                height_px=300,
            )
        )
    for _ in range(max(0, CHART_WEEKS_ROWS - (sheet.next - weeks.row))):  # room under the charts
        sheet.gap()
    return tuple(drawn)
