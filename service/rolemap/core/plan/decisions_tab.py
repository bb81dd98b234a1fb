"""The service's writes on `Decisions`: its own columns only, one `ColumnWrite` each.

Every service column is rewritten from the header down to the last decision (appended rows
included); the team's columns are never in the plan, so what the CMO types, even between our
read and our write, stays as it is.
"""

from __future__ import annotations

from rolemap.core.decisions.log import DATE_KEYS, SERVICE_KEYS, STATUS, DecisionLog
from rolemap.core.model.contract import Contract, Lang
from rolemap.core.plan.model import (
    Cell,
    ColumnWrite,
    ConditionalFormat,
    Range,
    SharedTab,
    Style,
    Tone,
)
from rolemap.core.plan.template import table_layout

_DATE = Style(number_format="date")
# An open item wants the CMO's eye; a resolved one is history.
STATUS_TONES: dict[str, Tone] = {"open": "amber", "resolved": "grey"}


def decisions_writes(
    log: DecisionLog, title: str, contract: Contract, lang: Lang
) -> tuple[tuple[SharedTab, ...], tuple[ColumnWrite, ...]]:
    spec = contract.tab("decisions")
    if not log.exists and not log.rows:
        return (), ()  # nothing proposed and no tab yet: no tab to add
    shared = () if log.exists else (SharedTab(table_layout(spec, contract, lang), spec.names),)
    writes = tuple(
        ColumnWrite(
            tab=title,
            header_row=log.header_row,
            col=log.cols[key],
            header=spec.column(key).title(lang) if key in log.new_headers else None,
            values=tuple(
                Cell(row.service.get(key), _DATE if key in DATE_KEYS else None) for row in log.rows
            ),
            conditional_formats=(
                status_formats(log.cols[key], log.header_row + 1, len(log.rows), lang)
                if key == "status"
                else ()
            ),
        )
        for key in SERVICE_KEYS
    )
    return shared, writes


def status_formats(
    col: int, first_row: int, rows: int, lang: Lang
) -> tuple[ConditionalFormat, ...]:
    """`Status` coloured by value over the rows written: reruns replace these rules (they are
    ours by column and value), so the range simply follows the log as it grows."""
    if rows < 1:
        return ()
    return tuple(
        ConditionalFormat(Range(first_row, col, rows, 1), "text_eq", STATUS[key][lang], tone)
        for key, tone in STATUS_TONES.items()
    )
