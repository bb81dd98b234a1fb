"""Channel checks (docs/contract.md §3 "Channels"): one known owner, unique names, KPI, budget."""

from __future__ import annotations

import pytest

from rolemap.core.checks.channels import channel_checks, is_multi_owner
from rolemap.core.i18n.render import ShownCheck
from tests.unit.sheet_builder import SheetBuilder, clean_team, shown


def _checks(sheet: SheetBuilder, code: str) -> list[ShownCheck]:
    inputs = sheet.inputs()
    return shown((c for c in channel_checks(inputs) if c.code == code), inputs)


def test_clean_team_has_no_channel_checks() -> None:
    assert channel_checks(clean_team().inputs()) == []


def test_no_owner_is_an_error_naming_the_cell() -> None:
    sheet = clean_team().channel("SEO", group="site", owner=None, budget=None, kpi="Leads")
    [check] = _checks(sheet, "CH-NO-OWNER")
    assert (check.severity, check.tab, check.row, check.column) == ("error", "Channels", 4, "Owner")
    assert check.channel == "SEO"
    assert check.message == 'Channel "SEO" has no owner.'
    assert check.fix == "Put exactly one person in Channels!C4."


def test_no_owner_in_russian() -> None:
    sheet = clean_team("ru").channel("SEO", group="site", owner=None, budget=None)
    [check] = _checks(sheet, "CH-NO-OWNER")
    assert check.message == "У канала «SEO» нет владельца."
    assert "'Каналы'!C4" in check.fix


def test_stopped_channel_needs_no_owner() -> None:
    sheet = clean_team().channel("Old promo", owner=None, status="stopped")
    assert _checks(sheet, "CH-NO-OWNER") == []


@pytest.mark.parametrize(
    "owner",
    ["Anna, Ivan", "Anna/Ivan", "Anna & Ivan", "Anna+Ivan", "Anna; Ivan", "Anna and Ivan",
     "Anna и Ivan", "Marketing team", "All", "everyone", "Команда SMM", "все", "Отдел маркетинга"],
)  # fmt: skip
def test_multi_owner_patterns(owner: str) -> None:
    assert is_multi_owner(owner)


@pytest.mark.parametrize(
    "owner", ["Anna", "Alla", "Allison", "Ivan Andersen", "Всеволод", "Vsevolod", "Teamur"]
)
def test_single_names_are_not_multi_owner(owner: str) -> None:
    assert not is_multi_owner(owner)


def test_multi_owner_detects_anna_i_ivan() -> None:
    sheet = clean_team("ru").role("pr", "Ivan", kpi="Лиды из PR")
    sheet.channel("PR", group="pr", owner="Anna и Ivan", budget=None, kpi="Лиды")
    [check] = _checks(sheet, "CH-MULTI-OWNER")
    assert (check.severity, check.row, check.channel) == ("error", 4, "PR")
    assert "«Anna и Ivan»" in check.message
    assert "'Каналы'!C4" in check.fix
    assert _checks(sheet, "CH-OWNER-UNKNOWN") == []  # one problem at a time


def test_owner_unknown_is_a_warning_and_names_roles() -> None:
    sheet = clean_team().channel("VK Ads", owner="Petr")
    [check] = _checks(sheet, "CH-OWNER-UNKNOWN")
    assert (check.severity, check.person) == ("warning", "Petr")
    assert "not a person in Roles" in check.message
    assert "Channels!C4" in check.fix


def test_owner_matches_roles_case_and_space_insensitively() -> None:
    sheet = clean_team().channel("VK Ads", owner="  anna ")
    assert _checks(sheet, "CH-OWNER-UNKNOWN") == []


def test_owner_unknown_is_skipped_without_a_roles_tab() -> None:
    sheet = clean_team().without_tab("roles")
    assert _checks(sheet, "CH-OWNER-UNKNOWN") == []


def test_duplicate_channel_reports_the_later_row_naming_the_first() -> None:
    sheet = clean_team().channel(" google  ADS", owner="Anna")
    [check] = _checks(sheet, "CH-DUPLICATE")
    assert (check.severity, check.row, check.column) == ("error", 4, "Channel")
    assert "Channels!A2" in check.message
    assert "Channels!A4" in check.fix


def test_distinct_channels_are_not_duplicates() -> None:
    sheet = clean_team().channel("Google Ads Brand", owner="Anna")
    assert _checks(sheet, "CH-DUPLICATE") == []


def test_no_kpi_is_a_warning() -> None:
    sheet = clean_team().channel("VK Ads", owner="Anna", kpi=None)
    [check] = _checks(sheet, "CH-NO-KPI")
    assert (check.severity, check.column) == ("warning", "Primary KPI")
    assert "Channels!F4" in check.fix


@pytest.mark.parametrize(("status", "fires"), [("active", True), ("test", True), ("paused", False)])
def test_no_budget_for_paid_active_or_test_only(status: str, fires: bool) -> None:
    sheet = clean_team().channel("VK Ads", owner="Anna", status=status, budget=None)
    fixes = [c.fix for c in _checks(sheet, "CH-NO-BUDGET")]
    expected = "Put the monthly budget in Channels!E4, so spend can be held to it."
    assert fixes == ([expected] if fires else [])


def test_organic_channel_needs_no_budget() -> None:
    sheet = clean_team().channel("Telegram", group="organic", owner="Oleg", budget=None)
    assert _checks(sheet, "CH-NO-BUDGET") == []
