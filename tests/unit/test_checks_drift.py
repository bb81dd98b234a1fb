"""KPI drift (docs/contract.md §3): Pearson r of a channel's KPI fact against total revenue fact."""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import pytest

from rolemap.core.checks.drift import drift_checks, pearson
from rolemap.core.i18n.render import ShownCheck
from tests.unit.sheet_builder import SheetBuilder, clean_team, shown

AS_OF = dt.date(2026, 11, 25)  # Wednesday: the last finished week is the one of 2026-11-16
WEEKS = [dt.date(2026, 11, 16) - dt.timedelta(days=7 * i) for i in reversed(range(8))]
REVENUE = np.array([10, 12, 9, 14, 11, 15, 13, 16], dtype=float) * 1000


def _kpi_with_r(r: float) -> npt.NDArray[np.float64]:
    """A KPI series whose Pearson r against REVENUE is exactly `r`."""
    u = REVENUE - REVENUE.mean()
    u /= np.linalg.norm(u)
    v = np.array([1, -1, 2, 0, -2, 1, -1, 0], dtype=float)
    v -= v.mean()
    v -= (v @ u) * u
    v /= np.linalg.norm(v)
    kpi: npt.NDArray[np.float64] = 100 + 10 * (r * u + np.sqrt(1 - r * r) * v)
    return kpi


def _sheet(
    kpi: npt.NDArray[np.float64], lang: str = "en", weeks: list[dt.date] = WEEKS
) -> SheetBuilder:
    sheet = clean_team(lang)  # type: ignore[arg-type]
    for week, k, revenue in zip(weeks, kpi, REVENUE, strict=True):
        sheet.weekly(week, "Google Ads", kpi_fact=None if np.isnan(k) else float(k),
                     revenue_fact=revenue / 2)  # fmt: skip
        sheet.weekly(week, "Blog", revenue_fact=revenue / 2)  # the total is what counts
    return sheet


def _drift(sheet: SheetBuilder, as_of: dt.date = AS_OF) -> list[ShownCheck]:
    inputs = sheet.inputs()
    return shown(drift_checks(inputs, as_of), inputs)


def test_drift_fires_below_0_3_and_not_at_0_31() -> None:
    [check] = _drift(_sheet(_kpi_with_r(0.29)))
    assert (check.code, check.severity, check.channel, check.person) == (
        "KPI-DRIFT", "warning", "Google Ads", "Anna"
    )  # fmt: skip
    assert (check.tab, check.row, check.column) == ("Channels", 2, "Primary KPI")
    assert "r = 0.29 over the last 8 weeks" in check.message
    assert _drift(_sheet(_kpi_with_r(0.31))) == []


def test_negative_correlation_is_drift_too_and_russian_uses_a_comma() -> None:
    [check] = _drift(_sheet(_kpi_with_r(-0.5), lang="ru"))
    assert "r = -0,50 за последние 8 недель." in check.message
    assert "Anna" in check.fix


def test_drift_needs_six_weeks_with_both_values() -> None:
    kpi = _kpi_with_r(0.0)
    kpi[:3] = np.nan
    assert _drift(_sheet(kpi)) == []
    kpi = _kpi_with_r(0.0)
    kpi[:2] = np.nan
    [check] = _drift(_sheet(kpi))
    assert "over the last 6 weeks" in check.message


def test_constant_kpi_has_no_correlation_and_no_check() -> None:
    assert _drift(_sheet(np.full(8, 42.0))) == []


def test_only_the_last_8_finished_weeks_count() -> None:
    sheet = _sheet(_kpi_with_r(0.9))
    # The current week and a 9th week back would drag r down; neither is in the window.
    sheet.weekly(dt.date(2026, 11, 23), "Google Ads", kpi_fact=1e6, revenue_fact=0)
    sheet.weekly(WEEKS[0] - dt.timedelta(days=7), "Google Ads", kpi_fact=1e6, revenue_fact=0)
    assert _drift(sheet) == []
    # A week later the window moves on: the week of 11-23 is finished and pulls r down.
    assert [c.code for c in _drift(sheet, AS_OF + dt.timedelta(days=7))] == ["KPI-DRIFT"]


def test_stopped_channel_is_not_checked_for_drift() -> None:
    sheet = clean_team().channel("Old", owner="Anna", status="stopped")
    for week, k, revenue in zip(WEEKS, _kpi_with_r(0.0), REVENUE, strict=True):
        sheet.weekly(week, "Old", kpi_fact=float(k)).weekly(week, "Blog", revenue_fact=revenue)
    assert _drift(sheet) == []


def test_pearson_matches_numpy_on_pairwise_complete_weeks() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(8, 3))
    y = rng.normal(size=8)
    x[1, 0] = np.nan
    r, n = pearson(x, y)
    assert list(n) == [7, 8, 8]
    keep = ~np.isnan(x[:, 0])
    assert r[0] == pytest.approx(np.corrcoef(x[keep, 0], y[keep])[0, 1])
    assert r[2] == pytest.approx(np.corrcoef(x[:, 2], y)[0, 1])


@pytest.mark.parametrize("missing", ["roles", "channels", "weekly", "daily", "settings"])
def test_every_check_survives_a_missing_tab(missing: str) -> None:
    from rolemap.core.checks.channels import channel_checks
    from rolemap.core.checks.ownership import ownership_checks
    from rolemap.core.checks.reports import report_checks

    sheet = _sheet(_kpi_with_r(0.0)).without_tab(missing)
    inputs = sheet.inputs()
    checks = [
        *ownership_checks(inputs, AS_OF),
        *channel_checks(inputs),
        *report_checks(inputs, AS_OF),
        *drift_checks(inputs, AS_OF),
    ]
    assert all(c.code for c in checks)
    assert bool(drift_checks(inputs, AS_OF)) == (missing in {"roles", "daily", "settings"})


def test_empty_tabs_give_no_report_or_drift_checks() -> None:
    from rolemap.core.checks.reports import report_checks

    inputs = SheetBuilder().inputs()
    assert report_checks(inputs, AS_OF) == []
    assert drift_checks(inputs, AS_OF) == []
