"""Turn a run's result into the one write plan every storage adapter renders."""

from __future__ import annotations

import dataclasses

from rolemap.core.decisions.decided import without_decided
from rolemap.core.decisions.log import STATUS
from rolemap.core.i18n import labels as lbl
from rolemap.core.plan import layout
from rolemap.core.plan.channel_pages_tab import channel_pages_tab
from rolemap.core.plan.decisions_tab import decisions_writes
from rolemap.core.plan.model import OutputTab, WritePlan
from rolemap.core.plan.role_map_tab import role_map_tab
from rolemap.core.plan.summary_tab import summary_tab
from rolemap.core.plan.tables import RunInfo, checks_tab, flag_column, flags_tab, runlog_tab
from rolemap.core.recalc import RunResult


def build_plan(result: RunResult, run: RunInfo) -> WritePlan:
    contract = result.inputs.contract
    lang = result.lang
    outputs = tuple(
        _with_text_heights(tab)
        for tab in (
            summary_tab(
                without_decided(result),
                contract.output("summary").title(lang),
                contract.output("runlog").title(lang),
                result.inputs.settings.currency,
            ),
            role_map_tab(result, contract.output("role_map")),
            channel_pages_tab(result, contract.output("channel_pages")),
            flags_tab(result, contract.output("flags")),
            checks_tab(result, contract.output("checks")),
            runlog_tab(result, contract.output("runlog"), run),
        )
    )
    column = flag_column(result)
    shared, decision_columns = (
        decisions_writes(result.decisions, result.inputs.title("decisions"), contract, lang)
        if result.decisions is not None
        else ((), ())
    )
    return WritePlan(
        lang=lang,
        outputs=outputs,
        column_writes=((column,) if column is not None else ()) + decision_columns,
        shared_tabs=shared,
        owned_rule_values=lbl.all_values(lbl.FLAG) | lbl.all_values(STATUS),
        open_on="summary",
    )


def _with_text_heights(tab: OutputTab) -> OutputTab:
    """Rows of large text get their height in the plan, so both backends draw them alike
    (neither LibreOffice nor Sheets grows a row for a bigger font written by a program)."""
    sized = {row for row, _ in tab.row_heights}
    extra = []
    for r, row in enumerate(tab.rows):
        sizes = [c.style.size for c in row if c.style is not None and c.style.size]
        if r not in sized and sizes and max(sizes) > 11:
            extra.append((r, layout.big_text_height(max(sizes))))
    return dataclasses.replace(tab, row_heights=tab.row_heights + tuple(extra)) if extra else tab
