"""The role map: people × hats, conflicts with their outside checker, gaps that stand out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from rolemap.core.model.contract import Lang, load_contract
from rolemap.core.plan.model import OutputTab
from rolemap.core.plan.role_map_tab import role_map_tab
from rolemap.core.recalc import RunResult, recalculate_snapshot
from tests.unit.sheet_builder import SheetBuilder

AS_OF = dt.date(2026, 11, 25)


def _team(lang: Lang = "en") -> SheetBuilder:
    return (
        SheetBuilder(lang)
        .setting("max_roles_per_person", 2)
        .role("cmo", "Maria", kpi="Revenue; ROMI", can_stop="yes", email="maria@example.com")
        .role("performance", "Anna", kpi="CPA", kpi_target="3000")
        .role("analytics", "anna ", kpi="Data accuracy", external_check="Irina")
        .role("content", "Oleg", kpi="Leads")
        .role("performance", "Oleg", kpi="CPL", kpi_target="700")
        .role("Video", "Oleg", kpi="Views → leads")
        .channel("Google Ads", owner="Anna")
        .channel("Blog", group="organic", owner="Oleg", budget=None, kpi="Leads")
        .channel("Old ads", owner="Anna", status="stopped")
        .channel("Telegram", group="organic", owner=None, budget=None, kpi="Leads")
    )


def _result(lang: Lang = "en") -> RunResult:
    return recalculate_snapshot(_team(lang).snapshot(), today=AS_OF)


def test_people_facts_list_hats_kpis_channels_stop_right_and_every_conflicting_pair() -> None:
    people = [p.to_json() for p in _result().people]
    assert people == [
        {
            "person": "Maria",
            "email": "maria@example.com",
            "roles": [{"role": "cmo", "kpi": "Revenue; ROMI", "kpi_target": None}],
            "hats": 1,
            "max_hats": 2,
            "channels_owned": [],
            "can_stop": True,
            "conflicts": [],
        },
        {
            "person": "Anna",
            "email": None,
            "roles": [
                {"role": "performance", "kpi": "CPA", "kpi_target": "3000"},
                {"role": "analytics", "kpi": "Data accuracy", "kpi_target": None},
            ],
            "hats": 2,
            "max_hats": 2,
            "channels_owned": ["Google Ads", "Old ads"],
            "can_stop": False,
            "conflicts": [
                {
                    "role": "performance",
                    "with_role": "analytics",
                    "severity": "error",
                    "external_check": "Irina",
                }
            ],
        },
        {
            "person": "Oleg",
            "email": None,
            "roles": [
                {"role": "content", "kpi": "Leads", "kpi_target": None},
                {"role": "performance", "kpi": "CPL", "kpi_target": "700"},
                {"role": "Video", "kpi": "Views → leads", "kpi_target": None},
            ],
            "hats": 3,
            "max_hats": 2,
            "channels_owned": ["Blog"],
            "can_stop": False,
            "conflicts": [
                {
                    "role": "content",
                    "with_role": "performance",
                    "severity": "warning",
                    "external_check": None,
                }
            ],
        },
    ]


def test_people_are_in_the_json_after_the_fixed_keys() -> None:
    payload = _result().to_json(spreadsheet_id="x", api_requests=0, duration_ms=1, dry_run=True)
    keys = list(payload)
    assert keys.index("people") > keys.index("dry_run")
    assert [p["person"] for p in payload["people"]] == ["Maria", "Anna", "Oleg"]


def test_the_pair_checked_from_outside_is_still_mapped_but_not_a_check() -> None:
    codes = [(c.code, c.severity) for c in _result().checks if c.code == "OWN-CONFLICT"]
    assert codes == [("OWN-CONFLICT", "warning")]  # Oleg's; Anna's is checked by Irina


def _cells(tab: OutputTab) -> list[list[Any]]:
    return [[c.value for c in row] for row in tab.rows]


def _tab(lang: Lang = "en") -> OutputTab:
    return role_map_tab(_result(lang), load_contract().output("role_map"))


def _row(tab: OutputTab, first: str) -> int:
    return next(i for i, row in enumerate(tab.rows) if row and row[0].value == first)


def test_roles_are_columns_in_contract_order_then_custom_ones_then_the_person_facts() -> None:
    tab = _tab()
    header = _cells(tab)[_row(tab, "Person")]
    assert header == [
        "Person",
        "CMO",
        "Content",
        "Performance",
        "PR\n(nobody)",
        "CRM\n(nobody)",
        "SEO\n(nobody)",
        "Project manager\n(nobody)",
        "Analytics",
        "Video",
        "Hats / max",
        "Channels owned",
        "Can stop channels",
        "Conflicting hats",
    ]
    assert len(tab.column_widths) == len(header)
    assert tab.frozen_rows == _row(tab, "Person") + 1


def test_each_cell_is_the_kpi_of_that_hat_coloured_by_the_conflict_it_is_part_of() -> None:
    tab = _tab()
    anna, oleg = tab.rows[_row(tab, "Anna")], tab.rows[_row(tab, "Oleg")]
    assert anna[3].value == "CPA (target: 3000)\nchecked by Irina"
    assert anna[8].value == "Data accuracy\nchecked by Irina"
    assert {anna[3].style.tone, anna[8].style.tone} == {"red"}  # type: ignore[union-attr]
    assert oleg[2].value == "Leads"
    assert {oleg[2].style.tone, oleg[3].style.tone} == {"amber"}  # type: ignore[union-attr]
    assert oleg[9].value == "Views → leads"
    assert oleg[9].style.tone is None  # type: ignore[union-attr]
    assert [c.value for c in oleg[10:]] == [
        "3 / 2",
        "Blog",
        "no",
        "Content + Performance: warning, no outside check",
    ]
    assert oleg[10].style.tone == "red"  # type: ignore[union-attr]  # over the maximum
    assert anna[13].value == "Performance + Analytics: error, checked by Irina"


def test_a_role_nobody_holds_is_a_highlighted_column_and_a_channel_nobody_owns_a_row() -> None:
    tab = _tab()
    header = tab.rows[_row(tab, "Person")]
    pr = next(i for i, c in enumerate(header) if str(c.value).startswith("PR"))
    assert header[pr].style.tone == "yellow"  # type: ignore[union-attr]
    assert all(tab.rows[_row(tab, p)][pr].style.tone == "yellow" for p in ("Maria", "Oleg"))  # type: ignore[union-attr]
    telegram = tab.rows[_row(tab, "Telegram")]
    assert [c.value for c in telegram] == ["Telegram", "—", "Active", "Leads", "nobody owns it"]
    assert {c.style.tone for c in telegram} == {"yellow"}  # type: ignore[union-attr]
    blog = tab.rows[_row(tab, "Blog")]
    assert blog[4].value is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_role_map_speaks_the_sheet_language_and_sizes_its_tall_rows(lang: Lang) -> None:
    tab = _tab(lang)
    assert tab.title == load_contract().output("role_map").title(lang)
    heights = dict(tab.row_heights)
    assert heights[_row(tab, "Anna")] >= 2 * 17  # KPI plus its checker: two lines at least
    if lang == "ru":
        header = _cells(tab)[_row(tab, "Исполнитель")]
        assert header[4] == "PR\n(никто)"
        oleg = tab.rows[_row(tab, "Oleg")]
        assert oleg[-1].value == "Контент + Перформанс: предупреждение, нет внешней проверки"
