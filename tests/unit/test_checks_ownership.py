"""Ownership and role checks (docs/contract.md §3.1): CMO, persons, KPIs, conflicts, overload."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.core.checks.ownership import is_vanity_kpi, ownership_checks
from rolemap.core.i18n.render import ShownCheck
from tests.unit.sheet_builder import SheetBuilder, clean_team, shown

AS_OF = dt.date(2026, 11, 25)


def _checks(sheet: SheetBuilder, code: str, as_of: dt.date = AS_OF) -> list[ShownCheck]:
    inputs = sheet.inputs()
    return shown((c for c in ownership_checks(inputs, as_of) if c.code == code), inputs)


def test_clean_team_has_no_ownership_checks() -> None:
    assert ownership_checks(clean_team().inputs(), AS_OF) == []


def test_no_cmo_fires_when_the_cmo_row_has_no_person() -> None:
    sheet = SheetBuilder().role("cmo", None).role("performance", "Anna", kpi="CPA")
    [check] = _checks(sheet, "OWN-NO-CMO")
    assert (check.severity, check.tab, check.column) == ("error", "Roles", "Role")
    assert "Roles" in check.fix


def test_no_cmo_is_silent_when_a_cmo_alias_has_a_person() -> None:
    sheet = SheetBuilder().role("Marketing director", "Maria", can_stop="yes")
    assert _checks(sheet, "OWN-NO-CMO") == []


@pytest.mark.parametrize("can_stop", ["no", None])
def test_cmo_without_stop_right_is_a_warning_on_the_cell(can_stop: str | None) -> None:
    sheet = SheetBuilder().role("cmo", "Maria", can_stop=can_stop)
    [check] = _checks(sheet, "OWN-CMO-NO-STOP-RIGHT")
    assert (check.severity, check.row, check.person) == ("warning", 2, "Maria")
    assert "Roles!G2" in check.fix


def test_cmo_with_russian_yes_has_the_stop_right() -> None:
    sheet = SheetBuilder("ru").role("cmo", "Мария", can_stop="да")
    assert _checks(sheet, "OWN-CMO-NO-STOP-RIGHT") == []


def test_role_without_person_and_without_kpi_are_errors() -> None:
    sheet = clean_team().role("pr", None, kpi=None)
    [no_person] = _checks(sheet, "OWN-ROLE-NO-PERSON")
    [no_kpi] = _checks(sheet, "OWN-ROLE-NO-KPI")
    assert (no_person.severity, no_person.row, no_person.column) == ("error", 5, "Person")
    assert "Roles!B5" in no_person.fix
    assert (no_kpi.severity, no_kpi.column) == ("error", "KPI")
    assert "Roles!E5" in no_kpi.fix
    assert "no person" in no_kpi.message


def test_role_messages_in_russian_name_the_cell() -> None:
    sheet = clean_team("ru").role("pr", "Ира", kpi=None)
    [check] = _checks(sheet, "OWN-ROLE-NO-KPI")
    assert "'Роли'!E5" in check.fix
    assert "нет KPI" in check.message
    assert "Ира" in check.message


@pytest.mark.parametrize(
    "kpi",
    ["Reach", "post count", "Охват", "количество постов", "подписчиков", "Instagram followers",
     "Likes", "Просмотры", "Impressions", "releases per month", "Показы"],
)  # fmt: skip
def test_vanity_kpi_words(kpi: str) -> None:
    assert is_vanity_kpi(kpi)


@pytest.mark.parametrize(
    "kpi",
    ["Subscribers → sales conversion", "CTR", "Cost per follower", "Organic traffic", "Leads",
     "Показатель конверсии", "Постоянные клиенты", "Просмотры → заявки", "ROAS",
     "Revenue from posts", "Выручка", "Repeat sales"],
)  # fmt: skip
def test_outcome_kpis_are_not_vanity(kpi: str) -> None:
    assert not is_vanity_kpi(kpi)


def test_vanity_kpi_in_a_role_list_is_reported_per_item() -> None:
    sheet = clean_team().role("pr", "Ira", kpi="Mentions to leads; Reach, Followers")
    checks = _checks(sheet, "OWN-VANITY-KPI")
    assert [c.severity for c in checks] == ["warning", "warning"]
    assert '"Reach" in Roles!E5' in checks[0].message
    assert '"Followers"' in checks[1].message
    assert "Ira" in checks[1].message


def test_vanity_primary_kpi_of_a_channel_is_reported_on_channels() -> None:
    sheet = clean_team().channel("Instagram", group="organic", owner="Oleg", kpi="Охваты")
    [check] = _checks(sheet, "OWN-VANITY-KPI")
    assert (check.tab, check.row, check.column, check.channel) == (
        "Channels",
        4,
        "Primary KPI",
        "Instagram",
    )
    assert "Channels!F4" in check.message


def test_performance_with_analytics_is_an_error_matching_names_loosely() -> None:
    sheet = clean_team().role("analytics", "  ANNA ", kpi="Data quality")
    [check] = _checks(sheet, "OWN-CONFLICT")
    assert (check.severity, check.row, check.column) == ("error", 5, "External check")
    assert "Roles!H5" in check.fix


def test_conflict_is_silent_with_external_check() -> None:
    sheet = clean_team().role("analytics", "Anna", kpi="Data quality", external_check="Maria")
    assert _checks(sheet, "OWN-CONFLICT") == []


@pytest.mark.parametrize(
    ("extra_role", "person"), [("performance", "Oleg"), ("analytics", "Maria")]
)
def test_write_launch_and_analyse_decide_are_warnings(extra_role: str, person: str) -> None:
    sheet = clean_team().role(extra_role, person, kpi="CPA")
    [check] = _checks(sheet, "OWN-CONFLICT")
    assert check.severity == "warning"
    assert check.person == person


def test_conflict_warning_in_russian() -> None:
    sheet = clean_team("ru").role("analytics", "Maria", kpi="Качество данных")
    [check] = _checks(sheet, "OWN-CONFLICT")
    assert "совмещает" in check.message
    assert "«решить»" in check.message


def test_overload_fires_above_the_limit_only() -> None:
    sheet = clean_team().setting("max_roles_per_person", 2)
    sheet.role("pr", "Oleg", kpi="Leads from PR").role("seo", "oleg", kpi="Organic leads")
    [check] = _checks(sheet, "OWN-OVERLOAD")
    assert (check.severity, check.person, check.row) == ("warning", "Oleg", 4)
    assert "3 roles" in check.message
    assert "limit of 2" in check.message
    sheet = clean_team().setting("max_roles_per_person", 3)
    sheet.role("pr", "Oleg", kpi="Leads from PR").role("seo", "Oleg", kpi="Organic leads")
    assert _checks(sheet, "OWN-OVERLOAD") == []


def test_review_due_when_empty_points_at_the_settings_cell() -> None:
    sheet = clean_team().setting("last_roles_review", None)
    [check] = _checks(sheet, "OWN-REVIEW-DUE")
    assert (check.severity, check.tab, check.column) == ("warning", "Settings", "Value")
    assert "never been reviewed" in check.message
    assert f"Settings!B{check.row}" in check.fix


def test_review_due_without_the_setting_row_names_the_setting() -> None:
    sheet = SheetBuilder("ru").role("cmo", "Мария", can_stop="да")
    [check] = _checks(sheet, "OWN-REVIEW-DUE")
    assert check.row is None
    assert "«Последний пересмотр ролей»" in check.fix


def test_review_due_after_the_interval_but_not_on_its_last_day() -> None:
    sheet = clean_team().setting("last_roles_review", AS_OF - dt.timedelta(days=93))
    [check] = _checks(sheet, "OWN-REVIEW-DUE")
    assert "93 days ago" in check.message
    sheet = clean_team().setting("last_roles_review", AS_OF - dt.timedelta(days=92))
    assert _checks(sheet, "OWN-REVIEW-DUE") == []
