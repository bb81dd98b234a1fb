"""Metric formulas of docs/contract.md §4, including zero denominators and infinite costs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rolemap.core.metrics.formulas import (
    attainment,
    cost_per,
    figures,
    fixed_costs,
    ratio,
)
from rolemap.core.metrics.registry import METRICS, STOP_RULE_METRICS, metric_column


def test_cpl_and_cpa_are_spend_over_leads_and_sales() -> None:
    fig = figures(12_000, 40, 4, 60_000, margin=0.5)
    assert fig.cpl == 300
    assert fig.cpa == 3_000
    assert fig.roas == 5
    assert fig.romi == pytest.approx((60_000 * 0.5 - 12_000) / 12_000)


def test_spend_with_no_sales_makes_cpa_infinite() -> None:
    assert cost_per(5_000, 0) == math.inf


def test_zero_spend_and_zero_sales_gives_no_cpa() -> None:
    assert cost_per(0, 0) is None


def test_zero_denominator_gives_no_value_for_ratios() -> None:
    fig = figures(0, 0, 0, 0, margin=1.0)
    assert fig.roas is None
    assert fig.romi is None
    assert ratio(3, 0) is None


def test_cac_adds_fixed_costs_prorated_by_days() -> None:
    fixed = fixed_costs(365_000, 28)
    assert fixed == pytest.approx(365_000 * 336 / 365)
    fig = figures(100_000, 10, 20, 0, margin=1.0, fixed=fixed)
    assert fig.cac == pytest.approx((100_000 + fixed) / 20)


def test_missing_plan_leaves_ratios_undefined() -> None:
    fig = figures(None, None, None, None, margin=1.0, fixed=0.0)
    assert (fig.cpl, fig.cpa, fig.cac, fig.roas, fig.romi) == (None, None, None, None, None)


def test_attainment_is_fact_over_plan_and_needs_a_plan() -> None:
    assert attainment(120, 100) == pytest.approx(1.2)
    assert attainment(120, 0) is None
    assert attainment(None, 100) is None


def _cols(**values: list[float]) -> dict[str, np.ndarray]:
    return {k: np.asarray(v, dtype=float) for k, v in values.items()}


def test_daily_cpa_column_marks_spend_without_sales_as_infinite() -> None:
    cpa = metric_column("cpa", _cols(spend=[3_500, 3_000, 0], sales=[1, 0, 0]), 1.0)
    assert cpa[0] == 3_500
    assert np.isinf(cpa[1])
    assert np.isnan(cpa[2])


@pytest.mark.parametrize(
    ("metric", "cols", "expected"),
    [
        ("cr", {"sales": [2], "leads": [8]}, 0.25),
        ("ctr", {"clicks": [30], "impressions": [1_000]}, 0.03),
        ("roas", {"revenue": [9_000], "spend": [3_000]}, 3.0),
        ("romi", {"revenue": [9_000], "spend": [3_000]}, 0.5),
        ("unsubscribe_rate", {"unsubscribes": [12], "emails_sent": [2_000]}, 0.006),
        ("spend", {"spend": [750]}, 750.0),
    ],
)
def test_daily_metric_columns_follow_the_formulas(
    metric: str, cols: dict[str, list[float]], expected: float
) -> None:
    assert metric_column(metric, _cols(**cols), 0.5)[0] == pytest.approx(expected)


def test_daily_rates_with_zero_denominator_are_undefined() -> None:
    assert np.isnan(metric_column("ctr", _cols(clicks=[5], impressions=[0]), 1.0)[0])
    assert np.isnan(
        metric_column("unsubscribe_rate", _cols(unsubscribes=[1], emails_sent=[0]), 1.0)[0]
    )


def test_every_stop_rule_metric_in_the_contract_has_a_formula() -> None:
    from rolemap.core.model.contract import load_contract

    keys = {c.key for c in load_contract().choices["metric"]}
    assert keys == set(STOP_RULE_METRICS)


def test_shares_read_a_threshold_above_one_as_a_percentage_but_romi_does_not() -> None:
    shares = {key for key, m in METRICS.items() if m.share}
    assert shares == {"cr", "ctr", "unsubscribe_rate"}
    assert METRICS["romi"].percent
