"""Every metric Rolemap knows, one record each (docs/contract.md §4).

A record says which `Daily` columns the metric needs, how a whole column of it is computed,
whether it is a share (a threshold above 1 is read as a percentage), whether a stop rule on it
obeys `Min spend per day`, how it is shown, and how it reads when infinite. Stop rules, the
output tabs and the sentences all ask this registry instead of keeping their own lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from rolemap.core.model.contract import Lang
from rolemap.core.plan.model import NumberFormat

Columns = Mapping[str, np.ndarray]
Formula = Callable[[Columns, float], np.ndarray]


def _divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den where den > 0, NaN elsewhere."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return np.asarray(out, dtype=float)


def _ratio(num: str, den: str) -> Formula:
    return lambda c, _margin: _divide(c[num], c[den])


def _cost_per(count: str) -> Formula:
    """CPL / CPA: infinite when money was spent and nothing came of it."""

    def formula(c: Columns, _margin: float) -> np.ndarray:
        spend = c["spend"]
        return np.where(
            (np.nan_to_num(c[count]) == 0) & (spend > 0), np.inf, _divide(spend, c[count])
        )

    return formula


def _romi(c: Columns, margin: float) -> np.ndarray:
    return _divide(c["revenue"] * margin - c["spend"], c["spend"])


@dataclass(frozen=True)
class Metric:
    key: str
    en: str
    ru: str
    fmt: NumberFormat  # how a value is shown
    needs: tuple[str, ...] = ()  # Daily columns a stop rule on it reads
    formula: Formula | None = None  # one value per Daily row; None: not a stop-rule metric
    share: bool = False  # a part of a whole: "2" as a threshold means 2%
    spend_guarded: bool = False  # a stop rule obeys `Min spend per day`
    infinite: tuple[str, str] = ("∞", "∞")  # (en, ru) when spend bought nothing

    def label(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru

    def infinite_label(self, lang: Lang) -> str:
        return self.infinite[0] if lang == "en" else self.infinite[1]

    @property
    def percent(self) -> bool:
        return self.fmt == "percent"


_ALL = (
    Metric("cpl", "CPL", "CPL", "money", ("spend", "leads"), _cost_per("leads"),
           spend_guarded=True, infinite=("∞ (no leads)", "∞ (нет лидов)")),
    Metric("cpa", "CPA", "CPA", "money", ("spend", "sales"), _cost_per("sales"),
           spend_guarded=True, infinite=("∞ (no sales)", "∞ (нет продаж)")),
    Metric("cr", "CR", "CR", "percent", ("sales", "leads"), _ratio("sales", "leads"), share=True),
    Metric("ctr", "CTR", "CTR", "percent", ("clicks", "impressions"),
           _ratio("clicks", "impressions"), share=True),
    Metric("roas", "ROAS", "ROAS", "decimal", ("revenue", "spend"), _ratio("revenue", "spend"),
           spend_guarded=True),
    Metric("romi", "ROMI", "ROMI", "percent", ("revenue", "spend"), _romi, spend_guarded=True),
    Metric("spend", "Spend", "Расход", "money", ("spend",),
           lambda c, _margin: c["spend"].astype(float), spend_guarded=True),
    Metric("unsubscribe_rate", "Unsubscribe rate", "Доля отписок", "percent",
           ("unsubscribes", "emails_sent"), _ratio("unsubscribes", "emails_sent"), share=True),
    Metric("leads", "Leads", "Лиды", "money"),
    Metric("sales", "Sales", "Продажи", "money"),
    Metric("revenue", "Revenue", "Выручка", "money"),
    Metric("cac", "CAC", "CAC", "money"),
)  # fmt: skip

METRICS: dict[str, Metric] = {m.key: m for m in _ALL}
STOP_RULE_METRICS: tuple[str, ...] = tuple(m.key for m in _ALL if m.formula is not None)


def metric(key: str) -> Metric:
    return METRICS[key]


def metric_column(key: str, cols: Columns, margin: float) -> np.ndarray:
    """One stop-rule metric per Daily row: NaN where undefined, +inf for costs with no result."""
    formula = METRICS[key].formula
    if formula is None:
        raise KeyError(key)
    return formula(cols, margin)
