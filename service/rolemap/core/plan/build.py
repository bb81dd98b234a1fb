"""Turn a run's result into the one write plan every storage adapter renders."""

from __future__ import annotations

from rolemap.core.i18n import labels as lbl
from rolemap.core.plan.model import WritePlan
from rolemap.core.plan.summary_tab import summary_tab
from rolemap.core.plan.tables import RunInfo, checks_tab, flag_column, flags_tab, runlog_tab
from rolemap.core.recalc import RunResult


def build_plan(result: RunResult, run: RunInfo) -> WritePlan:
    contract = result.inputs.contract
    lang = result.lang
    outputs = (
        summary_tab(
            result,
            contract.output("summary").title(lang),
            contract.output("runlog").title(lang),
            result.inputs.settings.currency,
        ),
        flags_tab(result, contract.output("flags")),
        checks_tab(result, contract.output("checks")),
        runlog_tab(result, contract.output("runlog"), run),
    )
    column = flag_column(result)
    return WritePlan(
        lang=lang,
        outputs=outputs,
        column_writes=(column,) if column is not None else (),
        managed_titles=frozenset(
            title for spec in contract.outputs for title in (spec.en, spec.ru)
        ),
        flag_rule_values=lbl.all_values(lbl.FLAG),
        open_on="summary",
    )
